import { randomUUID } from 'node:crypto';
import type Anthropic from '@anthropic-ai/sdk';
import { parseMessage } from '@anthropic-ai/sdk/lib/parser';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { z } from 'zod';
import type { LlmRequest, LlmRequestType, TaskKind, TokenUsage } from '../../shared/domain';
import type { BilledTokens } from '../../shared/rules/pricing';
import type { LlmConfig } from '../config/llm';
import type { Logger } from '../log';
import { attemptDeadlineMs, expectedLatencyMs, hedgeAfterMs, timingKeys } from './attempt-timing';
import { type AttemptStats, noAttempts, runAttempts } from './attempts';
import { createBreaker, type BreakerState } from './circuit-breaker';
import { NO_TOKENS, recordId } from './cost-record';
import type { CostTracking } from './cost-tracking';
import { LlmError, toLlmError } from './errors';
import { createLatencyTracker, type LatencyTracker } from './latency-tracker';
import { outcomeFormat } from './output-format';
import { billedTokens, buildRequestParts, type CacheTtl, type LlmPrompt, repairTurns } from './request';
import { DEFAULT_BACKOFF } from './retry-policy';

// parseMessage logs nothing for our format (its parse never throws); it still wants a logger.
const silentSdkLogger = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };

export const REQUEST_TYPES: Record<TaskKind, LlmRequestType> = {
  rubric: 'rubric_generation',
  feedback: 'student_feedback',
  summary: 'assignment_summary',
};

/** Who and what a call is for: attribution for its cost record. */
export interface LlmCallContext {
  /** The pipeline step's stable id, e.g. `feedback-<assignment>-<work>`; prefixes the record ids. */
  callId: string;
  userId: string;
  assignmentId: string;
  workId: string | null;
}

export interface LlmCall<T> {
  kind: TaskKind;
  /** The output schema (from prompts/schemas); sent as structured output and re-checked with zod. */
  schema: z.ZodType<T>;
  prompt: LlmPrompt;
  context: LlmCallContext;
  /** Rules needing context (e.g. against the rubric); issues returned here trigger the repair attempt. */
  check?: (output: T) => string[];
  /** Put `cache_control` on the prefix. Default: only for feedback, whose prefix 35 calls share. */
  cachePrefix?: boolean;
  /**
   * Hedging: asked once when an attempt runs past its expected p95 — may a second copy start now
   * (e.g. only a few works of the assignment remain)? Absent: never hedged. At most one hedge per
   * call, only while the circuit is closed; the first answer wins.
   */
  mayHedge?: () => Promise<boolean>;
}

export interface LlmResult<T> {
  output: T;
  model: string;
  /** Usage of the call that produced `output`. */
  usage: TokenUsage;
  /** Cost of every API call this generate() made (the repair attempt included). */
  costUsd: number;
  durationMs: number;
  providerRequestId: string | null;
  repaired: boolean;
  /** One cost record per API call answered, in order (a hedge's unused answer included). */
  records: LlmRequest[];
  /** Requests, abandoned attempts, inline retries and hedging, over all of this call's API calls. */
  attempts: AttemptStats;
}

/** This instance's counters since start (logs and benchmarks read them). */
export interface LlmClientStats {
  /** API calls made (a generate() with a repair turn makes two). */
  calls: number;
  requests: number;
  abandoned: number;
  retries: number;
  hedges: number;
  hedgeWins: number;
  /** Answers received but not used (the slower of a hedged pair): billed and recorded. */
  extraAnswers: number;
}

export interface LlmClient {
  /** Ask for structured output; throws `LlmError` (see `retryable`) when there is none to give. */
  generate<T>(call: LlmCall<T>): Promise<LlmResult<T>>;
  /**
   * Write the cache entry for a prefix before fanning out: the API makes an entry readable only
   * once the call that writes it has started answering, so calls sent in parallel all miss.
   * One short call with the same schema, system and prefix; its cost is recorded like any other.
   */
  primeCache<T>(call: Omit<LlmCall<T>, 'check'>): Promise<LlmRequest>;
  breakerState(): BreakerState;
  stats(): LlmClientStats;
  close(): void;
}

export interface LlmClientDeps {
  anthropic: Anthropic;
  config: Pick<LlmConfig, 'kinds' | 'breaker' | 'cacheTtl' | 'maxRetries' | 'maxInlineRetryAfterMs' | 'timing'>;
  costs: CostTracking;
  logger: Logger;
  now?: () => number;
  /** Measured latencies; default: a tracker of this client's own calls. */
  latency?: LatencyTracker;
  sleep?: (ms: number) => Promise<void>;
}

