/**
 * Points: a rubric whose levels carry points gives each graded work a total ("13 / 16"). Pure, so
 * the API (class list, work view), the add-on (cards, the Doc insert) and tests compute it alike.
 *
 * A criterion is scored when every one of its levels has points; its best is its highest level's
 * points. A work has a total only when every criterion is scored and the work has a chosen level for
 * each: a total over some criteria only would read as a grade it is not.
 */

export interface PointsLevel {
  id: string;
  points?: number | null;
}
export interface PointsCriterion {
  id: string;
  levels: readonly PointsLevel[];
}

export interface WorkTotal {
  earned: number;
  possible: number;
}

const hasPoints = (l: PointsLevel): l is PointsLevel & { points: number } => typeof l.points === 'number';

/** The most a criterion can give, or null when any of its levels has no points. */
export function criterionMaxPoints(c: PointsCriterion): number | null {
  if (c.levels.length === 0 || !c.levels.every(hasPoints)) return null;
  return Math.max(...c.levels.map((l) => l.points as number));
}

/** The rubric's possible total, or null when it is not fully scored. */
export function rubricMaxPoints(criteria: readonly PointsCriterion[]): number | null {
  if (criteria.length === 0) return null;
  let sum = 0;
  for (const c of criteria) {
    const max = criterionMaxPoints(c);
    if (max === null) return null;
    sum += max;
  }
  return sum;
}

/**
 * A work's total from its chosen levels (criterion id → level id), or null when the rubric is not
 * fully scored or a criterion has no chosen level (a criterion added after grading, say).
 */
export function workTotal(criteria: readonly PointsCriterion[], chosen: Readonly<Record<string, string>>): WorkTotal | null {
  const possible = rubricMaxPoints(criteria);
  if (possible === null) return null;
  let earned = 0;
  for (const c of criteria) {
    const level = c.levels.find((l) => l.id === chosen[c.id]);
    if (!level || !hasPoints(level)) return null;
    earned += level.points;
  }
  return { earned, possible };
}

/** "4", "2.5": points as a teacher writes them (no trailing zeros, at most two decimals). */
export function formatPoints(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** "13 / 16". */
export function formatTotal(t: WorkTotal): string {
  return `${formatPoints(t.earned)} / ${formatPoints(t.possible)}`;
}

/** "4 pts", "1 pt". */
export function pointsLabel(n: number): string {
  return `${formatPoints(n)} ${n === 1 ? 'pt' : 'pts'}`;
}
