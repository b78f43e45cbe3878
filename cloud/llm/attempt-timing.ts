import type { TaskKind } from '../../shared/domain';

/**
 * How long one attempt at a Claude call should take, and so when to give up on it (its deadline)
 * and when to send a second copy (a hedge). Pure arithmetic; the measurements come from
 * latency-tracker.ts.
 *
 * A call's expected latency follows its size: time to the first token, the prompt read at the
 * model's input rate, and the answer written at its output rate — the answer taken as a third of
 * `max_tokens` (a feedback answer of ≈ 2,000 tokens against its 6,000 budget). Measured latencies
 * are kept as ratios to that expectation, per model and kind, so one p99 serves calls of every
 * size: a long essay's call gets a proportionally longer deadline.
 */

export interface ModelSpeed {
  firstTokenMs: number;
  inputTokensPerSecond: number;
  outputTokensPerSecond: number;
}

/**
 * Typical speeds (non-streaming, structured output, adaptive thinking counted as output). Rough by
 * design: the measured ratio corrects them after a few calls; before that they set the priors.
 */
export const MODEL_SPEEDS: Readonly<Record<string, ModelSpeed>> = {
  'claude-haiku-5-5': { firstTokenMs: 800, inputTokensPerSecond: 100_000, outputTokensPerSecond: 150 },
  'claude-haiku-4-5': { firstTokenMs: 800, inputTokensPerSecond: 100_000, outputTokensPerSecond: 150 },
  'claude-haiku-4-5-20251001': { firstTokenMs: 800, inputTokensPerSecond: 100_000, outputTokensPerSecond: 150 },
  'claude-sonnet-5-5': { firstTokenMs: 1500, inputTokensPerSecond: 50_000, outputTokensPerSecond: 70 },
  'claude-sonnet-5': { firstTokenMs: 1500, inputTokensPerSecond: 50_000, outputTokensPerSecond: 70 },
  'claude-sonnet-4-6': { firstTokenMs: 1500, inputTokensPerSecond: 50_000, outputTokensPerSecond: 70 },
};
/** Any model not listed: the slowest class. */
export const DEFAULT_SPEED: ModelSpeed = { firstTokenMs: 2500, inputTokensPerSecond: 30_000, outputTokensPerSecond: 40 };

/** The share of `max_tokens` an answer is expected to use. */
export const EXPECTED_OUTPUT_SHARE = 1 / 3;
/** Characters per token for sizing a prompt (a floor of the 5.x tokenizer, as prefix-tokens.ts). */
const CHARS_PER_TOKEN = 4;

/** From this many measured attempts of a model and kind on, their quantiles are taken as they are. */
export const MIN_SAMPLES = 20;
/**
 * Fewer (the rubric and the summary run once per assignment): the largest ratio seen, times these,
 * stands for p95 and p99, since a handful of samples cannot show the tail.
 */
export const SMALL_SAMPLE = { p95: 1.1, p99: 1.5 } as const;
/**
 * A kind not measured yet borrows its model's ratios, times this: the expected-latency model fits
 * kinds unevenly (a summary is not a long rubric), so a borrowed ratio is less certain.
 */
export const BORROWED_RATIO = 1.5;
/** Before any measurement of the model: p95 and p99 of latency ÷ expected latency. */
export const PRIOR_RATIO = { p95: 1.5, p99: 2 } as const;
/** The deadline is this much above the measured p99: abandoning a slow-but-healthy call wastes it, waiting on a lost one wastes more. */
export const DEADLINE_MARGIN = 1.25;

export interface CallSize {
  model: string;
  /** Characters of schema, system and messages sent. */
  promptChars: number;
  maxTokens: number;
}

/** The expected latency of one attempt at a call of this size, ms. */
export function expectedLatencyMs(call: CallSize): number {
  const speed = MODEL_SPEEDS[call.model] ?? DEFAULT_SPEED;
  const inputTokens = call.promptChars / CHARS_PER_TOKEN;
  const outputTokens = call.maxTokens * EXPECTED_OUTPUT_SHARE;
  return speed.firstTokenMs + (inputTokens / speed.inputTokensPerSecond) * 1000 + (outputTokens / speed.outputTokensPerSecond) * 1000;
}

/** Measured quantiles of latency ÷ expected latency, or undefined where too few were measured. */
export interface MeasuredRatios {
  p95?: number;
  p99?: number;
}

export interface TimingLimits {
  /** Never abandon an attempt sooner than this (short calls, slow networks). */
  minDeadlineMs: number;
  /** Never abandon an attempt later than this (LLM_TIMEOUT_MS). */
  maxDeadlineMs: number;
  /** Never hedge sooner than this. */
  minHedgeMs: number;
}

/**
 * When an attempt is abandoned and retried at once: the measured p99 (or the prior) of this model
 * and kind, scaled to this call's expected latency, with DEADLINE_MARGIN, within the limits.
 */
export function attemptDeadlineMs(expectedMs: number, measured: MeasuredRatios, limits: TimingLimits): number {
  const p99 = measured.p99 ?? PRIOR_RATIO.p99;
  const ms = expectedMs * p99 * DEADLINE_MARGIN;
  return Math.round(Math.min(limits.maxDeadlineMs, Math.max(limits.minDeadlineMs, ms)));
}

/**
 * When a second copy of a slow attempt may start: past the measured p95 (or the prior) of this
 * model and kind, scaled to this call; never before `minHedgeMs`, and always before the deadline.
 */
export function hedgeAfterMs(expectedMs: number, measured: MeasuredRatios, limits: TimingLimits): number {
  const p95 = measured.p95 ?? PRIOR_RATIO.p95;
  const ms = Math.max(limits.minHedgeMs, expectedMs * p95);
  return Math.round(Math.min(ms, attemptDeadlineMs(expectedMs, measured, limits)));
}

/** Tracker keys, most specific first: measurements per model and task kind, then per model. */
export const timingKeys = (model: string, kind: TaskKind | 'other') => [`${model}|${kind}`, `${model}|*`] as const;