export function createLlmClient(deps: LlmClientDeps): LlmClient {
  const { anthropic, config, costs, logger } = deps;
  const now = deps.now ?? (() => performance.now());
  const latency = deps.latency ?? createLatencyTracker();
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const counters: LlmClientStats = { calls: 0, requests: 0, abandoned: 0, retries: 0, hedges: 0, hedgeWins: 0, extraAnswers: 0 };
  // Our own attempts decide retries and deadlines; the SDK's timeout is only a backstop above ours.
  const requestOptions = (signal: AbortSignal) => ({ signal, maxRetries: 0, timeout: config.timing.maxDeadlineMs + 5000 });
  const breaker = createBreaker({
    ...config.breaker,
    // Only failures that say the service is unwell count; a 400 or 401 is our problem.
    counts: (err) => toLlmError(err).retryable,
    onStateChange: (state) => logger.warn('llm circuit breaker', { state }),
  });

  async function track(call: Omit<LlmCall<unknown>, 'check'>, model: string, a: { providerId: string; tokens: BilledTokens; durationMs: number; providerRequestId: string | null; error: string | null }) {
    return costs.track({
      recordId: recordId(call.context.callId, a.providerId),
      requestType: REQUEST_TYPES[call.kind],
      model,
      tokens: a.tokens,
      durationMs: a.durationMs,
      providerRequestId: a.providerRequestId,
      userId: call.context.userId,
      assignmentId: call.context.assignmentId,
      workId: call.context.workId,
      status: a.error ? 'failed' : 'succeeded',
      error: a.error,
      at: new Date(),
    });
  }

  interface ApiCall<R> {
    call: Omit<LlmCall<unknown>, 'check'>;
    model: string;
    /** The request body (its size sets the expected latency). */
    params: { max_tokens: number };
    send: (signal: AbortSignal) => Promise<R>;
    /** Record an answer that was received but not used (the slower of a hedged pair). */
    recordExtra?: (response: R, ms: number) => Promise<LlmRequest>;
    hedges: { left: number };
  }

  /**
   * One API call through the breaker, as attempts (attempts.ts): each with a deadline from the
   * call's expected latency and the measured p99 (past it: abandoned and retried at once), inline
   * retries matched to the fault, and at most one hedge when the caller allows. A final failure is
   * recorded (no tokens, no cost) and classified.
   */
  async function callApi<R>(a: ApiCall<R>): Promise<{ response: R; stats: AttemptStats }> {
    const { call, model } = a;
    const t0 = now();
    const keys = timingKeys(model, call.kind);
    const expected = expectedLatencyMs({ model, promptChars: JSON.stringify(a.params).length, maxTokens: a.params.max_tokens });
    const limits = config.timing;
    const log = logger.child({ callId: call.context.callId, kind: call.kind, model });
    counters.calls += 1;
    let stats = noAttempts();
    try {
      const result = await breaker.run(() =>
        runAttempts<R>({
          send: a.send,
          deadlineMs: () => attemptDeadlineMs(expected, latency.firstRatios(keys), limits),
          hedgeAfterMs: () => (call.mayHedge ? hedgeAfterMs(expected, latency.firstRatios(keys), limits) : undefined),
          mayHedge: () => call.mayHedge?.() ?? Promise.resolve(false),
          hedges: a.hedges,
          circuit: () => breaker.state(),
          policy: { maxRetries: config.maxRetries, maxInlineRetryAfterMs: config.maxInlineRetryAfterMs, ...DEFAULT_BACKOFF },
          onAnswered: (ms) => {
            for (const k of keys) latency.record(k, ms / expected);
          },
          onExtraAnswer: async (response, ms) => {
            if (a.recordExtra) await a.recordExtra(response, ms);
          },
          onAbandoned: (info) => log.warn('llm attempt abandoned past its deadline; retrying', { ...info, expectedMs: Math.round(expected) }),
          onRetry: ({ error, delayMs, why }) => log.info('llm attempt failed; retrying inline', { failure: error.kind, status: error.status, delayMs, why }),
          now,
          sleep,
        }),
      );
      stats = result.stats;
      if (stats.hedged) log.info('llm call hedged', { hedgeWon: stats.hedgeWon, extraAnswers: stats.extraAnswers });
      return { response: result.response, stats };
    } catch (err) {
      const e = toLlmError(err);
      stats = (err as { attempts?: AttemptStats }).attempts ?? stats;
      // A call the open circuit stopped never reached the API: nothing to bill or record.
      if (e.kind !== 'circuit_open') {
        await track(call, model, { providerId: e.providerRequestId ?? `failed-${randomUUID()}`, tokens: NO_TOKENS, durationMs: now() - t0, providerRequestId: e.providerRequestId, error: `${e.kind}: ${e.detail}` });
      }
      log.warn('llm call failed', { failure: e.kind, retryable: e.retryable, status: e.status, providerRequestId: e.providerRequestId, requests: stats.requests, abandoned: stats.abandoned, retries: stats.retries });
      throw e;
    } finally {
      counters.requests += stats.requests;
      counters.abandoned += stats.abandoned;
      counters.retries += stats.retries;
      counters.hedges += stats.hedged ? 1 : 0;
      counters.hedgeWins += stats.hedgeWon ? 1 : 0;
      counters.extraAnswers += stats.extraAnswers;
    }
  }

  async function generate<T>(call: LlmCall<T>): Promise<LlmResult<T>> {
    const settings = config.kinds[call.kind];
    const ttl: CacheTtl | null = (call.cachePrefix ?? call.kind === 'feedback') ? config.cacheTtl : null;
    const { system, messages: first } = buildRequestParts(call.prompt, ttl);
    const format = outcomeFormat(call.schema, call.check);
    const log = logger.child({ callId: call.context.callId, kind: call.kind, model: settings.model });
    const records: LlmRequest[] = [];
    let messages: MessageParam[] = first;
    const started = now();
    const hedges = { left: call.mayHedge ? 1 : 0 };
    let attempts = noAttempts();

    for (let attempt = 0; ; attempt++) {
      const t0 = now();
      const params = {
        model: settings.model,
        max_tokens: settings.maxTokens,
        system,
        messages,
        output_config: { format, ...(settings.effort ? { effort: settings.effort } : {}) },
      };
      // messages.parse() is create() + parseMessage(), but its copy of the message drops
      // `_request_id` and its promise has no working withResponse(); so do the two steps here.
      const { response: answered, stats } = await callApi({
        call,
        model: settings.model,
        params,
        hedges,
        send: (signal) => anthropic.messages.create(params, requestOptions(signal)).withResponse(),
        // The slower of a hedged pair answered too: Anthropic bills it, so it gets its own record.
        recordExtra: async ({ data: d, request_id: id }, ms) => {
          const r = await track(call, settings.model, { providerId: id ?? d.id, tokens: billedTokens(d.usage, ttl), durationMs: ms, providerRequestId: id ?? null, error: 'unused: the other hedged request answered first' });
          records.push(r);
          return r;
        },
      });
      attempts = addAttempts(attempts, stats);
      const { data, request_id } = answered;
      const response = parseMessage(data, params, { logger: silentSdkLogger });
      const providerRequestId = request_id ?? null;
      const tokens = billedTokens(response.usage, ttl);
      const outcome = response.parsed_output;
      const base = { providerId: providerRequestId ?? response.id, tokens, durationMs: now() - t0, providerRequestId };
      if (ttl && tokens.cacheReadTokens + tokens.cacheWrite5mTokens + tokens.cacheWrite1hTokens === 0) {
        log.warn('prefix was not cached: shorter than the model minimum?', { inputTokens: tokens.inputTokens });
      }

      if (response.stop_reason === 'refusal') {
        records.push(await track(call, settings.model, { ...base, error: 'refusal' }));
        throw new LlmError('refusal', 'stop_reason refusal', { providerRequestId });
      }
      if (outcome?.ok) {
        records.push(await track(call, settings.model, { ...base, error: null }));
        const last = records[records.length - 1]!;
        return {
          output: outcome.value,
          model: settings.model,
          usage: { inputTokens: last.inputTokens, outputTokens: last.outputTokens, cacheCreationInputTokens: last.cacheCreationInputTokens, cacheReadInputTokens: last.cacheReadInputTokens },
          costUsd: records.reduce((s, r) => s + r.costUsd, 0),
          durationMs: Math.round(now() - started),
          providerRequestId,
          repaired: attempt > 0,
          records,
          attempts,
        };
      }
      const issues = outcome ? outcome.issues : ['no text output'];
      const truncated = response.stop_reason === 'max_tokens';
      records.push(await track(call, settings.model, { ...base, error: `invalid_output${truncated ? ' (max_tokens)' : ''}: ${issues.slice(0, 3).join('; ')}` }));
      log.warn('llm output invalid', { attempt, truncated, issueCount: issues.length, providerRequestId });
      if (attempt >= 1) {
        throw new LlmError('invalid_output', `still invalid after one repair attempt: ${issues.slice(0, 5).join('; ')}`, { providerRequestId });
      }
      messages = [...first, ...repairTurns(outcome ? outcome.raw : '', issues, truncated)];
    }
  }

  async function primeCache<T>(call: Omit<LlmCall<T>, 'check'>): Promise<LlmRequest> {
    const settings = config.kinds[call.kind];
    const ttl = config.cacheTtl;
    const { system, messages } = buildRequestParts({ ...call.prompt, input: 'Cache warm-up request: answer with the shortest output you can.' }, ttl);
    const format = outcomeFormat(call.schema);
    const t0 = now();
    const params = { model: settings.model, max_tokens: 16, system, messages, output_config: { format: { type: format.type, schema: format.schema } } };
    const { response } = await callApi({ call, model: settings.model, params, hedges: { left: 0 }, send: (signal) => anthropic.messages.create(params, requestOptions(signal)) });
    const providerRequestId = response._request_id ?? null;
    return track(call, settings.model, { providerId: providerRequestId ?? response.id, tokens: billedTokens(response.usage, ttl), durationMs: now() - t0, providerRequestId, error: null });
  }

  return { generate, primeCache, breakerState: breaker.state, stats: () => ({ ...counters }), close: breaker.shutdown };
}

function addAttempts(a: AttemptStats, b: AttemptStats): AttemptStats {
  return {
    requests: a.requests + b.requests,
    abandoned: a.abandoned + b.abandoned,
    retries: a.retries + b.retries,
    hedged: a.hedged || b.hedged,
    hedgeWon: a.hedgeWon || b.hedgeWon,
    extraAnswers: a.extraAnswers + b.extraAnswers,
  };
}
