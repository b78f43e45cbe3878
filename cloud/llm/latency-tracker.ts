import { BORROWED_RATIO, MIN_SAMPLES, type MeasuredRatios, SMALL_SAMPLE } from './attempt-timing';

/** How many recent attempts per key the quantiles are taken over. */
const WINDOW = 200;

/**
 * In-process latency measurements of answered attempts, per model and kind, each kept as the
 * ratio of its latency to the call's expected latency (attempt-timing.ts). One instance serves many
 * tasks, so by the time an assignment's last works are slow, its first works have been measured.
 */
export interface LatencyTracker {
  record(key: string, ratio: number): void;
  /**
   * p95 and p99 of the key's recent ratios. Below MIN_SAMPLES the tail cannot be seen, so the
   * largest ratio × SMALL_SAMPLE stands for them; with none, absent (priors).
   */
  ratios(key: string): MeasuredRatios;
  /**
   * The first of `keys` with any measurement (per model and kind, then per model); ratios borrowed
   * from a later key are multiplied by BORROWED_RATIO.
   */
  firstRatios(keys: readonly string[]): MeasuredRatios;
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
      if (!list || list.length === 0) return {};
      const sorted = [...list].sort((a, b) => a - b);
      if (sorted.length < MIN_SAMPLES) {
        const max = sorted[sorted.length - 1]!;
        return { p95: max * SMALL_SAMPLE.p95, p99: max * SMALL_SAMPLE.p99 };
      }
      return { p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99) };
    },
    firstRatios(keys) {
      for (const [i, k] of keys.entries()) {
        const r = this.ratios(k);
        if (r.p95 === undefined || r.p99 === undefined) continue;
        return i === 0 ? r : { p95: r.p95 * BORROWED_RATIO, p99: r.p99 * BORROWED_RATIO };
      }
      return {};
    },
  };
}

/** Nearest-rank quantile of a sorted list. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}
