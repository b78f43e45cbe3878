import { randomUUID } from 'node:crypto';
import type Anthropic from '@anthropic-ai/sdk';
import { parseMessage } from '@anthropic-ai/sdk/lib/parser';
import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { z } from 'zod';
import type { LlmRequest, LlmRequestType, TaskKind, TokenUsage } from '../../shared/domain';
import type { BilledTokens } from '../../shared/rules/pricing';
import type { LlmConfig } from '../config/llm';
import type { Logger } from '../log';
import { createBreaker, type BreakerState } from './circuit-breaker';
import { NO_TOKENS, recordId } from './cost-record';
import type { CostTracking } from './cost-tracking';
import { LlmError, toLlmError } from './errors';
import { outcomeFormat } from './output-format';
import { billedTokens, buildRequestParts, type CacheTtl, type LlmPrompt, repairTurns } from './request';

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
  /** One cost record per API call made, in order. */
  records: LlmRequest[];
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
  close(): void;
}

export interface LlmClientDeps {
  anthropic: Anthropic;
  config: Pick<LlmConfig, 'kinds' | 'breaker' | 'cacheTtl'>;
  costs: CostTracking;
  logger: Logger;
  now?: () => number;
}

export function createLlmClient(deps: LlmClientDeps): LlmClient {
  const { anthropic, config, costs, logger } = deps;
  const now = deps.now ?? (() => performance.now());
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

  /** One API call through the breaker; a failure is recorded (no tokens, no cost) and classified. */
  async function callApi<R>(call: Omit<LlmCall<unknown>, 'check'>, model: string, fn: () => Promise<R>): Promise<R> {
    const t0 = now();
    try {
      return await breaker.run(fn);
    } catch (err) {
      const e = toLlmError(err);
      // A call the open circuit stopped never reached the API: nothing to bill or record.
      if (e.kind !== 'circuit_open') {
        await track(call, model, { providerId: e.providerRequestId ?? `failed-${randomUUID()}`, tokens: NO_TOKENS, durationMs: now() - t0, providerRequestId: e.providerRequestId, error: `${e.kind}: ${e.detail}` });
      }
      logger.warn('llm call failed', { callId: call.context.callId, kind: call.kind, model, failure: e.kind, retryable: e.retryable, status: e.status, providerRequestId: e.providerRequestId });
      throw e;
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
      const { data, request_id } = await callApi(call, settings.model, () => anthropic.messages.create(params).withResponse());
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
    const response = await callApi(call, settings.model, () =>
      anthropic.messages.create({ model: settings.model, max_tokens: 16, system, messages, output_config: { format: { type: format.type, schema: format.schema } } }),
    );
    const providerRequestId = response._request_id ?? null;
    return track(call, settings.model, { providerId: providerRequestId ?? response.id, tokens: billedTokens(response.usage, ttl), durationMs: now() - t0, providerRequestId, error: null });
  }

  return { generate, primeCache, breakerState: breaker.state, close: breaker.shutdown };
}
