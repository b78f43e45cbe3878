import { ZodError } from 'zod';
import { GradeBotError } from '../errors';
import { LlmError } from '../llm/errors';
import { InvalidDocumentError } from '../store/converter';

/** A failure that retrying cannot fix (missing text, an output that cannot be stored). */
export class PermanentTaskError extends Error {
  constructor(
    /** Worded for a teacher. */
    readonly reason: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'PermanentTaskError';
  }
}

/**
 * Answered to Cloud Tasks as 503, so it delivers the task again after its backoff; with
 * `retryAfterMs` (Claude said how long to wait) the worker adds a `Retry-After` header, which the
 * queue takes into account for when it delivers again.
 */
export class RetryLaterError extends GradeBotError {
  constructor(
    detail: string,
    readonly retryAfterMs?: number,
  ) {
    super('unavailable', `Task will be retried: ${detail}`);
    this.name = 'RetryLaterError';
  }
}

export interface Classified {
  retryable: boolean;
  /** How long the service asked us to wait before trying again (an LLM 429/529's retry-after). */
  retryAfterMs?: number;
  /** For the teacher, used when the failure is recorded. */
  reason: string;
  /** For logs and metrics: ids and kinds, never student text. */
  detail: string;
}

const GENERIC = 'Something went wrong while GradeBot worked on this. Retry it.';

/**
 * Retryable vs permanent. LLM errors say so themselves. Data that fails its schema will fail the
 * same way next time, so it is permanent. Anything else (Firestore contention, a dropped
 * connection, an instance that died) is worth another delivery.
 */
export function classify(err: unknown, lastAttempt: boolean): Classified {
  if (err instanceof LlmError) {
    const reason = err.retryable && lastAttempt ? 'Claude was unavailable each time GradeBot tried. Retry this in a few minutes.' : err.message;
    return { retryable: err.retryable, retryAfterMs: err.retryable ? err.retryAfterMs : undefined, reason, detail: `llm ${err.kind}: ${err.detail}`.slice(0, 500) };
  }
  if (err instanceof PermanentTaskError) return { retryable: false, reason: err.reason, detail: err.message };
  if (err instanceof ZodError || err instanceof InvalidDocumentError) {
    return { retryable: false, reason: GENERIC, detail: `invalid data: ${err.message}`.slice(0, 500) };
  }
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return { retryable: true, reason: GENERIC, detail: detail.slice(0, 500) };
}

/**
 * The teacher-facing reasons the watchdog records for a step its last delivery left open (the
 * `sweep` delivery in pipeline.ts). The rubric's goes to `pipeline.rubricFailureReason`; its works
 * fail with RUBRIC_FAILED_REASON like after any rubric failure, so Retry brings them all back.
 */
export const STUCK_REASONS = {
  rubric: 'GradeBot stopped hearing back while creating the rubric.',
  feedback: 'GradeBot stopped hearing back while grading this work. Retry it.',
  summary: 'GradeBot stopped hearing back while writing the class summary.',
} as const;

/**
 * When Cloud Tasks delivers a task again after a failed delivery, by its queue's retry policy
 * (`dispatches`: deliveries so far, ≥ 1): min backoff doubled per retry up to max doublings, then
 * growing linearly, capped at max backoff — Cloud Tasks' RetryConfig, as dev/tasks-server plays it.
 */
export function queueBackoffMs(retry: { minBackoffMs: number; maxBackoffMs: number; maxDoublings: number }, dispatches: number): number {
  const n = Math.max(1, dispatches);
  const doublings = Math.min(n - 1, retry.maxDoublings);
  const delay = retry.minBackoffMs * 2 ** doublings * (1 + (n - 1 - doublings));
  return Math.min(retry.maxBackoffMs, Math.max(retry.minBackoffMs, delay));
}
