/**
 * Agreement between two raters on ordinal levels: here the AI's level and the level the teacher
 * left. Levels are indices into a criterion's levels (0 = the first listed; only distances matter,
 * so the direction of the scale does not). Pure, so every figure is testable by hand.
 */

/** One criterion assessed twice: the AI's level index and the teacher's. */
export interface LevelPair {
  ai: number;
  teacher: number;
}

/** A k × k table of counts: `cells[ai][teacher]`. */
export type ConfusionMatrix = number[][];

/** Count pairs into a k × k matrix; an index outside 0..k-1 is a caller's bug and throws. */
export function confusionMatrix(pairs: readonly LevelPair[], k: number): ConfusionMatrix {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const p of pairs) {
    if (!inRange(p.ai, k) || !inRange(p.teacher, k)) throw new RangeError(`level pair ${p.ai},${p.teacher} outside 0..${k - 1}`);
    m[p.ai]![p.teacher]! += 1;
  }
  return m;
}

const inRange = (i: number, k: number) => Number.isInteger(i) && i >= 0 && i < k;

/** Share of pairs on the same level; null for no pairs (an agreement over nothing is not 100%). */
export function exactAgreement(pairs: readonly LevelPair[]): number | null {
  return pairs.length === 0 ? null : pairs.filter((p) => p.ai === p.teacher).length / pairs.length;
}

/** Share of pairs at most one level apart; null for no pairs. */
export function adjacentAgreement(pairs: readonly LevelPair[]): number | null {
  return pairs.length === 0 ? null : pairs.filter((p) => Math.abs(p.ai - p.teacher) <= 1).length / pairs.length;
}

/**
 * Quadratic weighted kappa (Cohen 1968) of a confusion matrix: 1 − Σ w·O / Σ w·E with
 * w_ij = (i − j)² / (k − 1)² and E the product of the marginals over N. 1 is perfect agreement,
 * 0 what chance alone gives, below 0 worse than chance.
 *
 * Null when it is not defined: no pairs, a one-level scale, or Σ w·E = 0 — both raters put every
 * work on one and the same level, so chance predicts the agreement entirely and "beyond chance"
 * has nothing to measure. (A ratio 0/0 is not 1: showing it as perfect would flatter the model.)
 */
export function quadraticWeightedKappa(m: ConfusionMatrix): number | null {
  const k = m.length;
  if (k < 2 || m.some((row) => row.length !== k)) return null;
  const n = m.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  if (n === 0) return null;
  const rows = m.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = Array.from({ length: k }, (_, j) => m.reduce((s, row) => s + row[j]!, 0));
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = (i - j) ** 2 / (k - 1) ** 2;
      observed += w * m[i]![j]!;
      expected += (w * rows[i]! * cols[j]!) / n;
    }
  }
  return expected === 0 ? null : 1 - observed / expected;
}

/** QWK straight from pairs on a k-level scale. */
export function kappaOfPairs(pairs: readonly LevelPair[], k: number): number | null {
  return quadraticWeightedKappa(confusionMatrix(pairs, k));
}

/**
 * One kappa for several matrices of possibly different sizes (criteria with 3 and 4 levels): each
 * matrix's kappa weighted by its number of pairs. Null when none is defined.
 */
export function pooledKappa(matrices: readonly ConfusionMatrix[]): number | null {
  let weight = 0;
  let sum = 0;
  for (const m of matrices) {
    const kappa = quadraticWeightedKappa(m);
    if (kappa === null) continue;
    const n = m.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
    weight += n;
    sum += kappa * n;
  }
  return weight === 0 ? null : sum / weight;
}
