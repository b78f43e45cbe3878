import { z } from 'zod';
import type { Segment } from './prompt-cache';
import { estimateTokens } from './tokenizer';

const CacheControl = z.object({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() });

const Block = z
  .object({ type: z.string().min(1), text: z.string().optional(), cache_control: CacheControl.nullish() })
  .passthrough()
  .superRefine((b, ctx) => {
    if (b.type === 'text' && !b.text) ctx.addIssue({ code: 'custom', path: ['text'], message: 'text content blocks must be non-empty' });
  });

const Message = z.object({ role: z.enum(['user', 'assistant']), content: z.union([z.string(), z.array(Block).min(1)]) });

const OutputConfig = z
  .object({
    format: z.object({ type: z.literal('json_schema'), schema: z.record(z.string(), z.unknown()) }).nullish(),
    effort: z.enum(['low', 'medium', 'high', 'xhigh', 'max']).nullish(),
  })
  .passthrough();

/** The subset of the Messages API request the local server understands; other fields pass through. */
export const MessagesRequestSchema = z
  .object({
    model: z.string().min(1),
    max_tokens: z.number().int().min(1),
    messages: z.array(Message).min(1),
    system: z.union([z.string(), z.array(Block)]).optional(),
    output_config: OutputConfig.nullish(),
    stream: z.boolean().nullish(),
  })
  .passthrough()
  .superRefine((r, ctx) => {
    if (r.messages[0]?.role !== 'user') ctx.addIssue({ code: 'custom', path: ['messages', 0, 'role'], message: 'the first message must use the "user" role' });
    const last = r.messages.length - 1;
    r.messages.forEach((m, i) => {
      if (typeof m.content === 'string' && m.content === '' && !(i === last && m.role === 'assistant')) {
        ctx.addIssue({ code: 'custom', path: ['messages', i, 'content'], message: 'messages must have non-empty content' });
      }
    });
    const breakpoints = blocks(r).filter((b) => b.cache_control).length;
    if (breakpoints > 4) ctx.addIssue({ code: 'custom', path: [], message: `A maximum of 4 blocks with cache_control may be provided. Found ${breakpoints}.` });
  });
export type MessagesRequest = z.infer<typeof MessagesRequestSchema>;

type AnyBlock = z.infer<typeof Block>;

function blocks(r: Pick<MessagesRequest, 'system' | 'messages'>): AnyBlock[] {
  const sys: AnyBlock[] = typeof r.system === 'string' ? (r.system ? [{ type: 'text', text: r.system }] : []) : (r.system ?? []);
  const msgs = r.messages.flatMap((m): AnyBlock[] => (typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content));
  return [...sys, ...msgs];
}

/**
 * The prompt in Anthropic's cache order: the output schema (structured outputs put it in a
 * system prompt of their own, so it is part of every prefix), system blocks, message blocks.
 */
export function segments(r: MessagesRequest, cpt: number): Segment[] {
  const out: Segment[] = [];
  const schema = r.output_config?.format?.schema;
  if (schema) out.push({ text: JSON.stringify(schema), tokens: estimateTokens(JSON.stringify(schema), cpt) + 30 });
  for (const b of blocks(r)) {
    const text = b.type === 'text' ? (b.text ?? '') : JSON.stringify(b);
    out.push({ text, tokens: estimateTokens(text, cpt) + 3, ...(b.cache_control ? { ttl: b.cache_control.ttl ?? '5m' } : {}) });
  }
  return out;
}

/** All user-turn text, which is where the prompt's tagged data lives. */
export function userText(r: MessagesRequest): string {
  return r.messages
    .filter((m) => m.role === 'user')
    .flatMap((m) => (typeof m.content === 'string' ? [m.content] : m.content.map((b) => b.text ?? '')))
    .join('\n');
}
