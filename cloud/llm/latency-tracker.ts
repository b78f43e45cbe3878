import { MIN_SAMPLES, type MeasuredRatios } from './attempt-timing';

/** How many recent attempts per key the quantiles are taken over. */
const WINDOW = 200;

/**
 * In-process latency measurements of answered attempts, per model and kind, each kept as the
 * ratio of its latency to the call's expected latency (attempt-timing.ts). One instance serves many
 * tasks, so by the time an assignment's last works are slow, its first works have been measured.
 */
export interface LatencyTracker {
  record(key: string, ratio: number): void;
  /** p95 and p99 of the key's recent ratios; absent until MIN_SAMPLES were recorded. */
  ratios(key: string): MeasuredRatios;
}

export function createLatencyTracker(window = WINDOW): LatencyTracker {
  const samples = new Map<string, number[]>();
  return {
    record(key, ratio) {
      if (!Number.isFinite(ratio) || ratio < 0) return;
      const list = samples.get(key) ?? [];
      list.push(ratio);
      if (list.length > window) list.shift();
      samples.set(key, list);
    },
    ratios(key) {
      const list = samples.get(key);
      if (!list || list.length < MIN_SAMPLES) return {};
      const sorted = [...list].sort((a, b) => a - b);
      return { p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99) };
    },
  };
}

/** Nearest-rank quantile of a sorted list. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}
