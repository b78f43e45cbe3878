import type { CostRollup } from '../../llm/cost-ledger';
import { BUCKET_BOUNDS_MS, countAtOrUnder, type Percentile, percentile } from '../../metrics/duration-histogram';
import { mergeRollup, PROCESSING_KEYS, type ProcessingKey, type ProcessingRollup } from '../../metrics/processing-rollups';
import { lineChart } from '../charts/line-chart';
import { shortPercent } from '../charts/scale';
import { targetChart } from '../charts/target-chart';
import { type Day, shortDay } from '../periods';
import { type CellValue, formatMs, formatMsAbove } from '../render/format';
import type { Section } from '../render/report';
import type { Table } from '../render/table';
import { ratio } from './context';

type Bound = (typeof BUCKET_BOUNDS_MS)[number];

/** The PRD's performance targets (Metrics → Performance): each sits on a histogram bound. */
export const PROCESSING_TARGETS: Record<ProcessingKey, { label: string; targetMs: Bound | null }> = {
  rubric: { label: 'Rubric generation', targetMs: 60_000 },
  feedback: { label: 'Feedback, per student work', targetMs: 90_000 },
  summary: { label: 'Assignment summary', targetMs: null },
  assignment_upto25: { label: 'Whole assignment, ≤ 25 works', targetMs: 600_000 },
  assignment_over25: { label: 'Whole assignment, 26–35 works', targetMs: null },
};

const empty = (): Omit<ProcessingRollup, 'day' | 'key'> => ({ runs: 0, completed: 0, failures: 0, retries: 0, durationMsSum: 0, histogram: {} });

