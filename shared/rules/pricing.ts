import { MODEL_PRICES, type ModelPrice, type PriceRates } from './pricing-table';

export { MODEL_PRICES, PRICED_MODELS, type ModelPrice, type PriceRates } from './pricing-table';

/**
 * What one call used, split the way Anthropic bills it. `inputTokens` are the uncached input
 * tokens only (the API reports cache reads and writes separately).
 */
export interface BilledTokens {
  inputTokens: number;
  outputTokens: number;
  cacheWrite5mTokens: number;
  cacheWrite1hTokens: number;
  cacheReadTokens: number;
}

export interface CostOptions {
  /** The call went through the Message Batches API. */
  batch?: boolean;
}

/** Cost of one call, USD, with the part each token kind contributed. */
export interface CostBreakdown {
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
  total: number;
  /** The request's prompt crossed the model's long-prompt threshold. */
  longPrompt: boolean;
}

export class UnknownModelPriceError extends Error {
  constructor(readonly model: string) {
    super(`No price for model "${model}": add it to shared/rules/pricing-table.ts`);
    this.name = 'UnknownModelPriceError';
  }
}

/** The price entry for a model; throws for a model we cannot price rather than guessing. */
export function priceFor(model: string, table: Readonly<Record<string, ModelPrice>> = MODEL_PRICES): ModelPrice {
  const price = table[model];
  if (!price) throw new UnknownModelPriceError(model);
  return price;
}

/** Everything the model read for this request: the figure long-prompt thresholds apply to. */
export function promptTokens(t: BilledTokens): number {
  return t.inputTokens + t.cacheReadTokens + t.cacheWrite5mTokens + t.cacheWrite1hTokens;
}

const PER_TOKEN = 1 / 1_000_000;

/** Pure: tokens × rates → USD. */
export function calculateCost(tokens: BilledTokens, price: ModelPrice, opts: CostOptions = {}): CostBreakdown {
  for (const [k, v] of Object.entries(tokens)) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${k} must be a non-negative integer, got ${v}`);
  }
  const longPrompt = price.longPrompt !== undefined && promptTokens(tokens) > price.longPrompt.thresholdTokens;
  const rates: PriceRates = longPrompt && price.longPrompt ? price.longPrompt.rates : price;
  const m = (opts.batch ? price.batchMultiplier : 1) * PER_TOKEN;
  const parts = {
    input: tokens.inputTokens * rates.input * m,
    output: tokens.outputTokens * rates.output * m,
    cacheWrite5m: tokens.cacheWrite5mTokens * rates.cacheWrite5m * m,
    cacheWrite1h: tokens.cacheWrite1hTokens * rates.cacheWrite1h * m,
    cacheRead: tokens.cacheReadTokens * rates.cacheRead * m,
  };
  const total = parts.input + parts.output + parts.cacheWrite5m + parts.cacheWrite1h + parts.cacheRead;
  return { ...parts, total: roundUsd(total), longPrompt };
}

/** Cost of one call of `model`, USD. */
export function costUsd(model: string, tokens: BilledTokens, opts: CostOptions = {}): number {
  return calculateCost(tokens, priceFor(model), opts).total;
}

/** Nano-dollar precision hides floating-point dust (0.1 × 3 = 0.30000000000000004) in stored sums. */
export function roundUsd(usd: number): number {
  return Math.round(usd * 1e9) / 1e9;
}
