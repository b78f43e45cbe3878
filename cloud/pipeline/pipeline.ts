import type { TaskKind } from '../../shared/domain';
import type { PipelineDeps } from './context';
import { enqueueAll } from './enqueue';
import { classify, RetryLaterError } from './failures';
import { type MetricFacts, recordMetric } from './metrics';
import { type PayloadOf, taskName } from './payloads';
import { deleteTaskRun, readTaskRun, removeTaskRun, type TaskRun, writeTaskRun } from './task-runs';
import type { RunInfo, TaskSpec } from './task-spec';

export type RunOutcome = { status: 'completed' } | { status: 'skipped'; reason: string } | { status: 'failed'; reason: string };

export interface Delivery {
  /** X-CloudTasks-TaskRetryCount. */
  retryCount: number;
}

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
 * failed work with a reason, not a hung assignment) and the task ends with 200.
 */
export async function runTask<K extends TaskKind, C, O>(deps: PipelineDeps, spec: TaskSpec<K, C, O>, payload: PayloadOf<K>, delivery: Delivery): Promise<RunOutcome> {
  const max = deps.settings.maxAttempts;
  const run: RunInfo = {
    runId: taskName(payload),
    retryCount: delivery.retryCount,
    lastAttempt: max > 0 && delivery.retryCount + 1 >= max,
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
  const finish = (status: 'completed' | 'failed', error: string | null) =>
    recordMetric(deps.paths, run, { ...facts, status, error }, deps.now()).catch((err: unknown) => log.warn('metric not recorded', { err: err instanceof Error ? err.message : String(err) }));

  try {
    const [collected, memo] = await step('collect', () => Promise.all([spec.collect(deps, payload, run), readTaskRun(deps.paths, run.runId)]));
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
    } else {
      const result = await step('llm', () => deps.llm.generate({ kind: spec.kind, schema, prompt, context: { callId: run.runId, ...facts.attribution! } }));
      output = result.output;
      answer = {
        runId: run.runId,
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
        clearMemo: (tx) => deleteTaskRun(tx, deps.paths, run.runId),
      }),
    );
    facts.droppedEvidenceCount = stored.droppedEvidenceCount ?? null;
    // A concurrent duplicate stored first: this run's memo has no transaction to be deleted in.
    if (!stored.stored) await removeTaskRun(deps.paths, run.runId);
    const leadMs = stored.stored ? (spec.followUpLeadMs?.(deps, data, output, stored.followUps) ?? 0) : 0;
    await step('enqueue', () => enqueueAll(deps, stored.followUps, { leadMs }));
    await finish('completed', null);
    log.info('task completed', { stored: stored.stored, followUps: stored.followUps.length, stepsMs: facts.stepsMs });
    return { status: 'completed' };
  } catch (err) {
    const c = classify(err, run.lastAttempt);
    if (c.retryable && !run.lastAttempt) {
      await finish('failed', c.detail);
      log.warn('task will be retried', { detail: c.detail });
      throw new RetryLaterError(c.detail);
    }
    const { followUps } = await spec.fail(deps, payload, c.reason, run);
    await enqueueAll(deps, followUps);
    await finish('failed', c.detail);
    log.warn('task failed', { detail: c.detail, lastAttempt: run.lastAttempt });
    return { status: 'failed', reason: c.reason };
  }
}

/** A memo that is not JSON (or no longer fits the schema) is ignored: the LLM is asked again. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
