import type { EditableText, Feedback, Rubric, StudentWork } from '../domain';
import { type ConfusionMatrix, pooledKappa, quadraticWeightedKappa } from './agreement';
import { isReviewed } from './reviewed';

/**
 * How much of the AI's feedback the teacher kept, as additive counters: one work's share is
 * computed here, rollups add and subtract shares (a work edited again moves from its old share to
 * its new one), and the figures are derived from the sums. Pure; the store applies the deltas.
 */

export interface PartCount {
  total: number;
  /** Pieces whose text the teacher changed (current ≠ the AI's original). */
  edited: number;
}

export interface QualityCounts {
  /** Reviewed works counted. */
  works: number;
  /** Criterion levels over those works; `exact` kept as the AI chose them, `adjacent` within one level. */
  levels: number;
  exact: number;
  adjacent: number;
  qualitative: PartCount;
  items: PartCount;
  explanations: PartCount;
  /**
   * Confusion cells `"<ai>_<teacher>"` (level indices, best first) per matrix key: `k<levels>:<criterion id>`
   * per criterion (an assignment's rubric), or `k<levels>` pooled over criteria of that many levels
   * (a teacher's, a day's: criteria differ between assignments).
   */
  matrices: Record<string, Record<string, number>>;
}

export function emptyQuality(): QualityCounts {
  const part = () => ({ total: 0, edited: 0 });
  return { works: 0, levels: 0, exact: 0, adjacent: 0, qualitative: part(), items: part(), explanations: part(), matrices: {} };
}

const changed = (t: EditableText) => t.current !== t.original;

/**
 * One work's share: zero unless the teacher reviewed it ({@link isReviewed}). Levels the rubric no
 * longer has are left out of the level counts (they cannot be placed on its scale).
 */
export function workQuality(work: Pick<StudentWork, 'feedback' | 'sent'>, rubric: Pick<Rubric, 'criteria'> | null): QualityCounts {
  const q = emptyQuality();
  const f: Feedback | null = work.feedback;
  if (!f || !isReviewed(work)) return q;
  q.works = 1;
  q.qualitative = { total: 1, edited: changed(f.qualitativeFeedback) ? 1 : 0 };
  q.items = { total: f.feedbackItems.length, edited: f.feedbackItems.filter((i) => changed(i.title) || changed(i.description)).length };
  q.explanations = { total: f.criterionLevels.length, edited: f.criterionLevels.filter((l) => changed(l.explanation)).length };
  for (const l of f.criterionLevels) {
    const levels = rubric?.criteria.find((c) => c.id === l.criterionId)?.levels;
    const ai = levels?.findIndex((x) => x.id === l.originalLevelId) ?? -1;
    const teacher = levels?.findIndex((x) => x.id === l.levelId) ?? -1;
    if (!levels || ai < 0 || teacher < 0) continue;
    q.levels += 1;
    if (ai === teacher) q.exact += 1;
    if (Math.abs(ai - teacher) <= 1) q.adjacent += 1;
    const key = `k${levels.length}:${l.criterionId}`;
    const cell = `${ai}_${teacher}`;
    (q.matrices[key] ??= {})[cell] = (q.matrices[key]![cell] ?? 0) + 1;
  }
  return q;
}

/** The same counts with per-criterion matrices merged by scale size (for rollups across rubrics). */
export function pooled(q: QualityCounts): QualityCounts {
  const matrices: QualityCounts['matrices'] = {};
  for (const [key, cells] of Object.entries(q.matrices)) {
    const scale = key.split(':')[0]!;
    const into = (matrices[scale] ??= {});
    for (const [cell, n] of Object.entries(cells)) into[cell] = (into[cell] ?? 0) + n;
  }
  return { ...q, matrices };
}

function combine(a: QualityCounts, b: QualityCounts, sign: 1 | -1): QualityCounts {
  const part = (x: PartCount, y: PartCount) => ({ total: x.total + sign * y.total, edited: x.edited + sign * y.edited });
  const matrices: QualityCounts['matrices'] = structuredClone(a.matrices);
  for (const [key, cells] of Object.entries(b.matrices)) {
    const into = (matrices[key] ??= {});
    for (const [cell, n] of Object.entries(cells)) into[cell] = (into[cell] ?? 0) + sign * n;
  }
  return {
    works: a.works + sign * b.works,
    levels: a.levels + sign * b.levels,
    exact: a.exact + sign * b.exact,
    adjacent: a.adjacent + sign * b.adjacent,
    qualitative: part(a.qualitative, b.qualitative),
    items: part(a.items, b.items),
    explanations: part(a.explanations, b.explanations),
    matrices,
  };
}

export const addQuality = (a: QualityCounts, b: QualityCounts) => combine(a, b, 1);
/** after − before: what a rollup must add when a work's share changes. */
export const qualityDelta = (after: QualityCounts, before: QualityCounts) => combine(after, before, -1);

/** True when the delta moves nothing (no write needed). */
export function isZeroQuality(q: QualityCounts): boolean {
  const parts = [q.works, q.levels, q.exact, q.adjacent, q.qualitative.total, q.qualitative.edited, q.items.total, q.items.edited, q.explanations.total, q.explanations.edited];
  return parts.every((n) => n === 0) && Object.values(q.matrices).every((cells) => Object.values(cells).every((n) => n === 0));
}

/** A matrix key's cells as a k × k matrix (k from the key's `k<n>` prefix). */
export function matrixOf(key: string, cells: Record<string, number>): ConfusionMatrix {
  const k = Number(/^k(\d+)/.exec(key)?.[1] ?? 0);
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const [cell, n] of Object.entries(cells)) {
    const [i, j] = cell.split('_').map(Number);
    if (i !== undefined && j !== undefined && i < k && j < k) m[i]![j]! += n;
  }
  return m;
}

export interface QualityFigures {
  reviewedWorks: number;
  levels: number;
  kept: number;
  exact: number | null;
  adjacent: number | null;
  /** Pooled quadratic weighted kappa over every matrix (each weighted by its pairs). */
  kappa: number | null;
  /** Kappa per matrix key (per criterion, or per scale size when pooled). */
  kappaByKey: Record<string, number | null>;
  editRates: { qualitative: number | null; items: number | null; explanations: number | null };
}

const rate = (a: number, b: number) => (b > 0 ? a / b : null);

/** The figures a card or a dashboard shows, from summed counts. */
export function qualityFigures(q: QualityCounts): QualityFigures {
  const keys = Object.keys(q.matrices).sort();
  const matrices = keys.map((k) => matrixOf(k, q.matrices[k]!));
  return {
    reviewedWorks: q.works,
    levels: q.levels,
    kept: q.exact,
    exact: rate(q.exact, q.levels),
    adjacent: rate(q.adjacent, q.levels),
    kappa: pooledKappa(matrices),
    kappaByKey: Object.fromEntries(keys.map((k, i) => [k, quadraticWeightedKappa(matrices[i]!)])),
    editRates: { qualitative: rate(q.qualitative.edited, q.qualitative.total), items: rate(q.items.edited, q.items.total), explanations: rate(q.explanations.edited, q.explanations.total) },
  };
}

/** "You kept 31 of 35 levels on this assignment", or undefined before any reviewed level. */
export function keptLevelsText(q: Pick<QualityCounts, 'exact' | 'levels'>): string | undefined {
  if (q.levels <= 0) return undefined;
  return `You kept ${q.exact} of ${q.levels} level${q.levels === 1 ? '' : 's'} on this assignment`;
}
