import { GradingSettingsSchema } from './grading-settings';
import { z } from 'zod';

export const PlanSchema = z.enum(['free', 'paid']);
export type Plan = z.infer<typeof PlanSchema>;

/** Stripe's subscription statuses, kept as Stripe reports them. */
export const SubscriptionStatusSchema = z.enum([
  'none',
  'incomplete',
  'incomplete_expired',
  'trialing',
  'active',
  'past_due',
  'canceled',
  'unpaid',
  'paused',
]);
export type SubscriptionStatus = z.infer<typeof SubscriptionStatusSchema>;

export const UserSchema = z.object({
  /** The Google account's stable `sub`. */
  id: z.string().min(1).max(255),
  email: z.email(),
  timeZone: z.string().min(1).max(100),
  plan: PlanSchema,
  subscription: z.object({
    status: SubscriptionStatusSchema,
    stripeCustomerId: z.string().nullable(),
    stripeSubscriptionId: z.string().nullable(),
    currentPeriodEnd: z.date().nullable(),
    cancelAtPeriodEnd: z.boolean(),
    /** Stripe `created` of the newest event applied, so an older event never overwrites a newer one. */
    lastEventCreated: z.number().int().nullable(),
  }),
  /** Assignments created per quota month (YYYY-MM). */
  usage: z.record(z.string().regex(/^\d{4}-\d{2}$/), z.number().int().min(0)),
  /** Retries accepted on `day` (UTC YYYY-MM-DD), for the per-teacher cap (RETRY_MAX_PER_TEACHER_PER_DAY). */
  retries: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), count: z.number().int().min(0) }).optional(),
  /** The teacher's default grading settings for new assignments (absent: DEFAULT_GRADING_SETTINGS). */
  gradingSettings: GradingSettingsSchema.optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type User = z.infer<typeof UserSchema>;
