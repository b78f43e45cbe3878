import { createCostLedger } from '../../llm/cost-ledger';
import { barChart } from '../charts/bar-chart';
import { shortInt } from '../charts/scale';
import type { PeriodId } from '../periods';
import type { Report } from '../render/report';
import type { Table } from '../render/table';
import { assignmentsByIds, totalTokens, usersByIds } from '../sources/records';
import { periodLinks, periodOf, rangeText, type ReportContext, ratio } from './context';
import { ASSIGNMENT_COST_BOUNDS, bucketize, mean, quantile, WORK_COST_BOUNDS } from './distribution';

/** How many of the most expensive assignments the page lists. */
const TOP = 25;

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
    return { t, a, graded, perWork: graded > 0 ? t.costUsd / graded : null, tokensPerWork: graded > 0 ? totalTokens(t) / graded : null };
  });
  const costs = rows.map((r) => r.t.costUsd);
  const perWork = rows.flatMap((r) => (r.perWork === null ? [] : [r.perWork]));
  const withWorks = rows.filter((r) => r.graded > 0);
  const gradedSum = withWorks.reduce((s, r) => s + r.graded, 0);
  const tokensSum = withWorks.reduce((s, r) => s + totalTokens(r.t), 0);
  const costSum = withWorks.reduce((s, r) => s + r.t.costUsd, 0);

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
      { cells: ['Per assignment', costs.length, mean(costs), quantile(costs, 0.5), quantile(costs, 0.9), quantile(costs, 1), mean(rows.map((r) => totalTokens(r.t)))] },
      // Weighted: all cost of assignments with graded works over all their graded works.
      { cells: ['Per student work', gradedSum, ratio(costSum, gradedSum), quantile(perWork, 0.5), quantile(perWork, 0.9), quantile(perWork, 1), ratio(tokensSum, gradedSum)] },
    ],
  };
  const dist = (id: string, title: string, what: string, values: number[], bounds: readonly number[]) => {
    const buckets = bucketize(values, bounds);
    const table: Table = {
      id,
      title,
      columns: [
        { label: 'Cost range', kind: 'text' },
        { label: what, kind: 'int' },
        { label: 'Share', kind: 'percent' },
      ],
      rows: buckets.map((b) => ({ cells: [b.label, b.count, ratio(b.count, values.length)] })),
      total: { cells: ['Total', values.length, values.length ? 1 : null] },
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
      links: [`/assignments/${encodeURIComponent(r.t.key)}`, r.a ? `/teachers/${encodeURIComponent(r.a.userId)}` : undefined],
    })),
  };
  return {
    title: 'Unit costs',
    meta: `${period.label}: ${rangeText(period)}. Assignments with LLM cost in the period.`,
    lead: periodLinks(ctx, '/unit-costs', periodId),
    sections: [
      { id: 'summary', title: 'Averages and spread', blocks: [{ table: summary }] },
      { id: 'per-assignment', title: 'Cost per assignment', blocks: dist('assignment-distribution', 'Distribution of cost per assignment', 'Assignments', costs, ASSIGNMENT_COST_BOUNDS) },
      { id: 'per-work', title: 'Cost per student work', note: 'An assignment’s cost in the period divided by its graded works (assignments with no graded work are left out).', blocks: dist('work-distribution', 'Distribution of cost per student work', 'Assignments', perWork, WORK_COST_BOUNDS) },
      { id: 'top', title: 'Most expensive assignments', blocks: [{ table: topTable }] },
    ],
  };
}
