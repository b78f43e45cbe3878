import { durationJson, type RateLimitsInput, type RetryConfigInput } from './wire';

/** A queue's retry policy, as Cloud Tasks' RetryConfig, durations in milliseconds. */
export interface RetryPolicy {
  /** Attempts in total, the first included; -1 means unlimited. */
  maxAttempts: number;
  /** 0 means unlimited; otherwise retries stop once both this and maxAttempts are reached. */
  maxRetryDurationMs: number;
  minBackoffMs: number;
  maxBackoffMs: number;
  maxDoublings: number;
}

export interface RateLimitPolicy {
  maxDispatchesPerSecond: number;
  maxBurstSize: number;
  maxConcurrentDispatches: number;
}

export interface QueuePolicy {
  retry: RetryPolicy;
  rateLimits: RateLimitPolicy;
}

/** What `startTasksServer({queues})` and createQueue accept; omitted fields take Google's defaults. */
export interface QueueSpec {
  /** Full resource name: projects/P/locations/L/queues/Q. */
  name: string;
  retry?: Partial<RetryPolicy>;
  rateLimits?: Partial<Omit<RateLimitPolicy, 'maxBurstSize'>>;
}

/** Google's defaults for a queue created through the API. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 100,
  maxRetryDurationMs: 0,
  minBackoffMs: 100,
  maxBackoffMs: 3_600_000,
  maxDoublings: 16,
};

const DEFAULT_RATE = 500;
const DEFAULT_CONCURRENCY = 1000;

/** Google computes the burst size from the rate; this approximation keeps a burst of about 1s. */
const burstFor = (rate: number) => Math.min(100, Math.max(1, Math.ceil(rate)));

export function rateLimits(input: Partial<Omit<RateLimitPolicy, 'maxBurstSize'>> = {}): RateLimitPolicy {
  const maxDispatchesPerSecond = input.maxDispatchesPerSecond ?? DEFAULT_RATE;
  return {
    maxDispatchesPerSecond,
    maxBurstSize: burstFor(maxDispatchesPerSecond),
    maxConcurrentDispatches: input.maxConcurrentDispatches ?? DEFAULT_CONCURRENCY,
  };
}

export function queuePolicy(spec: Omit<QueueSpec, 'name'>): QueuePolicy {
  return { retry: { ...DEFAULT_RETRY, ...stripUndefined(spec.retry ?? {}) }, rateLimits: rateLimits(stripUndefined(spec.rateLimits ?? {})) };
}

/** The REST input's fields, in this module's units. */
export function fromWire(retry: RetryConfigInput = {}, rate: RateLimitsInput = {}): Omit<QueueSpec, 'name'> {
  return {
    retry: stripUndefined({
      maxAttempts: retry.maxAttempts,
      maxRetryDurationMs: retry.maxRetryDuration,
      minBackoffMs: retry.minBackoff,
      maxBackoffMs: retry.maxBackoff,
      maxDoublings: retry.maxDoublings,
    }),
    rateLimits: stripUndefined({
      maxDispatchesPerSecond: rate.maxDispatchesPerSecond,
      maxConcurrentDispatches: rate.maxConcurrentDispatches,
    }),
  };
}

export function policyJson(p: QueuePolicy) {
  return {
    rateLimits: { ...p.rateLimits },
    retryConfig: {
      maxAttempts: p.retry.maxAttempts,
      maxRetryDuration: durationJson(p.retry.maxRetryDurationMs),
      minBackoff: durationJson(p.retry.minBackoffMs),
      maxBackoff: durationJson(p.retry.maxBackoffMs),
      maxDoublings: p.retry.maxDoublings,
    },
  };
}

/**
 * The nominal delay before retry number `retry` (1 = after the first failed attempt), as Cloud
 * Tasks documents it: start at minBackoff, double maxDoublings times, then grow linearly by the
 * last doubled interval, never above maxBackoff. E.g. min 10s, max 300s, 3 doublings:
 * 10, 20, 40, 80, 160, 240, 300, 300…
 */
export function backoffMs(retry: RetryPolicy, attempt: number): number {
  const n = Math.max(1, attempt);
  const doublings = Math.min(n - 1, retry.maxDoublings);
  const doubled = retry.minBackoffMs * 2 ** doublings;
  const linearSteps = n - 1 - doublings;
  const delay = doubled * (1 + linearSteps);
  return Math.min(retry.maxBackoffMs, Math.max(retry.minBackoffMs, delay));
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
