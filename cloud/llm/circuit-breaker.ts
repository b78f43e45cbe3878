import CircuitBreaker from 'opossum';

export type BreakerState = 'closed' | 'open' | 'halfOpen';

export interface BreakerOptions {
  /** Consecutive counted failures that open the circuit. */
  failureThreshold: number;
  /** Time open before one probe is let through (half-open). */
  resetTimeoutMs: number;
  /** Failures that say nothing about the service's health (a 400, a refusal) are not counted. */
  counts: (err: unknown) => boolean;
  onStateChange?: (state: BreakerState) => void;
}

export interface Breaker {
  /** Run `fn` through the circuit; rejects at once with code EOPENBREAKER while open. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  state(): BreakerState;
  /** Stop its timers (tests, shutdown). */
  shutdown(): void;
}

/**
 * A circuit breaker on opossum's state machine (open → half-open after `resetTimeoutMs` → one
 * probe → closed or open again), tripped by N consecutive failures rather than opossum's
 * error percentage over a rolling window: with 35 parallel calls a percentage trips on a
 * short burst of 529s that the SDK's retries would have absorbed, while consecutive failures
 * mean every recent call failed even after retries.
 */
export function createBreaker(opts: BreakerOptions): Breaker {
  const breaker = new CircuitBreaker(<T>(fn: () => Promise<T>) => fn(), {
    timeout: false, // the SDK's own timeout applies per attempt
    resetTimeout: opts.resetTimeoutMs,
    // Never trip on percentages; we open it ourselves below.
    errorThresholdPercentage: 100,
    volumeThreshold: Number.MAX_SAFE_INTEGER,
    enableSnapshots: false,
    errorFilter: (err: unknown) => !opts.counts(err),
  });
  let consecutive = 0;
  breaker.on('success', () => {
    consecutive = 0;
  });
  breaker.on('failure', () => {
    consecutive += 1;
    // opossum reopens a failed half-open probe itself; a closed circuit opens at the threshold.
    if (breaker.closed && consecutive >= opts.failureThreshold) breaker.open();
  });
  const state = (): BreakerState => (breaker.opened ? 'open' : breaker.halfOpen ? 'halfOpen' : 'closed');
  breaker.on('open', () => opts.onStateChange?.('open'));
  breaker.on('halfOpen', () => opts.onStateChange?.('halfOpen'));
  breaker.on('close', () => {
    consecutive = 0;
    opts.onStateChange?.('closed');
  });
  return {
    run: <T>(fn: () => Promise<T>) => breaker.fire(fn) as Promise<T>,
    state,
    shutdown: () => breaker.shutdown(),
  };
}
