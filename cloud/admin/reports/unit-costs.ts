import { createCostLedger } from '../../llm/cost-ledger';
import { barChart } from '../charts/bar-chart';
import { shortInt } from '../charts/scale';
import type { PeriodId } from '../periods';
import type { Report } from '../render/report';
import type { Table } from '../render/table';
import { assignmentsByIds, totalTokens, usersByIds } from '../sources/records';
import { periodLinks, periodOf, rangeText, type ReportContext, ratio } from './context';
import { ASSIGNMENT_COST_BOUNDS, bucketizeWeighted, type Weighted, weightedQuantile, WORK_COST_BOUNDS } from './distribution';

/** What "per student work" means on this page (the rollups are per assignment, not per work). */
const WORK_NOTE =
  'Per student work: each graded work counts once, valued at its assignment’s cost in the period divided by the assignment’s graded works (works of one assignment are not told apart: costs are rolled up per assignment). Assignments with no graded work are left out of the per-work figures.';

/** How many of the most expensive assignments the page lists. */
const TOP = 25;

/** What the unit-cost figures need of one assignment: its cost and tokens in the period, its graded works. */
export interface AssignmentCost {
  costUsd: number;
  tokens: number;
  graded: number;
}

/** One row of the summary: how many units, mean, median, p90, max, mean tokens. */
export interface UnitStats {
  count: number;
  average: number | null;
  median: number | null;
  p90: number | null;
  max: number | null;
  averageTokens: number | null;
  /** The distribution's values and how many units each stands for. */
  values: Weighted[];
}

function stats(values: Weighted[], costSum: number, tokensSum: number): UnitStats {
  const count = values.reduce((s, v) => s + v.weight, 0);
  return {
    count,
    average: ratio(costSum, count),
    median: weightedQuantile(values, 0.5),
    p90: weightedQuantile(values, 0.9),
    max: weightedQuantile(values, 1),
    averageTokens: ratio(tokensSum, count),
    values,
  };
}

/** Per assignment: every assignment with cost in the period counts once. */
export function perAssignmentStats(xs: readonly AssignmentCost[]): UnitStats {
  return stats(
    xs.map((x) => ({ value: x.costUsd, weight: 1 })),
    xs.reduce((s, x) => s + x.costUsd, 0),
    xs.reduce((s, x) => s + x.tokens, 0),
  );
}

/**
 * Per graded student work. The rollups are per assignment, so a work's own cost is not known
 * without reading request records; each graded work counts once at its assignment's cost per
 * graded work (the assignment's value weighted by its graded works). So the count, the average
 * (total cost / total graded works), the quantiles and the distribution all describe the same
 * population of works. Assignments without a graded work are left out.
 */
export function perWorkStats(xs: readonly AssignmentCost[]): UnitStats {
  const graded = xs.filter((x) => x.graded > 0);
  return stats(
    graded.map((x) => ({ value: x.costUsd / x.graded, weight: x.graded })),
    graded.reduce((s, x) => s + x.costUsd, 0),
    graded.reduce((s, x) => s + x.tokens, 0),
  );
}

/**
 * Cost per assignment and per student work: averages, quantiles and distributions over the
 * assignments that had LLM cost in the period. Cost per work = the assignment's cost in the period
 * / its graded works. Reads: the period's assignment rollups plus one masked read per assignment.
 */
