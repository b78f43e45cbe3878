import type { Plan } from '../../../shared/domain';
import type { AdminConfig } from '../../config/admin';

/** The PRD's financial target: LLM cost below 30% of revenue. */
export const LLM_COST_SHARE_TARGET = 0.3;

type Plans = AdminConfig['plans'];

/** A teacher's monthly revenue and payment fee on a plan (free pays nothing). */
export function monthlyRevenue(plan: Plan, p: Plans): { revenue: number; fees: number } {
  if (plan !== 'paid') return { revenue: 0, fees: 0 };
  return { revenue: p.paidMonthlyUsd, fees: p.paidMonthlyUsd > 0 ? (p.paidMonthlyUsd * p.feePercent) / 100 + p.feeFixedUsd : 0 };
}

export interface TeacherMargin {
  revenue: number;
  fees: number;
  llmCost: number;
  /** LLM cost / revenue; null without revenue. */
  costShare: number | null;
  /** Revenue − payment fees − LLM cost. */
  contribution: number;
}

export function teacherMargin(plan: Plan, llmCost: number, p: Plans): TeacherMargin {
  const { revenue, fees } = monthlyRevenue(plan, p);
  return { revenue, fees, llmCost, costShare: revenue > 0 ? llmCost / revenue : null, contribution: revenue - fees - llmCost };
}

export interface PlanMargin extends TeacherMargin {
  plan: Plan;
  teachers: number;
  activeTeachers: number;
  /** Contribution per teacher on the plan (all of them, active or not). */
  perTeacher: number | null;
}

/**
 * Per plan for one month: every teacher on the plan pays (paid) or not (free); LLM cost is what
 * the plan's teachers used. `costByPlan` holds each active teacher's cost under their plan.
 */
export function planMargins(counts: Record<Plan, number>, costByPlan: Record<Plan, number[]>, p: Plans): PlanMargin[] {
  return (['free', 'paid'] as const).map((plan) => {
    const teachers = counts[plan];
    const one = monthlyRevenue(plan, p);
    const revenue = one.revenue * teachers;
    const fees = one.fees * teachers;
    const llmCost = costByPlan[plan].reduce((s, c) => s + c, 0);
    const contribution = revenue - fees - llmCost;
    return { plan, teachers, activeTeachers: costByPlan[plan].length, revenue, fees, llmCost, costShare: revenue > 0 ? llmCost / revenue : null, contribution, perTeacher: teachers > 0 ? contribution / teachers : null };
  });
}
