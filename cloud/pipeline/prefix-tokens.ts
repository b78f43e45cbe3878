import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import type { z } from 'zod';
import type { RenderedPrompt } from '../../prompts/render';

/**
 * Roughly how many tokens precede the cache breakpoint: the output schema, the system prompt and
 * the shared prefix, at about four characters a token. Only used to decide whether a prefix is
 * long enough for the model to cache at all.
 */
export function cacheablePrefixTokens(prompt: RenderedPrompt, schema: z.ZodType): number {
  const schemaJson = JSON.stringify(zodOutputFormat(schema).schema);
  return Math.ceil((schemaJson.length + prompt.system.length + prompt.prefix.length) / 4);
}
