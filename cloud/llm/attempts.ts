import type { BreakerState } from './circuit-breaker';
import { LlmError, toLlmError } from './errors';
import { decideRetry, type RetryPolicy } from './retry-policy';

/** What the attempts of one API call cost, for the call's result and the client's counters. */
export interface AttemptStats {
  /** HTTP requests sent (retries and the hedge included). */
  requests: number;
  /** Requests abandoned past their attempt deadline. */
  abandoned: number;
  /** Inline retries made. */
  retries: number;
  /** A hedge was sent. */
  hedged: boolean;
  /** The hedge's answer was the one used. */
  hedgeWon: boolean;
  /** Requests answered whose answer was not used (the slower of a hedged pair): billed, recorded. */
  extraAnswers: number;
}

export const noAttempts = (): AttemptStats => ({ requests: 0, abandoned: 0, retries: 0, hedged: false, hedgeWon: false, extraAnswers: 0 });

export interface AttemptPlan<R> {
  /** Send one request; it must end when `signal` aborts. */
  send(signal: AbortSignal): Promise<R>;
  /** The current deadline of one attempt, ms (re-read while it runs: measurements arrive meanwhile). */
  deadlineMs(): number;
  /** When a hedge may start, ms into an attempt; undefined: this call is never hedged. */
  hedgeAfterMs(): number | undefined;
  /**
   * Asked when an attempt passes hedgeAfterMs, and again at most every HEDGE_RECHECK_MS while it
   * runs (works finish meanwhile): may a second copy start now?
   */
  mayHedge(): Promise<boolean>;
  /** Hedges left for this call (shared by a call's repair turn): at most one per work. */
  hedges: { left: number };
  circuit(): BreakerState;
  policy: RetryPolicy;
  /** An answered request: its latency (for the tracker). */
  onAnswered(ms: number): void;
  /** A request answered after another was used: it was billed, so it is recorded. */
  onExtraAnswer(response: R, ms: number): Promise<void>;
  onAbandoned(info: { ms: number; deadlineMs: number; hedge: boolean }): void;
  onRetry(info: { error: LlmError; delayMs: number; why: string }): void;
  now(): number;
  sleep(ms: number): Promise<void>;
  random?: () => number;
  /** How often running attempts are checked against their deadline and hedge time. */
  tickMs?: number;
}

/** How often a slow attempt asks again whether it may be hedged, after a "not yet". */
export const HEDGE_RECHECK_MS = 1000;

type Settled<R> = { ok: true; response: R; ms: number } | { ok: false; error: unknown; ms: number };

interface Flight<R> {
  /** The attempt's request, its hedge, or the request that replaced an abandoned one while the other still ran. */
  role: 'primary' | 'hedge' | 'replacement';
  started: number;
  controller: AbortController;
  /** Why we aborted it, if we did. */
  aborted?: 'abandoned' | 'cancelled';
  deadlineMs?: number;
  result?: Settled<R>;
  settled: Promise<Settled<R>>;
}

type AttemptOutcome<R> = { ok: true; response: R; ms: number; winner: Flight<R> } | { ok: false; error: LlmError; abandoned: boolean };

/**
 * One API call as a series of attempts: each attempt is a request with its own deadline (past it
 * the request is abandoned and, unless a hedge is still running, retried at once), possibly joined
 * by one hedge (a second copy once it runs past its expected p95, when the caller allows); the
 * first answer wins and the other request is cancelled — or, if it answered too, recorded. Failed
 * attempts are retried as `decideRetry` says. Resolves with the winning response; rejects with the
 * last attempt's LlmError.
 */
export async function runAttempts<R>(plan: AttemptPlan<R>): Promise<{ response: R; ms: number; stats: AttemptStats }> {
  const stats = noAttempts();
  for (;;) {
    const outcome = await attempt(plan, stats);
    if (outcome.ok) return { response: outcome.response, ms: outcome.ms, stats };
    const decision = decideRetry({ error: outcome.error, abandoned: outcome.abandoned, retriesDone: stats.retries, circuit: plan.circuit() }, plan.policy, plan.random);
    if (!decision.retry) throw Object.assign(outcome.error, { attempts: stats });
    plan.onRetry({ error: outcome.error, delayMs: decision.delayMs, why: decision.why });
    stats.retries += 1;
    if (decision.delayMs > 0) await plan.sleep(decision.delayMs);
  }
}

