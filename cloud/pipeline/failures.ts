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

/** Answered to Cloud Tasks as 503, so it delivers the task again after its backoff. */
export class RetryLaterError extends GradeBotError {
  constructor(detail: string) {
    super('unavailable', `Task will be retried: ${detail}`);
    this.name = 'RetryLaterError';
  }
}

export interface Classified {
  retryable: boolean;
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
    return { retryable: err.retryable, reason, detail: `llm ${err.kind}: ${err.detail}`.slice(0, 500) };
  }
  if (err instanceof PermanentTaskError) return { retryable: false, reason: err.reason, detail: err.message };
  if (err instanceof ZodError || err instanceof InvalidDocumentError) {
    return { retryable: false, reason: GENERIC, detail: `invalid data: ${err.message}`.slice(0, 500) };
  }
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return { retryable: true, reason: GENERIC, detail: detail.slice(0, 500) };
}
