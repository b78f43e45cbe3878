import type { User } from '../../../shared/domain';
import { type CostTotals, createCostLedger } from '../../llm/cost-ledger';
import { NotFoundError } from '../../errors';
import { barChart } from '../charts/bar-chart';
import { shortUsd } from '../charts/scale';
import { daysBetween, type PeriodId, shortDay } from '../periods';
import { formatUsd } from '../render/format';
import { html } from '../render/html';
import type { Report } from '../render/report';
import type { Table } from '../render/table';
import { assignmentCostTotals, sumCost, teacherAssignments, totalTokens, usersByIds } from '../sources/records';
import { periodLinks, periodOf, rangeText, type ReportContext, ratio } from './context';

const TOP_TEACHERS = 200;
/** A teacher page lists this many newest assignments (at most 300 a month can exist). */
const ASSIGNMENTS_SHOWN = 100;

/**
 * Drill-down, level 1: teachers by LLM cost in the period (per-user rollups). The table lists the
 * TOP_TEACHERS most expensive; the rest are summed into one "other teachers" row, so the totals
 * row and the shares are those of every teacher, and the rows add up to it.
 */
export async function teachersReport(ctx: ReportContext, periodId: PeriodId): Promise<Report> {
  const period = periodOf(ctx, periodId);
  const everyone = await createCostLedger({ paths: ctx.paths }).readTotals({ from: period.from, to: period.to, dimension: 'user' });
  const users = await usersByIds(ctx.paths, everyone.slice(0, TOP_TEACHERS).map((t) => t.key));
  const table = teachersTable(everyone, users, { top: TOP_TEACHERS, link: (uid) => ctx.links.href(`/teachers/${encodeURIComponent(uid)}?period=${periodId}`) });
  return {
    title: 'Teachers',
    meta: `${period.label}: ${rangeText(period)}. Choose a teacher to see their assignments.`,
    lead: periodLinks(ctx, '/teachers', periodId),
    sections: [{ id: 'teachers', title: 'Teachers by cost', blocks: [{ table }] }],
  };
}

/**
 * The teachers table: the `top` most expensive of `everyone` (sorted, most expensive first), one
 * row for the rest, and the totals of every teacher — so the rows always add up to the total.
 */
export function teachersTable(everyone: readonly CostTotals[], users: ReadonlyMap<string, Pick<User, 'email' | 'plan'>>, o: { top: number; link: (userId: string) => string }): Table {
  const totals = everyone.slice(0, o.top);
  const rest = everyone.slice(o.top);
  const all = sumCost('all', everyone);
  const others = sumCost('others', rest);
  return {
    id: 'teachers',
    title: rest.length ? `Top ${o.top} of ${everyone.length} teachers by LLM cost` : 'Teachers by LLM cost',
    columns: [
      { label: 'Teacher', kind: 'text' },
      { label: 'Plan', kind: 'text' },
      { label: 'Requests', kind: 'int' },
      { label: 'Failed', kind: 'int' },
      { label: 'Tokens', kind: 'int' },
      { label: 'LLM cost', kind: 'usd' },
      { label: 'Share of cost', kind: 'percent' },
    ],
    rows: [
      ...totals.map((t) => ({
        cells: [users.get(t.key)?.email ?? t.key, users.get(t.key)?.plan ?? '—', t.requests, t.failedRequests, totalTokens(t), t.costUsd, ratio(t.costUsd, all.costUsd)],
        links: [o.link(t.key)],
      })),
      ...(rest.length ? [{ cells: [`The other ${rest.length} ${rest.length === 1 ? 'teacher' : 'teachers'}`, '—', others.requests, others.failedRequests, totalTokens(others), others.costUsd, ratio(others.costUsd, all.costUsd)] }] : []),
    ],
    total: { cells: ['Total', `${everyone.length} teachers`, all.requests, all.failedRequests, totalTokens(all), all.costUsd, ratio(all.costUsd, all.costUsd)] },
    empty: 'No LLM requests in this period.',
  };
}

