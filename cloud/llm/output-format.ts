import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import type { AutoParseableOutputFormat } from '@anthropic-ai/sdk/lib/parser';
import type { z } from 'zod';

/** What parsing one answer gave: the typed output, or the problems that send it to repair. */
export type ParseOutcome<T> = { ok: true; value: T } | { ok: false; issues: string[]; raw: string };

/**
 * `zodOutputFormat` sends the schema (in the JSON-schema subset structured outputs accept) but
 * throws on a bad answer, losing the usage we were billed for and the text the repair turn needs.
 * This keeps its schema and returns the outcome instead of throwing. `check` adds rules that
 * need context the schema cannot carry.
 */
export function outcomeFormat<T>(schema: z.ZodType<T>, check?: (value: T) => string[]): AutoParseableOutputFormat<ParseOutcome<T>> {
  const base = zodOutputFormat(schema);
  return {
    type: base.type,
    schema: base.schema,
    parse(raw: string): ParseOutcome<T> {
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (err) {
        // JSON.parse quotes a snippet of the text in its message, and that text may quote the
        // student: keep only the position, since issues reach cost records and logs.
        const at = err instanceof Error ? /position (\d+)/.exec(err.message)?.[1] : undefined;
        return { ok: false, raw, issues: [`not valid JSON${raw.trim() === '' ? ' (empty)' : at ? ` (error at character ${at} of ${raw.length})` : ` (${raw.length} characters)`}`] };
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        return { ok: false, raw, issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
      }
      const extra = check?.(parsed.data) ?? [];
      return extra.length > 0 ? { ok: false, raw, issues: extra } : { ok: true, value: parsed.data };
    },
  };
}
