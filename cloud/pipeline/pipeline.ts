import type { TaskKind } from '../../shared/domain';
import type { PipelineDeps } from './context';
import { enqueueAll, enqueueAt, enqueueSweep } from './enqueue';
import { type Classified, classify, PermanentTaskError, queueBackoffMs, RetryLaterError, STUCK_REASONS } from './failures';
import { LlmError } from '../llm/errors';
import { mayHedge } from './hedge';
import { withLlmDeadline } from './llm-deadline';
import { type MetricFacts, recordMetric } from './metrics';
import { type PayloadOf, stepName, sweepName, taskName } from './payloads';
import { markWaitingOnRetry } from './retry-wait';
import { deleteTaskRun, readTaskRun, removeTaskRun, type TaskRun, writeTaskRun } from './task-runs';
import type { RunInfo, TaskSpec } from './task-spec';

export type RunOutcome =
  | { status: 'completed' }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; reason: string }
  | { status: 'deferred'; until: string; task: string };

export interface Delivery {
  /** X-CloudTasks-TaskRetryCount. */
  retryCount: number;
  /**
   * This is the watchdog of the task's last delivery (sweep.ts), run after that delivery's
   * deadline: everything a redelivery would do, except that where it would call Claude it records
   * the step as failed (a memoized answer is still stored). Its own failures are retried as usual.
   */
  sweep?: boolean;
}

/** Continuations one step may take waiting out Claude's retry-after before it burns queue attempts instead. */
export const MAX_DEFERRALS = 5;
/** The longest single wait a deferral schedules; a longer retry-after is waited out in steps. */
export const MAX_DEFERRAL_MS = 30 * 60_000;

/**
 * The seeds' ProcessingPipeline: runs any task kind the same way — collect → prompt → LLM →
 * validate → store → queue follow-ups — timing each step and recording a ProcessingMetric.
 *
 * Idempotent by construction: `collect` and `store` check the subject's state in transactions (a
 * duplicate delivery finds nothing to do, or finds the result stored), and the LLM answer is
 * memoized per run so a redelivery after the call does not pay for another.
 *
 * Failures: a retryable one (Claude overloaded, Firestore contention, a crash) throws
 * RetryLaterError — a 503, so Cloud Tasks delivers again — unless this is the last attempt; a
 * permanent one, or a retryable one on the last attempt, is recorded by the kind's `fail` (a
 * failed work with a reason, not a hung assignment) and the task ends with 200. When Claude said
 * how long to wait (429/529 `retry-after`) and the queue would come back sooner, the step is
 * deferred instead: the same step is queued as a new task for that time and this one ends with 200,
 * so no attempt is spent on a wait (at most MAX_DEFERRALS times per step; then 503 + Retry-After).
 *
 * Bounds: the LLM call gets what is left of `llmBudgetMs` (below the dispatch deadline), so Cloud
 * Tasks never redelivers a task whose first delivery is still waiting for Claude; and a delivery
 * that may be the last queues its watchdog first (sweep.ts), which records the step as failed if
 * this delivery dies before it could.
 */
