import { compactUsd } from '../render/format';

/** Fixed USD buckets (upper bounds, inclusive) for a distribution; the last bucket is open. */
export const ASSIGNMENT_COST_BOUNDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5] as const;
export const WORK_COST_BOUNDS = [0.002, 0.005, 0.01, 0.02, 0.05, 0.1] as const;

export interface Bucket {
  label: string;
  count: number;
}

/** How many values fall in each bucket, labelled "≤ $0.05", "$0.05–$0.10", "> $5". */
export function bucketize(values: readonly number[], bounds: readonly number[]): Bucket[] {
  const counts = new Array<number>(bounds.length + 1).fill(0);
  for (const v of values) {
    const i = bounds.findIndex((b) => v <= b);
    counts[i === -1 ? bounds.length : i]! += 1;
  }
  return counts.map((count, i) => ({
    label: i === 0 ? `≤ ${compactUsd(bounds[0]!)}` : i === bounds.length ? `> ${compactUsd(bounds[i - 1]!)}` : `${compactUsd(bounds[i - 1]!)}–${compactUsd(bounds[i]!)}`,
    count,
  }));
}

/** The q-quantile of values by the nearest-rank method (exact values, no interpolation). */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const mean = (values: readonly number[]): number | null => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);
