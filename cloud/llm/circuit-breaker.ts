export type BreakerState = 'closed' | 'open' | 'halfOpen';

/** What a call's outcome says about the service's health. */
export type Outcome = 'success' | 'failure' | 'neutral';

export interface BreakerOptions {
  /** Consecutive counted failures that open the circuit. */
  failureThreshold: number;
  /** Time open before one probe is let through (half-open). */
  resetTimeoutMs: number;
  /**
   * Whether a thrown error says the service is unwell (a 529, a 5xx, a timeout): true counts it as a
   * failure. False makes it neutral (a 400, a 401, a refusal): neither a failure nor a success.
   */
  counts: (err: unknown) => boolean;
  onStateChange?: (state: BreakerState) => void;
  /** Clock in ms (tests); default `Date.now`. */
  now?: () => number;
}

export interface Breaker {
  /** Run `fn` through the circuit; rejects at once with code EOPENBREAKER while open. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  state(): BreakerState;
  /** Nothing to stop (no timers: open → half-open is decided on the clock when next asked); kept for callers. */
  shutdown(): void;
}

/** The error a rejected call gets; `toLlmError` turns it into the retryable `circuit_open`. */
export function openCircuitError(): Error {
  return Object.assign(new Error('Breaker is open'), { code: 'EOPENBREAKER' });
}

/**
 * A circuit breaker tripped by N consecutive *counted* failures (rather than an error percentage
 * over a rolling window: with 35 parallel calls a percentage trips on a short burst of 529s that
 * the SDK's retries would have absorbed, while consecutive failures mean every recent call failed
 * even after retries). Each call's outcome is `success`, `failure` (counts) or `neutral` (a
 * permanent error: it says nothing about the service's health). The whole state machine:
 *
 * | state    | call                                  | success               | failure                         | neutral                                   |
 * |----------|---------------------------------------|-----------------------|---------------------------------|-------------------------------------------|
 * | closed   | runs                                  | streak = 0            | streak + 1; at N → open         | nothing (the streak is kept)              |
 * | open     | rejected (EOPENBREAKER, no request)   | —                     | —                               | —                                         |
 * | halfOpen | the first runs as the probe; others   | probe → closed,       | probe → open (reset time again) | probe → still halfOpen; the next call is  |
 * |          | are rejected while it is in flight    | streak = 0            |                                 | the probe                                 |
 *
 * open → halfOpen once `resetTimeoutMs` have passed since it opened. An outcome only acts on the
 * state its call was let through in: calls still in flight when the circuit opens (or a closed
 * circuit's stragglers after a later open/close) are ignored, so only the probe decides half-open.
 */
export function createBreaker(opts: BreakerOptions): Breaker {
  const now = opts.now ?? Date.now;
  let current: BreakerState = 'closed';
  /** Bumped on every transition: the period a call was let through in. */
  let period = 0;
  let streak = 0;
  let openedAt = 0;
  let probeInFlight = false;

  const enter = (next: BreakerState) => {
    current = next;
    period += 1;
    probeInFlight = false;
    if (next === 'open') openedAt = now();
    if (next === 'closed') streak = 0;
    opts.onStateChange?.(next);
  };

  const state = (): BreakerState => {
    if (current === 'open' && now() - openedAt >= opts.resetTimeoutMs) enter('halfOpen');
    return current;
  };

  const settle = (admittedIn: number, outcome: Outcome) => {
    if (admittedIn !== period) return; // the state this call was let through in has passed
    if (current === 'halfOpen') {
      probeInFlight = false;
      if (outcome === 'success') enter('closed');
      else if (outcome === 'failure') enter('open');
      // neutral: still half-open, and the next call probes
      return;
    }
    if (outcome === 'success') streak = 0;
    else if (outcome === 'failure') {
      streak += 1;
      if (streak >= opts.failureThreshold) enter('open');
    }
  };

  async function run<T>(fn: () => Promise<T>): Promise<T> {
    const s = state();
    if (s === 'open' || (s === 'halfOpen' && probeInFlight)) throw openCircuitError();
    if (s === 'halfOpen') probeInFlight = true;
    const admittedIn = period;
    let result: T;
    try {
      result = await fn();
    } catch (err) {
      let counted = true; // a classifier that throws must not leave a probe in flight for ever
      try {
        counted = opts.counts(err);
      } catch {}
      settle(admittedIn, counted ? 'failure' : 'neutral');
      throw err;
    }
    settle(admittedIn, 'success');
    return result;
  }

  return { run, state, shutdown: () => {} };
}
