import { z } from 'zod';
import { PRICED_MODELS } from '../../shared/rules/pricing';
import type { TaskKind } from '../../shared/domain';
import { type Env, parseSection, withhold } from './env';

const model = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((m) => PRICED_MODELS.includes(m), { message: `must be a model with a price in shared/rules/pricing-table.ts (${PRICED_MODELS.join(', ')})` });
const int = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);
const effort = z.enum(['low', 'medium', 'high', 'xhigh', 'max']).optional();

const LlmEnv = z.object({
  /** Unset: the local model server answers (npm start, tests). Set: Claude. */
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  /** Override the API base URL (a proxy); unset: Anthropic's, or the local model server without a key. */
  ANTHROPIC_BASE_URL: z.url().optional(),
  LLM_MODEL_RUBRIC: model('claude-sonnet-5-5'),
  LLM_MODEL_FEEDBACK: model('claude-haiku-5-5'),
  LLM_MODEL_SUMMARY: model('claude-sonnet-5-5'),
  LLM_MAX_TOKENS_RUBRIC: int(4000, 256, 128_000),
  LLM_MAX_TOKENS_FEEDBACK: int(6000, 256, 128_000),
  LLM_MAX_TOKENS_SUMMARY: int(6000, 256, 128_000),
  /** output_config.effort per kind; unset: the model's default. */
  LLM_EFFORT_RUBRIC: effort,
  LLM_EFFORT_FEEDBACK: effort,
  LLM_EFFORT_SUMMARY: effort,
  /**
   * Inline retries per call (529, 429, 5xx, connection errors, abandoned attempts), each after a
   * short jittered backoff or the API's `retry-after`, while the circuit is closed; then the queue's
   * backoff takes over. Four: at 50% faults one call in 32 still reaches the queue.
   */
  LLM_MAX_RETRIES: int(4, 0, 10),
  /** The longest any attempt may run, milliseconds: the cap of the per-attempt deadline. */
  LLM_TIMEOUT_MS: int(120_000, 1000, 600_000),
  /** The shortest per-attempt deadline, milliseconds (the deadline follows the call's expected latency and the measured p99). */
  LLM_MIN_ATTEMPT_MS: int(10_000, 100, 600_000),
  /** A hedge never starts sooner than this into an attempt, milliseconds. */
  LLM_HEDGE_MIN_MS: int(5_000, 50, 600_000),
  /** A 429/529 asking to wait longer than this is not waited out in-process: the task is retried later. */
  LLM_MAX_INLINE_RETRY_AFTER_MS: int(10_000, 0, 600_000),
  /** Consecutive failed calls that open the circuit. */
  LLM_BREAKER_FAILURES: int(5, 1, 1000),
  /** How long the circuit stays open before one probe call is let through. */
  LLM_BREAKER_RESET_MS: int(30_000, 100, 3_600_000),
  /** Lifetime of the cached assignment+rubric prefix. */
  LLM_CACHE_TTL: z.enum(['5m', '1h']).default('5m'),
});

export interface KindSettings {
  model: string;
  maxTokens: number;
  effort?: 'low' | 'medium' | 'high' | 'xhigh' | 'max';
}

export type LlmConfig = ReturnType<typeof loadLlmConfig>;

/**
 * The LLM section of the configuration. `modelServerUrl` is where the local model server listens
 * (from the core config's host and MODEL_PORT); it is used only when no API key is set, which only
 * a local stack may do. `opts.local: false` (production) requires the key; `opts.apiKey: false`
 * loads the section for a function that calls no model (the api reads the feedback model's name):
 * it is not given the key, and reading `apiKey` throws.
 */
export function loadLlmConfig(env: Env, modelServerUrl: string, opts: { local?: boolean; apiKey?: boolean } = {}) {
  const c = parseSection('llm', LlmEnv, env);
  const given = opts.apiKey ?? true;
  if (given && opts.local === false && !c.ANTHROPIC_API_KEY) {
    throw new Error('Invalid llm configuration:\n  ANTHROPIC_API_KEY: required in production');
  }
  const key = given ? c.ANTHROPIC_API_KEY : undefined;
  const kinds: Record<TaskKind, KindSettings> = {
    rubric: { model: c.LLM_MODEL_RUBRIC, maxTokens: c.LLM_MAX_TOKENS_RUBRIC, effort: c.LLM_EFFORT_RUBRIC },
    feedback: { model: c.LLM_MODEL_FEEDBACK, maxTokens: c.LLM_MAX_TOKENS_FEEDBACK, effort: c.LLM_EFFORT_FEEDBACK },
    summary: { model: c.LLM_MODEL_SUMMARY, maxTokens: c.LLM_MAX_TOKENS_SUMMARY, effort: c.LLM_EFFORT_SUMMARY },
  };
  const config = {
    /** True when calls go to the local model server rather than Claude. */
    offline: given && !key,
    // The local server checks that a key is present, as the API does, but not its value.
    apiKey: key ?? 'local-model-server',
    baseUrl: c.ANTHROPIC_BASE_URL ?? (key || !given ? undefined : modelServerUrl),
    kinds,
    maxRetries: c.LLM_MAX_RETRIES,
    timeoutMs: c.LLM_TIMEOUT_MS,
    /** Per-attempt deadline and hedge time bounds (attempt-timing.ts). */
    timing: { minDeadlineMs: Math.min(c.LLM_MIN_ATTEMPT_MS, c.LLM_TIMEOUT_MS), maxDeadlineMs: c.LLM_TIMEOUT_MS, minHedgeMs: c.LLM_HEDGE_MIN_MS },
    maxInlineRetryAfterMs: c.LLM_MAX_INLINE_RETRY_AFTER_MS,
    breaker: { failureThreshold: c.LLM_BREAKER_FAILURES, resetTimeoutMs: c.LLM_BREAKER_RESET_MS },
    cacheTtl: c.LLM_CACHE_TTL,
  };
  if (!given) withhold(config, 'apiKey', 'this function is not given ANTHROPIC_API_KEY');
  return config;
}