export async function runTask<K extends TaskKind, C, O>(deps: PipelineDeps, spec: TaskSpec<K, C, O>, payload: PayloadOf<K>, delivery: Delivery): Promise<RunOutcome> {
  const max = deps.settings.maxAttempts;
  const sweep = delivery.sweep === true;
  const run: RunInfo = {
    runId: sweep ? sweepName(payload) : taskName(payload),
    memoId: stepName(payload),
    retryCount: delivery.retryCount,
    // A sweep records the step's failure itself; its own retryable failures go back to the queue.
    lastAttempt: !sweep && max > 0 && delivery.retryCount + 1 >= max,
    startedAt: deps.now(),
  };
  const log = deps.logger.child({ kind: spec.kind, runId: run.runId, retryCount: run.retryCount });
  const facts: MetricFacts = { kind: spec.kind, template: spec.template, attribution: null, status: 'completed', error: null, stepsMs: {}, promptLength: null, llm: null, droppedEvidenceCount: null };
  const t0 = performance.now();
  const step = async <T>(name: string, fn: () => Promise<T> | T): Promise<T> => {
    const s = performance.now();
    try {
      return await fn();
    } finally {
      facts.stepsMs[name] = Math.round(performance.now() - s);
    }
  };
  // Best effort: the estimate's wording must never cost the retry itself.
  const waiting = (until: Date) => markWaitingOnRetry(deps, payload, until).catch((e: unknown) => log.warn('retry wait not recorded', { err: e instanceof Error ? e.message : String(e) }));
  const finish = (status: 'completed' | 'failed', error: string | null) =>
    recordMetric(deps.paths, run, { ...facts, status, error }, deps.now()).catch((err: unknown) => log.warn('metric not recorded', { err: err instanceof Error ? err.message : String(err) }));

  // A delivery that may be the last leaves a watchdog behind first: if it dies, nothing else would
  // record the step's end. Best effort: without it the step still runs and records its own failure.
  if (run.lastAttempt) await enqueueSweep(deps, payload).catch((err: unknown) => log.warn('watchdog not queued', { err: err instanceof Error ? err.message : String(err) }));

  try {
    const [collected, memo] = await step('collect', () => Promise.all([spec.collect(deps, payload, run), readTaskRun(deps.paths, run.memoId)]));
    if (collected.kind === 'skip') {
      await enqueueAll(deps, collected.followUps);
      log.info('nothing to do', { reason: collected.reason, followUps: collected.followUps.length });
      return { status: 'skipped', reason: collected.reason };
    }
    const data = collected.data;
    facts.attribution = spec.attribution(data);
    const prompt = await step('prompt', () => spec.prompt(data));
    facts.promptLength = prompt.system.length + prompt.prefix.length + prompt.input.length;
    const schema = spec.schema(data);

    let output: O;
    let answer: TaskRun;
    const remembered = memo ? schema.safeParse(parseJson(memo.outputJson)) : undefined;
    if (memo && remembered?.success) {
      // The LLM already answered this run before the worker died: store that answer, call nothing.
      output = remembered.data;
      answer = memo;
      log.info('using memoized llm answer');
    } else if (sweep) {
      // The last delivery ended without an answer and nothing will deliver this step again.
      throw new PermanentTaskError(STUCK_REASONS[spec.kind], 'watchdog: the last delivery ended without recording an outcome');
    } else {
      // Whatever is left of this delivery's LLM budget: the call must end before the dispatch deadline.
      const budgetMs = deps.settings.llmBudgetMs - (performance.now() - t0);
      const result = await step('llm', () => withLlmDeadline(budgetMs, () => deps.llm.generate({ kind: spec.kind, schema, prompt, context: { callId: run.runId, ...facts.attribution! }, mayHedge: () => mayHedge(deps, payload) })));
      output = result.output;
      const a = result.attempts;
      if (a && (a.requests > 1 || a.hedged)) log.info('llm call needed more than one request', { requests: a.requests, abandoned: a.abandoned, retries: a.retries, hedged: a.hedged, hedgeWon: a.hedgeWon, extraAnswers: a.extraAnswers });
      answer = {
        runId: run.memoId,
        kind: spec.kind,
        outputJson: JSON.stringify(result.output),
        model: result.model,
        inputTokens: result.usage.inputTokens + result.usage.cacheCreationInputTokens + result.usage.cacheReadInputTokens,
        outputTokens: result.usage.outputTokens,
        costUsd: result.costUsd,
        llmMs: Math.round(result.durationMs),
        createdAt: deps.now(),
      };
      await step('memo', () => writeTaskRun(deps.paths, answer));
    }
    facts.llm = { model: answer.model, inputTokens: answer.inputTokens, outputTokens: answer.outputTokens, costUsd: answer.costUsd };
    await deps.hooks?.afterLlm?.({ kind: spec.kind, runId: run.runId });

    const stored = await step('store', () =>
      spec.store(deps, payload, data, output, {
        run,
        elapsedMs: performance.now() - t0,
        clearMemo: (tx) => deleteTaskRun(tx, deps.paths, run.memoId),
      }),
    );
    facts.droppedEvidenceCount = stored.droppedEvidenceCount ?? null;
    // A concurrent duplicate stored first: this run's memo has no transaction to be deleted in.
    if (!stored.stored) await removeTaskRun(deps.paths, run.memoId);
    const leadMs = stored.stored ? (spec.followUpLeadMs?.(deps, data, output, stored.followUps) ?? 0) : 0;
    await step('enqueue', () => enqueueAll(deps, stored.followUps, { leadMs }));
    await finish('completed', null);
    log.info('task completed', { stored: stored.stored, followUps: stored.followUps.length, stepsMs: facts.stepsMs });
    return { status: 'completed' };
  } catch (err) {
    const c = classify(err, run.lastAttempt);
    // Not on a last attempt: its watchdog is already queued and would take a pending continuation for a stuck step.
    if (c.retryable && !run.lastAttempt && !sweep) {
      const deferred = await defer(deps, payload, run, c, log);
      if (deferred) {
        if (err instanceof LlmError) await waiting(new Date(deferred.until));
        await finish('failed', `deferred until ${deferred.until}: ${c.detail}`.slice(0, 500));
        return deferred;
      }
    }
    if (c.retryable && (!run.lastAttempt || sweep)) {
      // Claude failed after the client's inline retries: the queue delivers again after its backoff (or the retry-after it honours).
      if (err instanceof LlmError && !sweep) await waiting(new Date(deps.now().getTime() + (c.retryAfterMs ?? queueBackoffMs(deps.settings.retry, run.retryCount + 1))));
      await finish('failed', c.detail);
      log.warn('task will be retried', { detail: c.detail, retryAfterMs: c.retryAfterMs });
      throw new RetryLaterError(c.detail, c.retryAfterMs);
    }
    await deps.hooks?.beforeFail?.({ kind: spec.kind, runId: run.runId, lastAttempt: run.lastAttempt });
    const { followUps } = await spec.fail(deps, payload, c.reason, run);
    await enqueueAll(deps, followUps);
    await finish('failed', c.detail);
    log.warn('task failed', { detail: c.detail, lastAttempt: run.lastAttempt });
    return { status: 'failed', reason: c.reason };
  }
}

