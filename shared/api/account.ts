import { z } from 'zod';
import { PlanSchema, SubscriptionStatusSchema } from '../domain';
import { CHART_WEEKS } from '../rules/contribution';
import { HttpUrlSchema, IsoDateSchema, IsoDateTimeSchema, MonthSchema, TimeZoneSchema } from './common';

/** GET /me — who the teacher is to GradeBot: plan, this month's quota, time zone. */
export const MeResponseSchema = z.object({
  email: z.string(),
  plan: PlanSchema,
  timeZone: TimeZoneSchema,
  usage: z.object({
    /** The quota month (YYYY-MM, calendar month in the teacher's time zone). */
    month: MonthSchema,
    /** The month as a teacher reads it: "September 2025". */
    monthLabel: z.string().min(1),
    used: z.number().int().min(0),
    limit: z.number().int().min(0),
    remaining: z.number().int().min(0),
    /** First day of the next quota month. */
    resetsOn: IsoDateSchema,
    /**
     * Which month counts, worded for the teacher: "Your monthly allowance follows the calendar month
     * in your time zone (America/Chicago) and resets at midnight on the 1st." Shown by the meter.
     */
    note: z.string().min(1).max(300),
  }),
  subscription: z.object({
    status: SubscriptionStatusSchema,
    cancelAtPeriodEnd: z.boolean(),
    currentPeriodEnd: IsoDateTimeSchema.nullable(),
  }),
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

/** GET /stats — streak, totals and the contribution chart, all from daily rollups. */
export const StatsResponseSchema = z.object({
  streak: z.object({
    /** Consecutive days with grading activity ending today or yesterday, in the teacher's time zone. */
    current: z.number().int().min(0),
    longest: z.number().int().min(0),
    lastActiveDay: IsoDateSchema.nullable(),
  }),
  totals: z.object({
    /** LLM grading tasks run for this teacher (rubrics, feedback, summaries). */
    gradingTasks: z.number().int().min(0),
    assignments: z.number().int().min(0),
    worksGraded: z.number().int().min(0),
    /** Times feedback was inserted into a student's Doc. */
    feedbackSent: z.number().int().min(0),
  }),
  averages: z.object({
    assignmentsPerMonth: z.number().min(0),
    worksPerAssignment: z.number().min(0),
  }),
  chart: z.object({
    /** A year grid (PNG or SVG) at a short-lived signed URL: the card's image proxy sends no auth header. */
    imageUrl: HttpUrlSchema,
    expiresAt: IsoDateTimeSchema,
    from: IsoDateSchema,
    to: IsoDateSchema,
    activeDays: z.number().int().min(0),
    maxPerDay: z.number().int().min(0),
    /**
     * Works graded per day from `from` to `to` (the teacher's calendar days), oldest first; days with
     * none are left out. The numbers the image draws, for clients that draw their own.
     */
    days: z.array(z.object({ day: IsoDateSchema, count: z.number().int().min(1) })).max(CHART_WEEKS * 7),
  }),
});
export type StatsResponse = z.infer<typeof StatsResponseSchema>;

/**
 * DELETE /account — the teacher's account and everything GradeBot holds about them are deleted
 * (docs/retention.md); a subscription that could still bill is cancelled at Stripe first.
 */
export const DeleteAccountResponseSchema = z.object({
  deleted: z.literal(true),
  /** Assignments deleted with their works, feedback, texts and summaries. */
  assignments: z.number().int().min(0),
  /** A Stripe subscription was cancelled now. */
  subscriptionCanceled: z.boolean(),
});
export type DeleteAccountResponse = z.infer<typeof DeleteAccountResponseSchema>;

/** POST /billing/checkout and POST /billing/portal take no body fields and answer with a Stripe URL. */
export const BillingRequestSchema = z.object({}).strict();
export const BillingLinkResponseSchema = z.object({ url: HttpUrlSchema });
export type BillingLinkResponse = z.infer<typeof BillingLinkResponseSchema>;
