/**
 * A fixed-bucket duration histogram: the one shape in which processing times can be summed across
 * days and shards and still give p50/p95. Counts per bucket are Firestore increments, so writers
 * never read. The bounds are part of the stored data: never change or remove one; a new bound may
 * only be added above the last finite one (older days then simply have no count in it).
 */

/** Upper bounds (inclusive) in milliseconds; one more bucket, `le_inf`, takes the rest. */
export const BUCKET_BOUNDS_MS = [
  250, 500, 1_000, 2_000, 3_000, 5_000, 7_500, 10_000, 15_000, 20_000, 30_000, 45_000, 60_000, 90_000, 120_000, 180_000,
  240_000, 300_000, 420_000, 600_000, 900_000, 1_200_000, 1_800_000, 3_600_000,
] as const;

/** Bucket keys as stored: `le_250` … `le_3600000`, `le_inf`. */
export const BUCKET_KEYS: readonly string[] = [...BUCKET_BOUNDS_MS.map((b) => `le_${b}`), 'le_inf'];

export type Histogram = Record<string, number>;

/** The stored key of the bucket a duration falls in. */
export function bucketKey(durationMs: number): string {
  const i = BUCKET_BOUNDS_MS.findIndex((b) => durationMs <= b);
  return BUCKET_KEYS[i === -1 ? BUCKET_KEYS.length - 1 : i]!;
}

/** Sum of histograms (missing buckets count 0). */
export function addHistograms(a: Histogram, b: Histogram): Histogram {
  const out: Histogram = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = (out[k] ?? 0) + n;
  return out;
}

export interface Percentile {
  /** Estimated duration in ms; for the open top bucket, its lower bound. */
  ms: number;
  /** True when the value lies beyond the last finite bound (shown as "> 60 min"). */
  overflow: boolean;
}

/**
 * The q-quantile (0 < q ≤ 1) of the durations counted in `h`, interpolated linearly inside the
 * bucket that holds it — the error is at most that bucket's width, which is small next to the
 * PRD's targets (60 s, 90 s, 10 min sit on bucket bounds, so "under target" is never a guess).
 * Undefined when nothing was counted.
 */
export function percentile(h: Histogram, q: number): Percentile | undefined {
  const counts = BUCKET_KEYS.map((k) => h[k] ?? 0);
  const total = counts.reduce((s, n) => s + n, 0);
  if (total === 0) return undefined;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i]!;
    if (n === 0 || seen + n < rank) {
      seen += n;
      continue;
    }
    const lower = i === 0 ? 0 : BUCKET_BOUNDS_MS[i - 1]!;
    if (i === BUCKET_BOUNDS_MS.length) return { ms: lower, overflow: true };
    const upper = BUCKET_BOUNDS_MS[i]!;
    return { ms: Math.round(lower + ((rank - seen) / n) * (upper - lower)), overflow: false };
  }
  return { ms: BUCKET_BOUNDS_MS[BUCKET_BOUNDS_MS.length - 1]!, overflow: true };
}

/** How many counted durations are at or under `boundMs`, which must be one of the bounds. */
export function countAtOrUnder(h: Histogram, boundMs: (typeof BUCKET_BOUNDS_MS)[number]): number {
  const last = BUCKET_BOUNDS_MS.indexOf(boundMs);
  return BUCKET_KEYS.slice(0, last + 1).reduce((s, k) => s + (h[k] ?? 0), 0);
}