/**
 * Wait out a retry-after the queue would not: when Claude asked for longer than the queue's next
 * backoff, queue this step again as its next continuation at that time (a new task name, so a new
 * set of attempts) and end this delivery. Undefined when not deferred: no wait asked, the queue
 * waits long enough anyway, the step has deferred MAX_DEFERRALS times, or the continuation could
 * not be queued — the caller then answers 503 (with Retry-After) or records the failure.
 */
async function defer<K extends TaskKind>(deps: PipelineDeps, payload: PayloadOf<K>, run: RunInfo, c: Classified, log: PipelineDeps['logger']): Promise<Extract<RunOutcome, { status: 'deferred' }> | undefined> {
  const waitMs = c.retryAfterMs;
  if (waitMs === undefined) return undefined;
  const deferral = (payload.deferral ?? 0) + 1;
  if (deferral > MAX_DEFERRALS) return undefined;
  // After this delivery (the retryCount+1-th) fails, the queue comes back after this backoff.
  if (waitMs <= queueBackoffMs(deps.settings.retry, run.retryCount + 1)) return undefined;
  const next = { ...payload, deferral };
  const until = new Date(deps.now().getTime() + Math.min(waitMs, MAX_DEFERRAL_MS));
  try {
    await enqueueAt(deps, next, until);
  } catch (err) {
    log.warn('deferral not queued', { err: err instanceof Error ? err.message : String(err) });
    return undefined;
  }
  log.info('task deferred', { retryAfterMs: waitMs, until: until.toISOString(), continuation: taskName(next) });
  return { status: 'deferred', until: until.toISOString(), task: taskName(next) };
}

/** A memo that is not JSON (or no longer fits the schema) is ignored: the LLM is asked again. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
