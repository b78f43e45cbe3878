import { attemptDeadlineMs, DEADLINE_MARGIN, DEFAULT_SPEED, expectedLatencyMs, hedgeAfterMs, MIN_SAMPLES, MODEL_SPEEDS, BORROWED_RATIO, PRIOR_RATIO, SMALL_SAMPLE, timingKeys } from '../../cloud/llm/attempt-timing';
import { createLatencyTracker, quantile } from '../../cloud/llm/latency-tracker';

// The per-attempt deadline and the hedge time, as chosen from a call's size and the measured
// latencies of its model and kind (cloud/llm/attempt-timing.ts).

const limits = { minDeadlineMs: 10_000, maxDeadlineMs: 120_000, minHedgeMs: 5_000 };

test('the expected latency grows with the prompt and the output budget, and differs per model', () => {
  const haiku = (promptChars: number, maxTokens: number) => expectedLatencyMs({ model: 'claude-haiku-5-5', promptChars, maxTokens });
  const speed = MODEL_SPEEDS['claude-haiku-5-5']!;
  // 6,000 output tokens budgeted, a third expected, at 150 tokens/s; 40,000 chars = 10,000 input tokens.
  expect(haiku(40_000, 6000)).toBeCloseTo(speed.firstTokenMs + (10_000 / speed.inputTokensPerSecond) * 1000 + (2000 / speed.outputTokensPerSecond) * 1000, 6);
  expect(haiku(80_000, 6000)).toBeGreaterThan(haiku(40_000, 6000));
  expect(haiku(40_000, 12_000)).toBeGreaterThan(haiku(40_000, 6000));
  expect(expectedLatencyMs({ model: 'claude-sonnet-5-5', promptChars: 40_000, maxTokens: 6000 })).toBeGreaterThan(haiku(40_000, 6000));
  // An unknown model gets the slowest profile rather than a guess that is too short.
  expect(expectedLatencyMs({ model: 'claude-future-9', promptChars: 0, maxTokens: 3 })).toBeCloseTo(DEFAULT_SPEED.firstTokenMs + 1000 / DEFAULT_SPEED.outputTokensPerSecond, 6);
});

test.each<[number, { p95?: number; p99?: number }, number, number, string]>([
  // expected ms, measured ratios, deadline, hedge after — and why
  [14_000, {}, 14_000 * PRIOR_RATIO.p99 * DEADLINE_MARGIN, 14_000 * PRIOR_RATIO.p95, 'nothing measured yet: the priors'],
  [14_000, { p95: 1.1, p99: 1.2 }, 14_000 * 1.2 * DEADLINE_MARGIN, 14_000 * 1.1, 'measured: p99 × margin, p95'],
  [30_000, { p95: 1.1, p99: 1.2 }, 30_000 * 1.2 * DEADLINE_MARGIN, 30_000 * 1.1, 'a bigger call of the same kind: proportionally longer'],
  [2_000, { p95: 1.1, p99: 1.2 }, 10_000, 5_000, 'a short call: the floors'],
  [200_000, { p95: 2, p99: 3 }, 120_000, 120_000, 'a huge call: the cap (LLM_TIMEOUT_MS), and a hedge never after the deadline'],
])('expected %i ms with %o → deadline %d, hedge %d (%s)', (expected, measured, deadline, hedge) => {
  expect(attemptDeadlineMs(expected, measured, limits)).toBe(Math.round(deadline));
  expect(hedgeAfterMs(expected, measured, limits)).toBe(Math.round(hedge));
});

test('the tracker: nothing measured → priors; a few samples → the largest, with room for the tail; then quantiles over a window', () => {
  const t = createLatencyTracker(100);
  expect(t.ratios('m|feedback')).toEqual({});
  t.record('m|feedback', 0.5);
  t.record('m|feedback', 0.8);
  expect(t.ratios('m|feedback')).toEqual({ p95: 0.8 * SMALL_SAMPLE.p95, p99: 0.8 * SMALL_SAMPLE.p99 });
  for (let i = 0; i < MIN_SAMPLES; i++) t.record('m|feedback', 1);
  expect(t.ratios('m|feedback')).toEqual({ p95: 1, p99: 1 });
  for (let i = 1; i <= 100; i++) t.record('m|feedback', i / 100);
  expect(t.ratios('m|feedback')).toEqual({ p95: 0.95, p99: 0.99 });
  t.record('m|feedback', Number.NaN); // ignored
  expect(t.ratios('m|feedback').p99).toBe(0.99);
  expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
});

test('a kind not yet measured borrows its model’s measurements, less certain (the summary after the rubric, both Sonnet)', () => {
  const t = createLatencyTracker();
  for (const k of timingKeys('claude-sonnet-5-5', 'rubric')) t.record(k, 0.4);
  expect(t.firstRatios(timingKeys('claude-sonnet-5-5', 'rubric'))).toEqual({ p95: 0.4 * SMALL_SAMPLE.p95, p99: 0.4 * SMALL_SAMPLE.p99 });
  const borrowed = t.firstRatios(timingKeys('claude-sonnet-5-5', 'summary'));
  expect(borrowed.p95).toBeCloseTo(0.4 * SMALL_SAMPLE.p95 * BORROWED_RATIO, 12);
  expect(borrowed.p99).toBeCloseTo(0.4 * SMALL_SAMPLE.p99 * BORROWED_RATIO, 12);
  expect(t.firstRatios(timingKeys('claude-haiku-5-5', 'feedback'))).toEqual({});
});
