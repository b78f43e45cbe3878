import { BUCKET_BOUNDS_MS, BUCKET_KEYS, bucketKey, countAtOrUnder, percentile } from '../../cloud/metrics/duration-histogram';

// The fixed-bucket histogram behind processing-time p50/p95.

test.each([
  [0, 'le_250'],
  [250, 'le_250'],
  [251, 'le_500'],
  [60_000, 'le_60000'],
  [60_001, 'le_90000'],
  [3_600_000, 'le_3600000'],
  [3_600_001, 'le_inf'],
])('%i ms falls in %s (bounds are inclusive)', (ms, key) => {
  expect(bucketKey(ms)).toBe(key);
});

test('the PRD targets sit on bucket bounds, so "within target" is exact', () => {
  for (const target of [60_000, 90_000, 600_000]) expect(BUCKET_BOUNDS_MS).toContain(target);
  expect(BUCKET_KEYS).toHaveLength(BUCKET_BOUNDS_MS.length + 1);
});

test('nothing counted → no percentile', () => {
  expect(percentile({}, 0.5)).toBeUndefined();
});

test('percentiles interpolate inside the bucket that holds the rank', () => {
  // 10 runs: 4 in (10 s, 15 s], 6 in (15 s, 20 s].
  const h = { le_15000: 4, le_20000: 6 };
  // p50: rank 5 → first of the 6 in (15, 20] → 15 s + 1/6 × 5 s.
  expect(percentile(h, 0.5)).toEqual({ ms: 15_833, overflow: false });
  // p95: rank 9.5 → 5.5/6 of the way through (15, 20].
  expect(percentile(h, 0.95)).toEqual({ ms: 19_583, overflow: false });
  expect(percentile(h, 0.4)).toEqual({ ms: 15_000, overflow: false });
});

test('a percentile in the open top bucket says so and reports its lower bound', () => {
  expect(percentile({ le_1000: 1, le_inf: 9 }, 0.95)).toEqual({ ms: 3_600_000, overflow: true });
});

test('countAtOrUnder sums every bucket up to a bound', () => {
  expect(countAtOrUnder({ le_250: 1, le_60000: 2, le_90000: 4, le_inf: 8 }, 60_000)).toBe(3);
  expect(countAtOrUnder({ le_250: 1, le_60000: 2, le_90000: 4, le_inf: 8 }, 90_000)).toBe(7);
});