/** Drill-down, level 2: one teacher's cost per day and newest assignments with their lifetime cost. */
export async function teacherReport(ctx: ReportContext, userId: string, periodId: PeriodId): Promise<Report> {
  const period = periodOf(ctx, periodId);
  const [users, days, lines] = await Promise.all([
    usersByIds(ctx.paths, [userId]),
    createCostLedger({ paths: ctx.paths }).readRollups({ from: period.from, to: period.to, dimension: 'user', key: userId }),
    teacherAssignments(ctx.paths, userId, ASSIGNMENTS_SHOWN),
  ]);
  const user = users.get(userId);
  if (!user && days.length === 0 && lines.length === 0) throw new NotFoundError('That teacher');
  const costs = await assignmentCostTotals(ctx.paths, lines.map((a) => a.id));
  const rows = lines.map((a) => ({ a, c: costs.get(a.id) }));
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
  const table: Table = {
    id: 'assignments',
    title: `Newest assignments (up to ${ASSIGNMENTS_SHOWN}), lifetime LLM cost`,
    columns: [
      { label: 'Created', kind: 'datetime' },
      { label: 'Assignment', kind: 'text' },
      { label: 'Status', kind: 'text' },
      { label: 'Rubric', kind: 'text' },
      { label: 'Works', kind: 'int' },
      { label: 'Graded', kind: 'int' },
      { label: 'Requests', kind: 'int' },
      { label: 'Tokens', kind: 'int' },
      { label: 'LLM cost', kind: 'usd' },
      { label: 'Cost per graded work', kind: 'usd' },
    ],
    rows: rows.map(({ a, c }) => ({
      cells: [a.createdAt, a.title, a.status, a.rubricMode === 'generate' ? 'AI-generated' : 'pasted', a.works.length, a.progress.completed, c?.requests ?? 0, c ? totalTokens(c) : 0, c?.costUsd ?? 0, ratio(c?.costUsd ?? 0, a.progress.completed)],
      links: [undefined, ctx.links.href(`/assignments/${encodeURIComponent(a.id)}`)],
    })),
    total: { cells: ['Total', null, null, null, sum((r) => r.a.works.length), sum((r) => r.a.progress.completed), sum((r) => r.c?.requests ?? 0), sum((r) => (r.c ? totalTokens(r.c) : 0)), sum((r) => r.c?.costUsd ?? 0), ratio(sum((r) => r.c?.costUsd ?? 0), sum((r) => r.a.progress.completed))] },
    empty: 'This teacher has no assignments.',
  };
  const dayList = daysBetween(period.from, period.to);
  const byDay = new Map(days.map((d) => [d.day, d.costUsd]));
  const periodCost = sumCost(userId, days);
  return {
    title: user?.email ?? userId,
    meta: `Teacher ${userId} · ${user ? `${user.plan} plan` : 'no user record'} · ${period.label}: ${formatCostLine(periodCost.costUsd, periodCost.requests)}.`,
    lead: html`<p class="note"><a href="${ctx.links.href(`/teachers?period=${periodId}`)}">← All teachers</a></p>${periodLinks(ctx, `/teachers/${encodeURIComponent(userId)}`, periodId)}`,
    sections: [
      {
        id: 'cost',
        title: 'Cost per day',
        blocks: [
          {
            chart: barChart({
              title: `LLM cost per day, ${period.label.toLowerCase()}`,
              description: 'Bars: this teacher’s LLM cost for each UTC day.',
              categories: dayList.map(shortDay),
              series: [{ name: 'LLM cost', values: dayList.map((d) => byDay.get(d) ?? 0) }],
              format: shortUsd,
              yLabel: 'Cost (USD)',
              xLabel: 'Day (UTC)',
            }),
          },
        ],
      },
      { id: 'assignments', title: 'Assignments', note: `${rangeText(period)} sets the chart and the figure above; the table shows each assignment's whole cost.`, blocks: [{ table }] },
    ],
  };
}

const formatCostLine = (usd: number, requests: number) => `${formatUsd(usd)} over ${requests} LLM requests`;
