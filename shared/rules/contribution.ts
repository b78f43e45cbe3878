import { addDays, type Day, daysBetween, startOfWeek } from './streak';

/**
 * The GitHub-style contribution chart as data: one cell per day of the past year, in columns of
 * weeks (Sunday on top), each cell shaded by how many student works were graded that day.
 */

/** Shade of a cell: 0 = nothing graded, 4 = the busiest days. */
export type Intensity = 0 | 1 | 2 | 3 | 4;

export interface ContributionCell {
  day: Day;
  count: number;
  level: Intensity;
}

export interface ContributionGrid {
  /** First day shown: the Sunday that starts the oldest week column. */
  from: Day;
  /** Last day shown: today. */
  to: Day;
  /** Columns oldest first; each holds Sunday…Saturday, the last one stopping at today. */
  weeks: ContributionCell[][];
  /** The highest count on one day in the range. */
  maxPerDay: number;
  /** Days in the range with at least one work graded. */
  activeDays: number;
  /** Works graded in the range. */
  total: number;
}

/** Week columns shown: this week and the 52 before it, as GitHub shows a year. */
export const CHART_WEEKS = 53;

/**
 * A cell's shade, relative to the busiest day: four equal bands of the maximum, rounded up, so any
 * activity shows at least the lightest shade and only the busiest days get the darkest.
 */
export function intensityLevel(count: number, max: number): Intensity {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((4 * count) / max))) as Intensity;
}

/** The first day the chart shows for `today`. */
export function chartStart(today: Day, weeks = CHART_WEEKS): Day {
  return addDays(startOfWeek(today), -7 * (weeks - 1));
}

/**
 * The grid for `today` from per-day counts (days outside the range are ignored, so callers may pass
 * more history than a year; non-positive and non-integer counts are treated as what they floor to).
 */
export function contributionGrid(counts: Readonly<Record<Day, number>>, today: Day, weeks = CHART_WEEKS): ContributionGrid {
  const from = chartStart(today, weeks);
  const span = daysBetween(from, today) + 1;
  const values: number[] = [];
  for (let i = 0; i < span; i += 1) values.push(Math.max(0, Math.floor(counts[addDays(from, i)] ?? 0)));
  const maxPerDay = values.reduce((m, v) => Math.max(m, v), 0);

  const columns: ContributionCell[][] = [];
  values.forEach((count, i) => {
    if (i % 7 === 0) columns.push([]);
    columns[columns.length - 1]!.push({ day: addDays(from, i), count, level: intensityLevel(count, maxPerDay) });
  });
  return {
    from,
    to: today,
    weeks: columns,
    maxPerDay,
    activeDays: values.filter((v) => v > 0).length,
    total: values.reduce((s, v) => s + v, 0),
  };
}
