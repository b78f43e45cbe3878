import { z } from 'zod';

/** Running totals of one task kind's measured durations (pipeline runs that stored a result). */
export const KindTimingSchema = z.object({
  count: z.number().int().min(0),
  totalMs: z.number().int().min(0),
});
export type KindTiming = z.infer<typeof KindTimingSchema>;

/**
 * The pipeline's bookkeeping on the assignment document. Rounds make task names deterministic and
 * let a task recognise that it is stale: a rubric or summary task carries the round it was queued
 * for and does nothing when the assignment has moved on. Timing feeds the estimate with measured
 * averages without reading the metrics collection.
 */
export const PipelineStateSchema = z.object({
  /** The rubric task round in force (1 at creation; a retry after a failed rubric starts the next). */
  rubricRound: z.number().int().min(1),
  /** Why the rubric could not be created, worded for a teacher; null while fine. */
  rubricFailureReason: z.string().nullable(),
  /** The summary round last requested (0: never). Each "every work is terminal" moment starts one. */
  summaryRound: z.number().int().min(0),
  /** The summary round whose result is stored (0: none). */
  summaryStoredRound: z.number().int().min(0),
  /** Why the latest summary could not be written, for the teacher; null while fine. */
  summaryFailureReason: z.string().nullable(),
  /** The last re-grade the teacher asked for (its id from the confirmation card): a repeat of it does nothing. */
  lastRegradeId: z.string().max(128).optional(),
  /** How many re-grades were started. */
  regrades: z.number().int().min(0).optional(),
  timing: z.object({ rubric: KindTimingSchema, feedback: KindTimingSchema, summary: KindTimingSchema }),
  /** As a work's `retryAt`, for the rubric and the summary task: when the queue delivers it again. */
  retryAt: z.object({ rubric: z.date().nullable().optional(), summary: z.date().nullable().optional() }).optional(),
});
export type PipelineState = z.infer<typeof PipelineStateSchema>;

/** The state a new assignment starts with. */
export function initialPipelineState(): PipelineState {
  const zero = { count: 0, totalMs: 0 };
  return { rubricRound: 1, rubricFailureReason: null, summaryRound: 0, summaryStoredRound: 0, summaryFailureReason: null, timing: { rubric: { ...zero }, feedback: { ...zero }, summary: { ...zero } } };
}
