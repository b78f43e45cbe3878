import type { BreakerState } from './circuit-breaker';
import type { LlmError } from './errors';

/**
 * Whether a failed attempt is retried inside the call, and after how long. Matched to the fault:
 *
 * - an attempt we abandoned past its deadline is retried at once (the service did not say it was
 *   busy; the request was lost or stuck);
 * - a `retry-after` the API sent is honoured exactly, when it is short enough to wait in-process;
 *   a longer one ends the call so the pipeline defers the step (no instance sits idle);
 * - 529 overloaded, 429 without `retry-after`, 5xx and connection errors wait a short jittered
 *   backoff (so 35 calls that failed together do not come back together);
 * - nothing is retried while the circuit is not closed, when the server said not to
 *   (`x-should-retry: false`, e.g. the task's own LLM budget ran out), for a permanent error, or
 *   once `maxRetries` were spent: the queue's backoff is the safety net for longer outages.
 */
export type RetryDecision = { retry: true; delayMs: number; why: string } | { retry: false; why: string };

export interface RetryPolicy {
  maxRetries: number;
  /** A `retry-after` above this is not waited out in-process. */
  maxInlineRetryAfterMs: number;
  /** First backoff step; doubles per retry. */
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_BACKOFF = { baseBackoffMs: 250, maxBackoffMs: 4000 } as const;

export interface FailedAttempt {
  error: LlmError;
  /** We aborted it past its attempt deadline. */
  abandoned: boolean;
  /** Retries already made in this call. */
  retriesDone: number;
  circuit: BreakerState;
}

export function decideRetry(f: FailedAttempt, policy: RetryPolicy, random: () => number = Math.random): RetryDecision {
  const e = f.error;
  if (!e.retryable) return { retry: false, why: `permanent: ${e.kind}` };
  if (e.kind === 'circuit_open') return { retry: false, why: 'circuit open' };
  if (e.extra.noRetry) return { retry: false, why: 'the response said not to retry' };
  if (f.retriesDone >= policy.maxRetries) return { retry: false, why: `${policy.maxRetries} inline retries spent` };
  if (f.circuit !== 'closed') return { retry: false, why: `circuit ${f.circuit}` };
  if (f.abandoned) return { retry: true, delayMs: 0, why: 'abandoned past its deadline: at once' };
  const after = e.retryAfterMs;
  if (after !== undefined) {
    if (after > policy.maxInlineRetryAfterMs) return { retry: false, why: `retry-after ${after} ms is longer than ${policy.maxInlineRetryAfterMs} ms: the queue waits` };
    return { retry: true, delayMs: Math.round(after), why: 'retry-after' };
  }
  // "Equal jitter": half the step for sure, the other half at random.
  const step = Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** f.retriesDone);
  return { retry: true, delayMs: Math.round(step / 2 + random() * (step / 2)), why: `${e.kind}: jittered backoff` };
}
