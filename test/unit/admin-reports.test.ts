import { csvCell, formatCell } from '../../cloud/admin/render/format';
import { reportTables } from '../../cloud/admin/render/report';
import { type Table, tableCsv, tableHtml } from '../../cloud/admin/render/table';
import { bucketizeWeighted, quantile, weightedQuantile, WORK_COST_BOUNDS } from '../../cloud/admin/reports/distribution';
import { processingSection } from '../../cloud/admin/reports/processing';
import { teachersTable } from '../../cloud/admin/reports/teachers';
import { type AssignmentCost, perAssignmentStats, perWorkStats } from '../../cloud/admin/reports/unit-costs';
import type { CostTotals } from '../../cloud/llm/cost-ledger';
import type { ProcessingRollup } from '../../cloud/metrics/processing-rollups';

// The report arithmetic the dashboard's honesty rests on: per-work unit costs, the open top bucket
// of the processing histogram, and teacher totals that cover every teacher.

// A: 10 graded works at $0.03 each; B: 1 work at $0.10; C: 5 works at $0.01; D: no graded work.
const ASSIGNMENTS: AssignmentCost[] = [
  { costUsd: 0.3, tokens: 100_000, graded: 10 },
  { costUsd: 0.1, tokens: 20_000, graded: 1 },
  { costUsd: 0.05, tokens: 30_000, graded: 5 },
  { costUsd: 0.02, tokens: 5_000, graded: 0 },
];

test('per graded work: count, average, median, p90 and max all describe the same 16 works', () => {
  const w = perWorkStats(ASSIGNMENTS);
  expect(w.count).toBe(16);
  expect(w.average).toBeCloseTo(0.45 / 16, 12); // every cost of assignments with graded works / those works
  expect(w.median).toBeCloseTo(0.03, 12); // works 1–5 cost $0.01, 6–15 $0.03: the 8th is $0.03
  expect(w.p90).toBeCloseTo(0.03, 12); // the 15th of 16 — not B's $0.10, which is one work
  expect(w.max).toBeCloseTo(0.1, 12);
  expect(w.averageTokens).toBe(150_000 / 16);
  // The distribution counts works, so it adds up to the row's count.
  const buckets = bucketizeWeighted(w.values, WORK_COST_BOUNDS);
  expect(buckets.filter((b) => b.count > 0)).toEqual([
    { label: '$0.005–$0.01', count: 5 },
    { label: '$0.02–$0.05', count: 10 },
    { label: '$0.05–$0.10', count: 1 },
  ]);
  expect(buckets.reduce((s, b) => s + b.count, 0)).toBe(w.count);
});

test('per assignment: every assignment with cost once, graded or not', () => {
  const a = perAssignmentStats(ASSIGNMENTS);
  expect(a.count).toBe(4);
  expect(a.average).toBeCloseTo(0.47 / 4, 12);
  expect([a.median, a.p90, a.max]).toEqual([0.05, 0.3, 0.3]);
  expect(a.averageTokens).toBe(155_000 / 4);
  expect(perWorkStats([])).toMatchObject({ count: 0, average: null, median: null, p90: null, max: null, averageTokens: null });
});

test('a weighted quantile is the nearest-rank quantile of the list with each value repeated weight times', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 300; i++) {
    const values = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => ({ value: Math.round(rand() * 100) / 100, weight: Math.floor(rand() * 6) }));
    const expanded = values.flatMap((v) => new Array<number>(v.weight).fill(v.value));
    for (const q of [0.1, 0.5, 0.9, 0.95, 1]) expect(weightedQuantile(values, q)).toBe(quantile(expanded, q));
  }
});

const rollup = (key: ProcessingRollup['key'], histogram: Record<string, number>): ProcessingRollup => {
  const completed = Object.values(histogram).reduce((s, n) => s + n, 0);
  return { day: '2026-03-14', key, runs: completed, completed, failures: 0, retries: 0, durationMsSum: completed * 60_000, histogram };
};