export async function unitCostsReport(ctx: ReportContext, periodId: PeriodId): Promise<Report> {
  const period = periodOf(ctx, periodId);
  const totals = await createCostLedger({ paths: ctx.paths }).readTotals({ from: period.from, to: period.to, dimension: 'assignment' });
  const lines = await assignmentsByIds(ctx.paths, totals.map((t) => t.key));
  const rows = totals.map((t) => {
    const a = lines.get(t.key);
    const graded = a?.progress.completed ?? 0;
    return { t, a, graded, perWork: graded > 0 ? t.costUsd / graded : null };
  });
  const costs = rows.map((r) => ({ costUsd: r.t.costUsd, tokens: totalTokens(r.t), graded: r.graded }));
  const perAssignment = perAssignmentStats(costs);
  const perWork = perWorkStats(costs);
  const statCells = (s: UnitStats) => [s.count, s.average, s.median, s.p90, s.max, s.averageTokens];

  const summary: Table = {
    id: 'unit-costs',
    title: 'Cost per assignment and per student work',
    columns: [
      { label: 'Measure', kind: 'text' },
      { label: 'Count', kind: 'int' },
      { label: 'Average', kind: 'usd' },
      { label: 'Median', kind: 'usd' },
      { label: 'p90', kind: 'usd' },
      { label: 'Max', kind: 'usd' },
      { label: 'Average tokens', kind: 'int' },
    ],
    rows: [
      { cells: ['Per assignment', ...statCells(perAssignment)] },
      { cells: ['Per graded student work (at its assignment’s cost per work)', ...statCells(perWork)] },
    ],
  };
  const dist = (id: string, title: string, what: string, s: UnitStats, bounds: readonly number[]) => {
    const buckets = bucketizeWeighted(s.values, bounds);
    const table: Table = {
      id,
      title,
      columns: [
        { label: 'Cost range', kind: 'text' },
        { label: what, kind: 'int' },
        { label: 'Share', kind: 'percent' },
      ],
      rows: buckets.map((b) => ({ cells: [b.label, b.count, ratio(b.count, s.count)] })),
      total: { cells: ['Total', s.count, s.count ? 1 : null] },
    };
    const chart = barChart({ title, description: `Bars: how many ${what.toLowerCase()} fall in each cost range.`, categories: buckets.map((b) => b.label), series: [{ name: what, values: buckets.map((b) => b.count) }], format: shortInt, yLabel: what, xLabel: 'LLM cost (USD)' });
    return [{ chart }, { table, collapsed: true }];
  };

  const top = rows.slice(0, TOP);
  const teachers = await usersByIds(ctx.paths, [...new Set(top.flatMap((r) => (r.a ? [r.a.userId] : [])))]);
  const topTable: Table = {
    id: 'top-assignments',
    title: `The ${TOP} most expensive assignments`,
    columns: [
      { label: 'Assignment', kind: 'text' },
      { label: 'Teacher', kind: 'text' },
      { label: 'Works', kind: 'int' },
      { label: 'Graded', kind: 'int' },
      { label: 'Requests', kind: 'int' },
      { label: 'Cost', kind: 'usd' },
      { label: 'Cost per work', kind: 'usd' },
    ],
    rows: top.map((r) => ({
      cells: [r.a?.title ?? r.t.key, (r.a && teachers.get(r.a.userId)?.email) ?? r.a?.userId ?? '—', r.a?.works.length ?? null, r.graded, r.t.requests, r.t.costUsd, r.perWork],
      links: [ctx.links.href(`/assignments/${encodeURIComponent(r.t.key)}`), r.a ? ctx.links.href(`/teachers/${encodeURIComponent(r.a.userId)}`) : undefined],
    })),
  };
  return {
    title: 'Unit costs',
    meta: `${period.label}: ${rangeText(period)}. Assignments with LLM cost in the period.`,
    lead: periodLinks(ctx, '/unit-costs', periodId),
    sections: [
      { id: 'summary', title: 'Averages and spread', note: 'Per graded student work: every graded work once, at its assignment’s cost per graded work (see below).', blocks: [{ table: summary }] },
      { id: 'per-assignment', title: 'Cost per assignment', blocks: dist('assignment-distribution', 'Distribution of cost per assignment', 'Assignments', perAssignment, ASSIGNMENT_COST_BOUNDS) },
      { id: 'per-work', title: 'Cost per student work', note: WORK_NOTE, blocks: dist('work-distribution', 'Distribution of cost per graded student work', 'Student works', perWork, WORK_COST_BOUNDS) },
      { id: 'top', title: 'Most expensive assignments', blocks: [{ table: topTable }] },
    ],
  };
}
