import type { Plan } from '../../../shared/domain';
import { createCostLedger } from '../../llm/cost-ledger';
import { formatPercent, formatUsd } from '../render/format';
import { html } from '../render/html';
import type { Report } from '../render/report';
import type { Table } from '../render/table';
import { countUsersByPlan, usersByIds } from '../sources/records';
import { periodOf, rangeText, type ReportContext } from './context';
import { LLM_COST_SHARE_TARGET, planMargins, teacherMargin } from './margin-math';

const TOP_TEACHERS = 100;

/**
 * Margins for the calendar month so far: LLM cost as a share of revenue per plan (PRD target
 * < 30%) and the contribution margin per teacher. Revenue is the configured monthly price per paid
 * teacher (the plan each teacher is on now); LLM cost comes from the per-user rollups.
 */
export async function marginsReport(ctx: ReportContext): Promise<Report> {
  const month = periodOf(ctx, 'month');
  const [userTotals, counts] = await Promise.all([
    createCostLedger({ paths: ctx.paths }).readTotals({ from: month.from, to: month.to, dimension: 'user' }),
    countUsersByPlan(ctx.paths),
  ]);
  const users = await usersByIds(ctx.paths, userTotals.map((t) => t.key));
  // A teacher with cost but no user document (deleted) pays nothing: counted as free.
  const planOf = (id: string): Plan => users.get(id)?.plan ?? 'free';
  const costByPlan: Record<Plan, number[]> = { free: [], paid: [] };
  for (const t of userTotals) costByPlan[planOf(t.key)].push(t.costUsd);
  const plans = planMargins(counts, costByPlan, ctx.plans);
  const all = plans.reduce(
    (s, p) => ({ teachers: s.teachers + p.teachers, active: s.active + p.activeTeachers, revenue: s.revenue + p.revenue, fees: s.fees + p.fees, cost: s.cost + p.llmCost, contribution: s.contribution + p.contribution }),
    { teachers: 0, active: 0, revenue: 0, fees: 0, cost: 0, contribution: 0 },
  );
  const share = all.revenue > 0 ? all.cost / all.revenue : null;

  const planTable: Table = {
    id: 'plan-margins',
    title: 'LLM cost as a share of revenue, per plan',
    columns: [
      { label: 'Plan', kind: 'text' },
      { label: 'Teachers', kind: 'int' },
      { label: 'Active teachers', kind: 'int' },
      { label: 'Revenue', kind: 'usd' },
      { label: 'Payment fees', kind: 'usd' },
      { label: 'LLM cost', kind: 'usd' },
      { label: 'LLM cost share of revenue', kind: 'percent' },
      { label: 'Contribution margin', kind: 'usd' },
      { label: 'Contribution per teacher', kind: 'usd' },
    ],
    rows: plans.map((p) => ({ cells: [p.plan, p.teachers, p.activeTeachers, p.revenue, p.fees, p.llmCost, p.costShare, p.contribution, p.perTeacher] })),
    total: { cells: ['Total', all.teachers, all.active, all.revenue, all.fees, all.cost, share, all.contribution, all.teachers ? all.contribution / all.teachers : null] },
  };

  const top = userTotals.slice(0, TOP_TEACHERS);
  const margins = top.map((t) => ({ t, plan: planOf(t.key), m: teacherMargin(planOf(t.key), t.costUsd, ctx.plans) }));
  const teacherTable: Table = {
    id: 'teacher-margins',
    title: `Contribution margin per teacher (the ${TOP_TEACHERS} with the highest LLM cost)`,
    columns: [
      { label: 'Teacher', kind: 'text' },
      { label: 'Plan', kind: 'text' },
      { label: 'Revenue', kind: 'usd' },
      { label: 'Payment fees', kind: 'usd' },
      { label: 'LLM cost', kind: 'usd' },
      { label: 'LLM cost share of revenue', kind: 'percent' },
      { label: 'Contribution margin', kind: 'usd' },
    ],
    rows: margins.map(({ t, plan, m }) => ({
      cells: [users.get(t.key)?.email ?? t.key, plan, m.revenue, m.fees, m.llmCost, m.costShare, m.contribution],
      links: [ctx.links.href(`/teachers/${encodeURIComponent(t.key)}?period=month`)],
    })),
    total: {
      cells: ['Total', null, sum(margins.map((x) => x.m.revenue)), sum(margins.map((x) => x.m.fees)), sum(margins.map((x) => x.m.llmCost)), null, sum(margins.map((x) => x.m.contribution))],
    },
    empty: 'No teacher has LLM cost this month.',
  };
  const ok = share === null || share < LLM_COST_SHARE_TARGET;
  const lead = html`<div class="cards"><div class="card"><div class="k">Revenue this month</div><div class="v">${formatUsd(all.revenue)}</div></div><div class="card"><div class="k">LLM cost this month</div><div class="v">${formatUsd(all.cost)}</div></div><div class="card"><div class="k">LLM cost share (target &lt; ${formatPercent(LLM_COST_SHARE_TARGET)})</div><div class="v">${share === null ? '—' : formatPercent(share)} <span class="badge ${ok ? 'ok' : 'bad'}">${share === null ? 'no revenue' : ok ? 'on target' : 'over target'}</span></div></div><div class="card"><div class="k">Contribution margin</div><div class="v">${formatUsd(all.contribution)}</div></div></div>`;
  return {
    title: 'Margins',
    meta: `This month: ${rangeText(month)}. Revenue: ${formatUsd(ctx.plans.paidMonthlyUsd)} per paid teacher per month; payment fees ${ctx.plans.feePercent}% + ${formatUsd(ctx.plans.feeFixedUsd)}; plans as they are now.`,
    lead,
    sections: [
      { id: 'plans', title: 'Per plan', note: `PRD target: LLM cost below ${formatPercent(LLM_COST_SHARE_TARGET)} of revenue. Free teachers bring no revenue, so their cost is carried by the paid plan's margin.`, blocks: [{ table: planTable }] },
      { id: 'teachers', title: 'Per teacher', note: 'Contribution margin = revenue − payment fees − LLM cost, this month. Paid teachers with no LLM cost are not listed (each contributes the price less fees).', blocks: [{ table: teacherTable }] },
    ],
  };
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
