import { type CostRollup, createCostLedger } from '../../llm/cost-ledger';
import { readProcessingRollups } from '../../metrics/processing-rollups';
import { lineChart } from '../charts/line-chart';
import { shortPercent } from '../charts/scale';
import { daysBetween, PERIOD_IDS, periods, shortDay } from '../periods';
import type { Report } from '../render/report';
import type { Table } from '../render/table';
import { readUsageDays, sumUsage } from '../sources/usage';
import { sumCost, totalTokens } from '../sources/records';
import { type ReportContext, ratio } from './context';
import { costPerDayBy, REQUEST_TYPE_LABELS } from './cost-series';
import { processingSection } from './processing';

/**
 * The overview: totals for today, 7 days, 30 days and this month; cost per day by model and by
 * request type; cache-read share; error and retry rates; processing time against the targets.
 * Reads only rollups: about (31 days × (8 total + 8 × models + 8 × types + 4 usage) + 30 × 5 × 8
 * processing) documents, whatever the number of requests.
 */
export async function overviewReport(ctx: ReportContext): Promise<Report> {
  const ledger = createCostLedger({ paths: ctx.paths });
  const p = periods(ctx.now);
  const from = p.month.from < p['30d'].from ? p.month.from : p['30d'].from;
  const to = p.today.to;
  const last30 = p['30d'];
  const days = daysBetween(last30.from, last30.to);
  const [total, byModel, byType, usage, processing] = await Promise.all([
    ledger.readRollups({ from, to, dimension: 'total' }),
    ledger.readRollups({ from: last30.from, to, dimension: 'model' }),
    ledger.readRollups({ from: last30.from, to, dimension: 'requestType' }),
    readUsageDays(ctx.paths, { from, to }),
    readProcessingRollups(ctx.paths, last30),
  ]);
  const totalByDay = new Map<string, CostRollup>(total.map((r) => [r.day, r]));

  const totals: Table = {
    id: 'totals',
    title: 'Totals',
    columns: [
      { label: 'Period', kind: 'text' },
      { label: 'From', kind: 'day' },
      { label: 'LLM cost', kind: 'usd' },
      { label: 'Requests', kind: 'int' },
      { label: 'Failed requests', kind: 'int' },
      { label: 'Tokens', kind: 'int' },
      { label: 'Assignments', kind: 'int' },
      { label: 'Student works', kind: 'int' },
    ],
    rows: PERIOD_IDS.map((id) => {
      const period = p[id];
      const c = sumCost('all', total.filter((r) => r.day >= period.from && r.day <= period.to));
      const u = sumUsage([...usage.values()].filter((d) => d.day >= period.from && d.day <= period.to));
      return { cells: [period.label, period.from, c.costUsd, c.requests, c.failedRequests, totalTokens(c), u.assignmentsCreated, u.works.submitted] };
    }),
  };

  const cacheRows = days.map((d) => {
    const r = totalByDay.get(d);
    const prompt = r ? r.inputTokens + r.cacheCreationInputTokens + r.cacheReadInputTokens : 0;
    return { d, input: r?.inputTokens ?? 0, write: r?.cacheCreationInputTokens ?? 0, read: r?.cacheReadInputTokens ?? 0, share: ratio(r?.cacheReadInputTokens ?? 0, prompt) };
  });
  const c30 = sumCost('all', total.filter((r) => r.day >= last30.from));
  const cache: Table = {
    id: 'cache',
    title: 'Cache-read share of prompt tokens, per day',
    columns: [
      { label: 'Day', kind: 'day' },
      { label: 'Uncached input tokens', kind: 'int' },
      { label: 'Cache-write tokens', kind: 'int' },
      { label: 'Cache-read tokens', kind: 'int' },
      { label: 'Cache-read share', kind: 'percent' },
    ],
    rows: cacheRows.map((r) => ({ cells: [r.d, r.input, r.write, r.read, r.share] })),
    total: { cells: ['Total', c30.inputTokens, c30.cacheCreationInputTokens, c30.cacheReadInputTokens, ratio(c30.cacheReadInputTokens, c30.inputTokens + c30.cacheCreationInputTokens + c30.cacheReadInputTokens)] },
  };

  const proc = processingSection(processing, days);
  return {
    title: 'Overview',
    meta: `UTC days; today is ${to}. Figures come from daily rollups written with every LLM request and pipeline run.`,
    sections: [
      { id: 'totals', title: 'Totals', note: 'Assignments and student works are those created in the period (works: every Doc submitted).', blocks: [{ table: totals }] },
      {
        id: 'cost-by-model',
        title: 'Cost per day by model',
        blocks: costPerDayBy({ id: 'cost-by-model', title: 'LLM cost per day by model, last 30 days', what: 'model', days, rollups: byModel }),
      },
      {
        id: 'cost-by-type',
        title: 'Cost per day by request type',
        blocks: costPerDayBy({ id: 'cost-by-type', title: 'LLM cost per day by request type, last 30 days', what: 'request type', days, rollups: byType, label: (k) => REQUEST_TYPE_LABELS[k] ?? k }),
      },
      {
        id: 'cache',
        title: 'Prompt cache',
        note: 'Share of prompt tokens (uncached input + cache writes + cache reads) that were read from the prompt cache at a tenth of the input price.',
        blocks: [
          {
            chart: lineChart({
              title: 'Cache-read share of prompt tokens per day, last 30 days',
              description: 'Line: for each UTC day, cache-read tokens as a percentage of all prompt tokens.',
              categories: days.map(shortDay),
              series: [{ name: 'Cache-read share', values: cacheRows.map((r) => r.share) }],
              format: shortPercent,
              yLabel: 'Share of prompt tokens',
              xLabel: 'Day (UTC)',
            }),
          },
          { table: cache, collapsed: true },
        ],
      },
      proc.reliability(totalByDay),
      proc.times,
    ],
  };
}