test('a percentile in the open top bucket reads "> 60 min" on the page, ">3600000" in CSV, and is over target', () => {
  // 10 rubric runs within 30 s and one past an hour: the p95 lies beyond the last bound.
  const section = processingSection([rollup('rubric', { le_30000: 10, le_inf: 1 }), rollup('assignment_over25', { le_inf: 2 })], ['2026-03-14']);
  const table = reportTables({ title: 't', meta: 'm', sections: [section.times] }).find((t) => t.id === 'processing')!;
  const col = (label: string) => table.columns.findIndex((c) => c.label === label);
  const rubric = table.rows.find((r) => r.cells[0] === 'Rubric generation')!;
  expect(formatCell('ms', rubric.cells[col('p50')]!)).toBe('25.5 s'); // rank 5.5 of 10 in the 20–30 s bucket
  expect(rubric.cells[col('p95')]).toEqual({ over: 3_600_000 });
  expect(rubric.cells[col('p95 on target')]).toBe('no');
  const over25 = table.rows.find((r) => r.cells[0] === 'Whole assignment, 26–35 works')!;
  expect([over25.cells[col('p50')], over25.cells[col('p95')]]).toEqual([{ over: 3_600_000 }, { over: 3_600_000 }]);

  const page = tableHtml(table, '/admin/').value;
  expect(page).toContain('<td class="num">&gt; 60 min</td>');
  expect(page).not.toContain('60 min 00 s');
  const csv = tableCsv(table).split('\r\n');
  expect(csv.find((l) => l.startsWith('Rubric generation,'))).toBe('Rubric generation,11,11,0,0,60000,25500,>3600000,60000,90.9091,no');
  // The chart says the same.
  const chart = section.times.blocks.map((b) => ('chart' in b ? b.chart.value : '')).join('');
  expect(chart).toContain('p95 &gt; 60 min · over target');
  expect(chart).toContain('p50 &gt; 60 min · p95 &gt; 60 min (no target)');
  expect(chart).not.toContain('60 min 00 s');
});

test('"more than" cells: formatted like their kind, with ">" in front', () => {
  expect(formatCell('ms', { over: 3_600_000 })).toBe('> 60 min');
  expect(formatCell('ms', { over: 90_500 })).toBe('> 1 min 31 s');
  expect(csvCell('ms', { over: 3_600_000 })).toBe('>3600000');
  expect(formatCell('usd', { over: 5 })).toBe('> $5.00');
});

const cost = (key: string, costUsd: number, requests: number): CostTotals => ({ key, requests, failedRequests: 1, inputTokens: 100, outputTokens: 10, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd, durationMsSum: 0 });

test('teachers past the top N are one "other teachers" row; the totals row and shares cover every teacher', () => {
  const everyone = [cost('u1', 3, 30), cost('u2', 2, 20), cost('u3', 0.75, 7), cost('u4', 0.25, 3)];
  const users = new Map([['u1', { email: 'one@x.example', plan: 'paid' as const }]]);
  const t: Table = teachersTable(everyone, users, { top: 2, link: (uid) => `/admin/teachers/${uid}` });
  expect(t.title).toBe('Top 2 of 4 teachers by LLM cost');
  expect(t.rows.map((r) => r.cells.slice(0, 3))).toEqual([
    ['one@x.example', 'paid', 30],
    ['u2', '—', 20],
    ['The other 2 teachers', '—', 10],
  ]);
  expect(t.rows.map((r) => r.links?.[0])).toEqual(['/admin/teachers/u1', '/admin/teachers/u2', undefined]);
  const costCol = t.columns.findIndex((c) => c.label === 'LLM cost');
  const shareCol = t.columns.findIndex((c) => c.label === 'Share of cost');
  expect(t.total!.cells[1]).toBe('4 teachers');
  expect(t.total!.cells[costCol]).toBe(6);
  expect(t.rows.reduce((s, r) => s + (r.cells[costCol] as number), 0)).toBe(t.total!.cells[costCol]);
  expect(t.rows.map((r) => r.cells[shareCol])).toEqual([0.5, 2 / 6, 1 / 6]);

  const few = teachersTable(everyone.slice(0, 2), users, { top: 2, link: (uid) => uid });
  expect(few.title).toBe('Teachers by LLM cost');
  expect(few.rows).toHaveLength(2);
  expect(few.total!.cells[costCol]).toBe(5);
});
