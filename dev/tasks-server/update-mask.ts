import { DEFAULT_RETRY, type QueueSpec, rateLimits, type RateLimitPolicy, type RetryPolicy } from './queue-config';

type Update = { retry: Partial<RetryPolicy>; rateLimits: Partial<Omit<RateLimitPolicy, 'maxBurstSize'>> };

const RETRY_FIELDS: Record<keyof RetryPolicy, string> = {
  maxAttempts: 'retry_config.max_attempts',
  maxRetryDurationMs: 'retry_config.max_retry_duration',
  minBackoffMs: 'retry_config.min_backoff',
  maxBackoffMs: 'retry_config.max_backoff',
  maxDoublings: 'retry_config.max_doublings',
};
const RATE_FIELDS = {
  maxDispatchesPerSecond: 'rate_limits.max_dispatches_per_second',
  maxConcurrentDispatches: 'rate_limits.max_concurrent_dispatches',
} as const;

const snake = (path: string) => path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * UpdateQueue's field mask: with no mask, every field present in the request is applied; with a
 * mask, exactly the named fields (or whole sections) are, and a named field the request leaves out
 * returns to its default, as a proto field mask does.
 */
export function applyUpdateMask(input: Omit<QueueSpec, 'name'>, mask: string | null): Update {
  const given: Update = { retry: input.retry ?? {}, rateLimits: input.rateLimits ?? {} };
  const paths = (mask ?? '')
    .split(',')
    .map((p) => snake(p.trim()))
    .filter(Boolean);
  if (paths.length === 0) return given;
  const named = (path: string) => paths.some((p) => p === path || path.startsWith(`${p}.`));

  const out: Update = { retry: {}, rateLimits: {} };
  for (const [key, path] of Object.entries(RETRY_FIELDS) as Array<[keyof RetryPolicy, string]>) {
    if (named(path)) out.retry[key] = given.retry[key] ?? DEFAULT_RETRY[key];
  }
  const rateDefaults = rateLimits();
  for (const [key, path] of Object.entries(RATE_FIELDS) as Array<[keyof typeof RATE_FIELDS, string]>) {
    if (named(path)) out.rateLimits[key] = given.rateLimits[key] ?? rateDefaults[key];
  }
  return out;
}
