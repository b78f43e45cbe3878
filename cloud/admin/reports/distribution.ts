import { compactUsd } from '../render/format';

/** Fixed USD buckets (upper bounds, inclusive) for a distribution; the last bucket is open. */
export const ASSIGNMENT_COST_BOUNDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5] as const;
export const WORK_COST_BOUNDS = [0.002, 0.005, 0.01, 0.02, 0.05, 0.1] as const;

export interface Bucket {
  label: string;
  count: number;
}

/** A value that stands for `weight` equal observations (e.g. an assignment's cost per work, once per graded work). */
export interface Weighted {
  value: number;
  weight: number;
}

const unweighted = (values: readonly number[]): Weighted[] => values.map((value) => ({ value, weight: 1 }));

/** How many values fall in each bucket, labelled "≤ $0.05", "$0.05–$0.10", "> $5". */
export function bucketize(values: readonly number[], bounds: readonly number[]): Bucket[] {
  return bucketizeWeighted(unweighted(values), bounds);
}

/** {@link bucketize} where each value counts `weight` times. */
export function bucketizeWeighted(values: readonly Weighted[], bounds: readonly number[]): Bucket[] {
  const counts = new Array<number>(bounds.length + 1).fill(0);
  for (const { value, weight } of values) {
    const i = bounds.findIndex((b) => value <= b);
    counts[i === -1 ? bounds.length : i]! += weight;
  }
  return counts.map((count, i) => ({
    label: i === 0 ? `≤ ${compactUsd(bounds[0]!)}` : i === bounds.length ? `> ${compactUsd(bounds[i - 1]!)}` : `${compactUsd(bounds[i - 1]!)}–${compactUsd(bounds[i]!)}`,
    count,
  }));
}

/** The q-quantile of values by the nearest-rank method (exact values, no interpolation). */
export function quantile(values: readonly number[], q: number): number | null {
  return weightedQuantile(unweighted(values), q);
}

/**
 * {@link quantile} where each value counts `weight` times (integer weights): the same as the
 * nearest-rank quantile of the list with every value repeated `weight` times, without building it.
 */
export function weightedQuantile(values: readonly Weighted[], q: number): number | null {
  const items = values.filter((v) => v.weight > 0).sort((a, b) => a.value - b.value);
  const total = items.reduce((s, v) => s + v.weight, 0);
  if (total === 0) return null;
  const rank = Math.min(total, Math.max(1, Math.ceil(q * total - 1e-9)));
  let seen = 0;
  for (const v of items) {
    seen += v.weight;
    if (seen >= rank) return v.value;
  }
  return items.at(-1)!.value;
}

export const mean = (values: readonly number[]): number | null => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : null);