/** The reliability (error and retry rates) and processing-time sections, from the rollups. */
export function processingSection(rollups: ProcessingRollup[], days: Day[]) {
  const perKey = new Map<ProcessingKey, Omit<ProcessingRollup, 'day' | 'key'>>(PROCESSING_KEYS.map((k) => [k, empty()]));
  const tasksByDay = new Map<Day, Omit<ProcessingRollup, 'day' | 'key'>>();
  for (const r of rollups) {
    mergeRollup(perKey.get(r.key)!, r);
    // Task rates count task runs only; whole-assignment rounds are not deliveries.
    if (r.key === 'rubric' || r.key === 'feedback' || r.key === 'summary') {
      const d = tasksByDay.get(r.day) ?? empty();
      mergeRollup(d, r);
      tasksByDay.set(r.day, d);
    }
  }

  function reliability(totalByDay: Map<Day, CostRollup>): Section {
    const rows = days.map((d) => {
      const c = totalByDay.get(d);
      const t = tasksByDay.get(d) ?? empty();
      return { d, requests: c?.requests ?? 0, failed: c?.failedRequests ?? 0, runs: t.runs, retries: t.retries, failures: t.failures };
    });
    const sum = (f: keyof (typeof rows)[number]) => rows.reduce((s, r) => s + (r[f] as number), 0);
    const table: Table = {
      id: 'reliability',
      title: 'LLM errors and task retries per day',
      columns: [
        { label: 'Day', kind: 'day' },
        { label: 'LLM requests', kind: 'int' },
        { label: 'Failed requests', kind: 'int' },
        { label: 'LLM error rate', kind: 'percent' },
        { label: 'Task runs', kind: 'int' },
        { label: 'Retried runs', kind: 'int' },
        { label: 'Retry rate', kind: 'percent' },
        { label: 'Failed runs', kind: 'int' },
        { label: 'Run failure rate', kind: 'percent' },
      ],
      rows: rows.map((r) => ({ cells: [r.d, r.requests, r.failed, ratio(r.failed, r.requests), r.runs, r.retries, ratio(r.retries, r.runs), r.failures, ratio(r.failures, r.runs)] })),
      total: {
        cells: ['Total', sum('requests'), sum('failed'), ratio(sum('failed'), sum('requests')), sum('runs'), sum('retries'), ratio(sum('retries'), sum('runs')), sum('failures'), ratio(sum('failures'), sum('runs'))],
      },
    };
    return {
      id: 'reliability',
      title: 'Errors and retries',
      note: 'LLM error rate: failed LLM requests / requests (cost records). Retry rate: pipeline task runs that were a redelivery / all runs. Run failure rate: runs that ended failed (retried or recorded as a failed work) / all runs.',
      blocks: [
        {
          chart: lineChart({
            title: 'LLM error rate and task retry rate per day, last 30 days',
            description: 'Lines: for each UTC day, the share of LLM requests that failed, of pipeline runs that were retries, and of runs that failed.',
            categories: days.map(shortDay),
            series: [
              { name: 'LLM error rate', values: rows.map((r) => ratio(r.failed, r.requests)) },
              { name: 'Retry rate', values: rows.map((r) => ratio(r.retries, r.runs)) },
              { name: 'Run failure rate', values: rows.map((r) => ratio(r.failures, r.runs)) },
            ],
            format: shortPercent,
            yLabel: 'Share',
            xLabel: 'Day (UTC)',
          }),
        },
        { table, collapsed: true },
      ],
    };
  }

  const lines = PROCESSING_KEYS.map((k) => {
    const r = perKey.get(k)!;
    const t = PROCESSING_TARGETS[k];
    const p50 = percentile(r.histogram, 0.5);
    const p95 = percentile(r.histogram, 0.95);
    return { k, t, r, p50, p95, under: t.targetMs ? ratio(countAtOrUnder(r.histogram, t.targetMs), r.completed) : null };
  });
  // Past the last bound the histogram knows only "more than 60 min": say so, not "60 min 00 s".
  const cell = (p: Percentile | undefined): CellValue => (p === undefined ? null : p.overflow ? { over: p.ms } : p.ms);
  const table: Table = {
    id: 'processing',
    title: 'Processing time per task kind, last 30 days',
    columns: [
      { label: 'Task', kind: 'text' },
      { label: 'Runs', kind: 'int' },
      { label: 'Completed', kind: 'int' },
      { label: 'Failed', kind: 'int' },
      { label: 'Retries', kind: 'int' },
      { label: 'Mean', kind: 'ms' },
      { label: 'p50', kind: 'ms' },
      { label: 'p95', kind: 'ms' },
      { label: 'Target', kind: 'ms' },
      { label: 'Within target', kind: 'percent' },
      { label: 'p95 on target', kind: 'text' },
    ],
    rows: lines.map((l) => ({
      cells: [
        l.t.label,
        l.r.runs,
        l.r.completed,
        l.r.failures,
        l.r.retries,
        l.r.completed ? l.r.durationMsSum / l.r.completed : null,
        cell(l.p50),
        cell(l.p95),
        l.t.targetMs,
        l.under,
        l.t.targetMs === null || l.p95 === undefined ? null : !l.p95.overflow && l.p95.ms <= l.t.targetMs ? 'yes' : 'no',
      ],
    })),
  };
  const times: Section = {
    id: 'processing',
    title: 'Processing time against the targets',
    note: 'PRD targets: rubric < 60 s, feedback per student work < 90 s, a 25-work assignment < 10 min (whole assignment: from the pipeline starting to the summary stored). Percentiles come from fixed-bucket histograms, so they are exact to within one bucket.',
    blocks: [
      {
        chart: targetChart({
          title: 'Processing time p50 and p95 against the targets, last 30 days',
          description: 'Horizontal bars per task kind: median and 95th-percentile duration as a share of the PRD target; the dashed line is the target.',
          rows: lines.map((l) => ({ label: l.t.label, p50: l.p50?.ms ?? null, p95: l.p95?.ms ?? null, p50Over: l.p50?.overflow, p95Over: l.p95?.overflow, targetMs: l.t.targetMs })),
          format: (ms, over) => (over ? formatMsAbove(ms) : formatMs(ms)),
        }),
      },
      { table },
    ],
  };
  return { reliability, times };
}
