import { z } from 'zod';
import { IdSchema, type TaskKind } from '../../shared/domain';

/**
 * What a pipeline task carries: ids and the round or attempt it was queued for, never student
 * text (task bodies show up in Cloud Tasks' console). The worker parses every body with this.
 */
export const RubricPayloadSchema = z.object({ kind: z.literal('rubric'), assignmentId: IdSchema, round: z.number().int().min(1) });
export const FeedbackPayloadSchema = z.object({ kind: z.literal('feedback'), assignmentId: IdSchema, workId: IdSchema, attempt: z.number().int().min(1) });
export const SummaryPayloadSchema = z.object({ kind: z.literal('summary'), assignmentId: IdSchema, round: z.number().int().min(1) });

export const TaskPayloadSchema = z.discriminatedUnion('kind', [RubricPayloadSchema, FeedbackPayloadSchema, SummaryPayloadSchema]);

export type RubricPayload = z.infer<typeof RubricPayloadSchema>;
export type FeedbackPayload = z.infer<typeof FeedbackPayloadSchema>;
export type SummaryPayload = z.infer<typeof SummaryPayloadSchema>;
export type TaskPayload = z.infer<typeof TaskPayloadSchema>;
export type PayloadOf<K extends TaskKind> = Extract<TaskPayload, { kind: K }>;

/**
 * The deterministic name of a task, which is also its run id (memo and metric ids derive from it).
 * A re-delivery or a re-enqueue of the same step gets the same name, so Cloud Tasks de-duplicates
 * it; a deliberate re-run (a teacher's Retry, the next summary round) has a new attempt or round.
 */
export function taskName(p: TaskPayload): string {
  switch (p.kind) {
    case 'rubric':
      return `rubric-${p.assignmentId}-${p.round}`;
    case 'feedback':
      return `feedback-${p.assignmentId}-${p.workId}-${p.attempt}`;
    case 'summary':
      return `summary-${p.assignmentId}-${p.round}`;
  }
}

/** Where the worker receives a task; the kind in the path is for access logs, the body decides. */
export function taskUrl(workerUrl: string, kind: TaskKind): string {
  return `${workerUrl.replace(/\/+$/, '')}/tasks/${kind}`;
}
