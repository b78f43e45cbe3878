import { z } from 'zod';
import type { CoreConfig } from './core';
import { type Env, parseSection } from './env';

/**
 * The session secret a local stack uses when none is set. Not a secret: it only signs sessions for
 * a dashboard on this machine, and production refuses to start without its own.
 */
export const LOCAL_ADMIN_SESSION_SECRET = 'gradebot-local-admin-session-secret-not-for-production';

const AdminEnv = z.object({
  /** HMAC key that signs the dashboard's session cookie; required in production (≥ 32 chars). */
  ADMIN_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** How long a dashboard sign-in lasts. */
  ADMIN_SESSION_TTL_MINUTES: z.coerce.number().int().min(5).max(720).default(60),
  /** What a paid teacher pays per month, USD (revenue for the margin tables; Stripe stays the truth). */
  ADMIN_PAID_PLAN_PRICE_USD: z.coerce.number().min(0).max(10_000).default(9.99),
  /** The payment processor's fee per paid teacher and month: a percentage of the price plus a fixed part. */
  ADMIN_PAYMENT_FEE_PERCENT: z.coerce.number().min(0).max(100).default(2.9),
  ADMIN_PAYMENT_FEE_FIXED_USD: z.coerce.number().min(0).max(100).default(0.3),
});

export type AdminConfig = ReturnType<typeof loadAdminConfig>;

/**
 * The admin dashboard's own settings. Who may sign in (ADMIN_EMAILS) and the sign-in audience
 * (ADMIN_OAUTH_CLIENT_ID) are in the core auth section, shared with deployment.
 */
export function loadAdminConfig(env: Env, core: Pick<CoreConfig, 'local'>) {
  const a = parseSection('admin', AdminEnv, env);
  if (!core.local && a.ADMIN_SESSION_SECRET === undefined) {
    throw new Error('Invalid admin configuration:\n  ADMIN_SESSION_SECRET: required in production');
  }
  return {
    session: {
      secret: a.ADMIN_SESSION_SECRET ?? LOCAL_ADMIN_SESSION_SECRET,
      ttlMs: a.ADMIN_SESSION_TTL_MINUTES * 60_000,
      // `__Host-` pins the cookie to our origin over HTTPS; plain http (local) cannot set Secure cookies.
      cookieName: core.local ? 'gradebot_admin' : '__Host-gradebot_admin',
      secure: !core.local,
    },
    plans: {
      paidMonthlyUsd: a.ADMIN_PAID_PLAN_PRICE_USD,
      feePercent: a.ADMIN_PAYMENT_FEE_PERCENT,
      feeFixedUsd: a.ADMIN_PAYMENT_FEE_FIXED_USD,
    },
  };
}
