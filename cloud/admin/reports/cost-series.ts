import type { CostRollup } from '../../llm/cost-ledger';
import { barChart } from '../charts/bar-chart';
import { shortUsd } from '../charts/scale';
import { shortDay, type Day } from '../periods';
import type { Block } from '../render/report';
import type { Row, Table } from '../render/table';

/** Friendlier names for request types on charts and tables. */
export const REQUEST_TYPE_LABELS: Record<string, string> = {
  rubric_generation: 'Rubric',
  student_feedback: 'Student feedback',
  assignment_summary: 'Assignment summary',
};

/**
 * Cost per day split by one dimension's keys (models, request types): a stacked bar chart and the
 * table behind it (a row per day, a column per key, a total column and a totals row).
 */
export function costPerDayBy(opts: { id: string; title: string; what: string; days: Day[]; rollups: CostRollup[]; label?: (key: string) => string }): Block[] {
  const label = opts.label ?? ((k: string) => k);
  const byKey = new Map<string, Map<Day, number>>();
  for (const r of opts.rollups) {
    const m = byKey.get(r.key) ?? new Map<Day, number>();
    m.set(r.day, (m.get(r.day) ?? 0) + r.costUsd);
    byKey.set(r.key, m);
  }
  const keyTotal = (k: string) => [...byKey.get(k)!.values()].reduce((s, v) => s + v, 0);
  const keys = [...byKey.keys()].sort((a, b) => keyTotal(b) - keyTotal(a));
  const series = keys.map((k) => ({ name: label(k), values: opts.days.map((d) => byKey.get(k)!.get(d) ?? 0) }));
  const rows: Row[] = opts.days.map((d, i) => {
    const values = series.map((s) => s.values[i]!);
    return { cells: [d, ...values, values.reduce((s, v) => s + v, 0)] };
  });
  const table: Table = {
    id: opts.id,
    title: opts.title,
    columns: [{ label: 'Day', kind: 'day' }, ...series.map((s) => ({ label: s.name, kind: 'usd' as const })), { label: 'Total', kind: 'usd' }],
    rows,
    total: { cells: ['Total', ...keys.map(keyTotal), keys.reduce((s, k) => s + keyTotal(k), 0)] },
  };
  const chart = barChart({
    title: opts.title,
    description: `Stacked bars: LLM cost in USD for each UTC day, split by ${opts.what}.`,
    categories: opts.days.map(shortDay),
    series,
    format: shortUsd,
    yLabel: 'Cost (USD)',
    xLabel: 'Day (UTC)',
  });
  return [{ chart }, { table, collapsed: true }];
}
