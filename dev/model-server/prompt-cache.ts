import { createHash } from 'node:crypto';

/** One piece of the prompt in cache order (schema, system blocks, message blocks). */
export interface Segment {
  text: string;
  tokens: number;
  /** Set when the block carries `cache_control`. */
  ttl?: '5m' | '1h';
}

export interface CacheUsage {
  inputTokens: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
}

interface Entry {
  expiresAt: number;
  readyAt: number;
  ttlMs: number;
}

const TTL_MS = { '5m': 5 * 60_000, '1h': 60 * 60_000 } as const;

/**
 * Anthropic's prompt cache as the billing sees it: a prefix up to a `cache_control` breakpoint is
 * written on first sight (if it reaches the model's minimum length), read when it arrives again
 * before its TTL runs out (a read refreshes the TTL), and readable only once the writing request
 * has started answering — so parallel first requests all pay for writes.
 */
export function createPromptCache(now: () => number) {
  const entries = new Map<string, Entry>();

  function use(model: string, segments: Segment[], minTokens: number, readyDelayMs: number): CacheUsage {
    const t = now();
    const total = segments.reduce((n, s) => n + s.tokens, 0);
    const hasher = createHash('sha256').update(model);
    let running = 0;
    const points: { key: string; tokens: number; ttl: '5m' | '1h' }[] = [];
    for (const s of segments) {
      hasher.update('\u0000').update(s.text);
      running += s.tokens;
      if (s.ttl && running >= minTokens) points.push({ key: hasher.copy().digest('hex'), tokens: running, ttl: s.ttl });
    }
    let hit = -1;
    for (let i = points.length - 1; i >= 0; i--) {
      const e = entries.get(points[i]!.key);
      if (e && e.expiresAt > t && e.readyAt <= t) {
        hit = i;
        e.expiresAt = t + e.ttlMs;
        break;
      }
    }
    const read = hit >= 0 ? points[hit]!.tokens : 0;
    const written = { '5m': 0, '1h': 0 };
    let covered = read;
    for (let i = hit + 1; i < points.length; i++) {
      const p = points[i]!;
      written[p.ttl] += p.tokens - covered;
      covered = p.tokens;
      const existing = entries.get(p.key);
      // A write in flight keeps its earlier readiness; re-writing does not make it ready sooner.
      entries.set(p.key, { expiresAt: t + TTL_MS[p.ttl], ttlMs: TTL_MS[p.ttl], readyAt: existing && existing.expiresAt > t ? existing.readyAt : t + readyDelayMs });
    }
    return { inputTokens: total - covered, cacheRead: read, cacheWrite5m: written['5m'], cacheWrite1h: written['1h'] };
  }

  return {
    use,
    clear: () => entries.clear(),
    size: () => entries.size,
  };
}
export type PromptCache = ReturnType<typeof createPromptCache>;
