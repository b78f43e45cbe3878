import {
  type BilledTokens,
  calculateCost,
  costUsd,
  MODEL_PRICES,
  priceFor,
  PRICED_MODELS,
  UnknownModelPriceError,
} from '../../shared/rules/pricing';

const none: BilledTokens = { inputTokens: 0, outputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0 };
const t = (over: Partial<BilledTokens>): BilledTokens => ({ ...none, ...over });

// Sonnet 5.5: $2 input, $10 output, $2.50 5-minute write, $4 1-hour write, $0.10 cache read per MTok.
const sonnet = priceFor('claude-sonnet-5-5');
// Haiku 5.5: $0.10 / $0.50 / $0.125 / $0.20 / $0.01, ×5 above 100,000 prompt tokens.
const haiku = priceFor('claude-haiku-5-5');

describe('calculateCost: one column at a time (hand-computed)', () => {
  test.each([
    ['input', t({ inputTokens: 1234 }), 'input', 0.002468], // 1,234 × $2 / 1M
    ['output', t({ outputTokens: 2000 }), 'output', 0.02], // 2,000 × $10 / 1M
    ['5-minute cache write', t({ cacheWrite5mTokens: 4000 }), 'cacheWrite5m', 0.01], // 4,000 × $2.50 / 1M
    ['1-hour cache write', t({ cacheWrite1hTokens: 4000 }), 'cacheWrite1h', 0.016], // 4,000 × $4 / 1M
    ['cache read', t({ cacheReadTokens: 4000 }), 'cacheRead', 0.0004], // 4,000 × $0.10 / 1M
  ] as const)('%s', (_name, tokens, column, expected) => {
    const cost = calculateCost(tokens, sonnet);
    expect(cost[column]).toBeCloseTo(expected, 12);
    expect(cost.total).toBeCloseTo(expected, 12);
  });

  test('a million input tokens cost exactly the list price', () => {
    expect(calculateCost(t({ inputTokens: 1_000_000 }), sonnet).total).toBe(2);
  });
});

describe('calculateCost: mixed calls', () => {
  test('a cached feedback call: 1,200 input + 800 output + 3,000 cache read = $0.0107', () => {
    // 0.0024 + 0.008 + 0.0003
    expect(calculateCost(t({ inputTokens: 1200, outputTokens: 800, cacheReadTokens: 3000 }), sonnet).total).toBeCloseTo(0.0107, 12);
  });

  test('batch discount halves every column: $0.0107 → $0.00535', () => {
    const tokens = t({ inputTokens: 1200, outputTokens: 800, cacheReadTokens: 3000 });
    expect(calculateCost(tokens, sonnet, { batch: true }).total).toBeCloseTo(0.00535, 12);
    // 8,000 × $0.125 × 0.5 / 1M for a batched 5-minute write on Haiku 5.5
    expect(calculateCost(t({ cacheWrite5mTokens: 8000 }), haiku, { batch: true }).total).toBeCloseTo(0.0005, 12);
  });

  test('Haiku 5.5 cache write columns: 8,000 × $0.125 = $0.001 and 8,000 × $0.20 = $0.0016', () => {
    expect(calculateCost(t({ cacheWrite5mTokens: 8000 }), haiku).total).toBeCloseTo(0.001, 12);
    expect(calculateCost(t({ cacheWrite1hTokens: 8000 }), haiku).total).toBeCloseTo(0.0016, 12);
  });

  test('long-prompt band applies to the whole request once the prompt exceeds 100,000 tokens', () => {
    // 90,000 × $0.50 + 20,000 × $0.05 + 1,000 × $2.50 (output billed at the long rate too) = 0.045 + 0.001 + 0.0025
    const long = calculateCost(t({ inputTokens: 90_000, cacheReadTokens: 20_000, outputTokens: 1000 }), haiku);
    expect(long.longPrompt).toBe(true);
    expect(long.total).toBeCloseTo(0.0485, 12);
    // Exactly at the threshold: the normal band, 100,000 × $0.10.
    const atThreshold = calculateCost(t({ inputTokens: 100_000 }), haiku);
    expect(atThreshold.longPrompt).toBe(false);
    expect(atThreshold.total).toBeCloseTo(0.01, 12);
  });

  test('totals are rounded to nano-dollars so sums do not collect float dust', () => {
    expect(costUsd('claude-haiku-5-5', t({ inputTokens: 3 }))).toBe(0.0000003);
  });
});

describe('the price table', () => {
  test('unknown models are refused, not guessed', () => {
    expect(() => costUsd('claude-imaginary-9', t({ inputTokens: 1 }))).toThrow(UnknownModelPriceError);
  });

  test('negative or fractional token counts are refused', () => {
    expect(() => calculateCost(t({ inputTokens: -1 }), sonnet)).toThrow(RangeError);
    expect(() => calculateCost(t({ outputTokens: 1.5 }), sonnet)).toThrow(RangeError);
  });

  test.each(PRICED_MODELS)('%s keeps the published multipliers (5m = 1.25×, 1h = 2× input, batch 50%%)', (model) => {
    const p = MODEL_PRICES[model]!;
    expect(p.cacheWrite5m).toBeCloseTo(p.input * 1.25, 12);
    expect(p.cacheWrite1h).toBeCloseTo(p.input * 2, 12);
    expect(p.cacheRead).toBeLessThan(p.input);
    expect(p.batchMultiplier).toBe(0.5);
  });
});
