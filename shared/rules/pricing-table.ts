/**
 * Anthropic's list prices, USD per million tokens, as published on platform.claude.com (model
 * overview pages and the pricing page) and checked on 2026-11-21. When Anthropic changes a price,
 * change it here: each cost record stores the USD computed at the time of the call, so history
 * keeps the price it was billed at.
 */

/** One price band: USD per million tokens for each kind of token. */
export interface PriceRates {
  input: number;
  output: number;
  /** Writing a prompt-cache entry that lives 5 minutes (1.25 × input). */
  cacheWrite5m: number;
  /** Writing a prompt-cache entry that lives 1 hour (2 × input). */
  cacheWrite1h: number;
  /** Reading ("hits and refreshes") a cached prefix. */
  cacheRead: number;
}

export interface ModelPrice extends PriceRates {
  /** Multiplier for the Message Batches API (all token kinds): 0.5 = 50% off. */
  batchMultiplier: number;
  /**
   * Some models bill a whole request at higher rates when its prompt (input + cache reads + cache
   * writes) exceeds a threshold — every token of that request, output included.
   */
  longPrompt?: { thresholdTokens: number; rates: PriceRates };
  /**
   * The shortest prefix the model will cache; shorter prefixes with `cache_control` are billed
   * as plain input without an error. Not a price, but it decides what caching saves.
   */
  minCacheableTokens: number;
  /** True where a figure above comes from the model family rather than a published page. */
  unverified?: string;
}

const band = (input: number, output: number, cacheRead: number): PriceRates => ({
  input,
  output,
  cacheWrite5m: input * 1.25,
  cacheWrite1h: input * 2,
  cacheRead,
});

export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'claude-haiku-5-5': {
    ...band(0.1, 0.5, 0.01),
    batchMultiplier: 0.5,
    longPrompt: { thresholdTokens: 100_000, rates: band(0.5, 2.5, 0.05) },
    minCacheableTokens: 4096,
    unverified: 'cache minimum taken from Claude Haiku 4.5 (4,096); not yet published for Haiku 5.5',
  },
  // Sonnet 5.5's cache reads were cut from $0.20 to $0.10 on 2026-10-07.
  'claude-sonnet-5-5': {
    ...band(2, 10, 0.1),
    batchMultiplier: 0.5,
    minCacheableTokens: 1024,
    unverified: 'cache minimum taken from Claude Sonnet 5 (1,024); not yet published for Sonnet 5.5',
  },
  'claude-opus-5-5': {
    ...band(4, 20, 0.2),
    batchMultiplier: 0.5,
    minCacheableTokens: 512,
    unverified: 'cache minimum taken from Claude Opus 5 (512)',
  },
  'claude-sonnet-5': { ...band(2, 10, 0.2), batchMultiplier: 0.5, minCacheableTokens: 1024 },
  'claude-opus-5': { ...band(5, 25, 0.5), batchMultiplier: 0.5, minCacheableTokens: 512 },
  'claude-haiku-4-5': { ...band(1, 5, 0.1), batchMultiplier: 0.5, minCacheableTokens: 4096 },
  'claude-haiku-4-5-20251001': { ...band(1, 5, 0.1), batchMultiplier: 0.5, minCacheableTokens: 4096 },
  'claude-sonnet-4-6': { ...band(3, 15, 0.3), batchMultiplier: 0.5, minCacheableTokens: 1024 },
  'claude-opus-4-8': { ...band(5, 25, 0.5), batchMultiplier: 0.5, minCacheableTokens: 1024 },
};

/** Model ids with a price, e.g. to validate configuration at start-up. */
export const PRICED_MODELS: readonly string[] = Object.keys(MODEL_PRICES);