function attempt<R>(plan: AttemptPlan<R>, stats: AttemptStats): Promise<AttemptOutcome<R>> {
  const flights: Flight<R>[] = [];
  const launch = (role: Flight<R>['role']) => {
    const controller = new AbortController();
    const started = plan.now();
    stats.requests += 1;
    if (role === 'hedge') stats.hedged = true;
    const flight: Flight<R> = {
      role,
      started,
      controller,
      settled: plan.send(controller.signal).then(
        (response) => (flight.result = { ok: true, response, ms: plan.now() - started }),
        (error: unknown) => (flight.result = { ok: false, error, ms: plan.now() - started }),
      ),
    };
    flights.push(flight);
    return flight;
  };

  return new Promise<AttemptOutcome<R>>((resolve) => {
    let done = false;
    let asking = false;
    let nextAskAt = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: AttemptOutcome<R>) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      if (!outcome.ok) return resolve(outcome);
      // Cancel the other request; wait for it to end so an answer it got anyway is recorded now.
      const others = flights.filter((f) => !f.result);
      for (const f of others) {
        f.aborted = 'cancelled';
        f.controller.abort();
      }
      void Promise.all(flights.filter((f) => f !== outcome.winner).map(async (f) => {
        const r = await f.settled;
        if (r.ok) {
          stats.extraAnswers += 1;
          plan.onAnswered(r.ms);
          await plan.onExtraAnswer(r.response, r.ms).catch(() => undefined);
        }
      })).then(() => resolve(outcome));
    };
    const watch = (flight: Flight<R>) => {
      void flight.settled.then((r) => {
        if (done) return;
        if (r.ok) {
          plan.onAnswered(r.ms);
          if (flight.role === 'hedge') stats.hedgeWon = true;
          return finish({ ok: true, response: r.response, ms: r.ms, winner: flight });
        }
        if (flights.some((f) => !f.result)) return; // the other request may still answer
        const abandoned = flight.aborted === 'abandoned';
        const error = abandoned ? new LlmError('timeout', `attempt abandoned after ${Math.round(r.ms)} ms (its deadline was ${flight.deadlineMs} ms)`) : toLlmError(r.error);
        finish({ ok: false, error, abandoned });
      });
    };
    const check = () => {
      if (done) return;
      const t = plan.now();
      for (const f of flights) {
        if (f.result || f.aborted) continue;
        const deadline = plan.deadlineMs();
        if (t - f.started > deadline) {
          f.aborted = 'abandoned';
          f.deadlineMs = deadline;
          stats.abandoned += 1;
          plan.onAbandoned({ ms: t - f.started, deadlineMs: deadline, hedge: f.role === 'hedge' });
          f.controller.abort();
          // Abandoned while the other request still runs: retried at once all the same (that one
          // may be stuck too), so at most two run and neither waits on the other.
          const live = flights.some((x) => x !== f && !x.result && !x.aborted);
          if (live && stats.retries < plan.policy.maxRetries && plan.circuit() === 'closed') {
            stats.retries += 1;
            plan.onRetry({ error: new LlmError('timeout', 'abandoned past its deadline'), delayMs: 0, why: 'abandoned past its deadline while the other request runs: at once' });
            watch(launch('replacement'));
          }
        }
      }
      const primary = flights[0]!;
      const hedgeAt = plan.hedgeAfterMs();
      if (hedgeAt === undefined || asking || t < nextAskAt || flights.length > 1 || plan.hedges.left <= 0) return;
      if (primary.result || primary.aborted || t - primary.started < hedgeAt || plan.circuit() !== 'closed') return;
      asking = true;
      const notYet = () => {
        asking = false;
        nextAskAt = plan.now() + HEDGE_RECHECK_MS;
      };
      void plan.mayHedge().then((ok) => {
        if (!ok) return notYet();
        asking = false;
        if (done || primary.result || primary.aborted || plan.hedges.left <= 0 || plan.circuit() !== 'closed') return;
        plan.hedges.left -= 1;
        watch(launch('hedge'));
      }, notYet);
    };
    watch(launch('primary'));
    timer = setInterval(check, plan.tickMs ?? 200);
    timer.unref?.();
  });
}
