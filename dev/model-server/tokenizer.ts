/**
 * Characters per token, by model. Anthropic suggests ≈ 4 characters per token for English; the
 * tokenizer of Claude Opus 4.7 and later models (the 5.x family included) counts the same text as
 * about 30% more tokens than Claude Haiku 4.5's does (Claude Haiku 5.5 overview, platform.claude.com),
 * so those models get 4 / 1.3 ≈ 3.08. Costs and cache minimums both depend on it.
 */
const NEWER_TOKENIZER = /^claude-(?:(?:haiku|sonnet|opus|fable|mythos)-5(?:-\d+)?|opus-4-[78])(?:-\d{8})?$/;

export function charsPerToken(model: string): number {
  return NEWER_TOKENIZER.test(model) ? 4 / 1.3 : 4;
}

/** Estimated tokens of a text; never 0 for non-empty text. */
export function estimateTokens(text: string, cpt = 4): number {
  // The epsilon keeps 400 / (4 / 1.3) at 130, not 131.
  return text.length === 0 ? 0 : Math.ceil(text.length / cpt - 1e-9);
}
