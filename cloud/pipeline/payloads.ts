import { z } from 'zod';
import { IdSchema, type TaskKind } from '../../shared/domain';

/**
 * What a pipeline task carries: ids and the round or attempt it was queued for, never student
 * text (task bodies show up in Cloud Tasks' console). The worker parses every body with this.
 *
 * `deferral` counts the continuations of one step that waited out Claude's `retry-after` (see
 * pipeline.ts): the same step under a new task name, scheduled for when Claude asked us to come back.
 */
const Deferral = z.number().int().min(1).max(100).optional();
export const RubricPayloadSchema = z.object({ kind: z.literal('rubric'), assignmentId: IdSchema, round: z.number().int().min(1), deferral: Deferral });
export const FeedbackPayloadSchema = z.object({
  kind: z.literal('feedback'),
  assignmentId: IdSchema,
  workId: IdSchema,
  attempt: z.number().int().min(1),
  deferral: Deferral,
  /**
   * Set for the calibration check (issue 16): grade this example work with the other examples as
   * anchors, in that calibration round, and store only the levels (the work keeps its feedback).
   */
  looRound: z.number().int().min(1).optional(),
});
export const SummaryPayloadSchema = z.object({ kind: z.literal('summary'), assignmentId: IdSchema, round: z.number().int().min(1), deferral: Deferral });

export const TaskPayloadSchema = z.discriminatedUnion('kind', [RubricPayloadSchema, FeedbackPayloadSchema, SummaryPayloadSchema]);

export type RubricPayload = z.infer<typeof RubricPayloadSchema>;
export type FeedbackPayload = z.infer<typeof FeedbackPayloadSchema>;
export type SummaryPayload = z.infer<typeof SummaryPayloadSchema>;
export type TaskPayload = z.infer<typeof TaskPayloadSchema>;
export type PayloadOf<K extends TaskKind> = Extract<TaskPayload, { kind: K }>;

/**
 * The watchdog of one delivery that may be the last (`POST /tasks/sweep`): the task it watches. Run
 * after that delivery's dispatch deadline, it records the step as failed if it is still open.
 */
export const SweepPayloadSchema = z.object({ kind: z.literal('sweep'), task: TaskPayloadSchema });
export type SweepPayload = z.infer<typeof SweepPayloadSchema>;

/**
 * The step a task performs, whatever continuation it is: the memo of its LLM answer is kept under
 * this name, so a continuation finds an answer an earlier one paid for.
 */
export function stepName(p: TaskPayload): string {
  switch (p.kind) {
    case 'rubric':
      return `rubric-${p.assignmentId}-${p.round}`;
    case 'feedback':
      return p.looRound ? `feedback-${p.assignmentId}-${p.workId}-loo${p.looRound}` : `feedback-${p.assignmentId}-${p.workId}-${p.attempt}`;
    case 'summary':
      return `summary-${p.assignmentId}-${p.round}`;
  }
}

/**
 * The deterministic name of a task, which is also its run id (metric ids derive from it). A
 * re-delivery or a re-enqueue of the same step gets the same name, so Cloud Tasks de-duplicates
 * it; a deliberate re-run (a teacher's Retry, the next summary round, a deferral) has a new
 * attempt, round or deferral number.
 */
export function taskName(p: TaskPayload): string {
  return p.deferral ? `${stepName(p)}-d${p.deferral}` : stepName(p);
}

/** The sweep's name: one per watched task, so duplicate deliveries of a last attempt queue it once. */
export function sweepName(task: TaskPayload): string {
  return `sweep-${taskName(task)}`;
}

/** Where the worker receives a task; the kind in the path is for access logs, the body decides. */
export function taskUrl(workerUrl: string, kind: TaskKind | 'sweep'): string {
  return `${workerUrl.replace(/\/+$/, '')}/tasks/${kind}`;
}
