import type { MessageParam, TextBlockParam, Usage } from '@anthropic-ai/sdk/resources/messages';
import type { BilledTokens } from '../../shared/rules/pricing';

/**
 * A prompt in three parts, in the order caching needs: what never changes for a task kind, what
 * is shared by every call of one assignment, and what is particular to this call.
 */
export interface LlmPrompt {
  /** Instructions for the task kind. */
  system: string;
  /** Shared by all calls of the assignment: the assignment and rubric. Ends at the cache breakpoint. */
  prefix: string;
  /** After the breakpoint: this call's data, e.g. the delimited student text. May be empty. */
  input: string;
}

export type CacheTtl = '5m' | '1h';

/**
 * System as a block list and one user turn: [prefix (cache_control), input]. The output schema
 * and system come before the prefix in Anthropic's cache order, so the cached entry covers
 * schema + system + assignment + rubric, and only the student's text is read at full price.
 */
export function buildRequestParts(prompt: LlmPrompt, cache: CacheTtl | null): { system: TextBlockParam[]; messages: MessageParam[] } {
  const prefix: TextBlockParam = { type: 'text', text: prompt.prefix };
  if (cache) prefix.cache_control = cache === '1h' ? { type: 'ephemeral', ttl: '1h' } : { type: 'ephemeral' };
  const content: TextBlockParam[] = [prefix];
  if (prompt.input.trim() !== '') content.push({ type: 'text', text: prompt.input });
  return { system: [{ type: 'text', text: prompt.system }], messages: [{ role: 'user', content }] };
}

/** The follow-up turn of the one repair attempt: Claude's invalid answer, then what was wrong with it. */
export function repairTurns(rawOutput: string, issues: string[], truncated: boolean): MessageParam[] {
  const why = truncated
    ? 'Your answer was cut off at the length limit, so it is not complete JSON. Answer again, more concisely.'
    : 'Your answer did not satisfy the required output schema.';
  const list = issues.slice(0, 12).map((i) => `- ${i}`).join('\n');
  return [
    { role: 'assistant', content: rawOutput.trim() === '' ? '(no output)' : rawOutput },
    {
      role: 'user',
      content: `${why}\nProblems found:\n${list}\nReply with the complete corrected JSON object only, following every constraint in the schema descriptions (counts, lengths, ranges).`,
    },
  ];
}

/** The API's usage, split the way prices are: 5-minute and 1-hour cache writes apart. */
export function billedTokens(usage: Usage, requestedTtl: CacheTtl | null): BilledTokens {
  const created = usage.cache_creation_input_tokens ?? 0;
  const split = usage.cache_creation;
  const oneHour = split ? split.ephemeral_1h_input_tokens : requestedTtl === '1h' ? created : 0;
  const fiveMin = split ? split.ephemeral_5m_input_tokens : created - oneHour;
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheWrite5mTokens: Math.max(0, fiveMin),
    cacheWrite1hTokens: Math.max(0, oneHour),
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
  };
}
