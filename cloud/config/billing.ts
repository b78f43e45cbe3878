import { z } from 'zod';
import type { CoreConfig } from './core';
import { type Env, parseSection } from './env';

/**
 * The key the local Stripe stand-in accepts. Not a secret: it only opens a server on this machine
 * that has no money behind it.
 */
export const LOCAL_STRIPE_SECRET_KEY = 'sk_test_gradebot_local_standin';
/** The secret the local stand-in signs its webhooks with. */
export const LOCAL_STRIPE_WEBHOOK_SECRET = 'whsec_gradebot_local_standin';
/** The price the local stand-in seeds for the paid plan. */
export const LOCAL_STRIPE_PRICE_ID = 'price_gradebot_paid_monthly';

const BillingEnv = z.object({
  /** Unset: the local stand-in (never in production). `sk_test_…` for Stripe's test mode. */
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_/, 'must be a Stripe secret or restricted key').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_').optional(),
  STRIPE_PRICE_ID: z.string().startsWith('price_').optional(),
  /** What the add-on shows next to the upgrade button; Stripe's price stays the truth for charging. */
  PLAN_PRICE_DISPLAY: z.string().min(1).max(40).default('$9.99/month'),
  QUOTA_FREE_PER_MONTH: z.coerce.number().int().min(0).default(1),
  QUOTA_PAID_PER_MONTH: z.coerce.number().int().min(1).default(300),
  /** Where Checkout sends the teacher after paying / backing out, and where the portal returns. */
  BILLING_SUCCESS_URL: z.url().optional(),
  BILLING_CANCEL_URL: z.url().optional(),
  BILLING_PORTAL_RETURN_URL: z.url().optional(),
});

export type BillingConfig = ReturnType<typeof loadBillingConfig>;

/**
 * Billing settings. Without `STRIPE_SECRET_KEY` the Stripe SDK is pointed at the local stand-in on
 * `core.ports.stripe` with fixed local keys; with a key, the webhook secret and price id must be
 * given too, because guessing them would charge or verify against the wrong thing.
 */
export function loadBillingConfig(env: Env, core: Pick<CoreConfig, 'local' | 'host' | 'ports' | 'urls'>) {
  const b = parseSection('billing', BillingEnv, env);
  const standIn = b.STRIPE_SECRET_KEY === undefined;
  if (standIn && !core.local) throw new Error('Invalid billing configuration:\n  STRIPE_SECRET_KEY: required in production');
  if (!standIn) {
    const missing = (['STRIPE_WEBHOOK_SECRET', 'STRIPE_PRICE_ID'] as const).filter((k) => b[k] === undefined);
    if (missing.length > 0) {
      throw new Error(`Invalid billing configuration:\n${missing.map((k) => `  ${k}: required when STRIPE_SECRET_KEY is set`).join('\n')}`);
    }
  }
  const pages = core.urls.pages;
  return {
    /** True when talking to the local stand-in rather than Stripe. */
    standIn,
    secretKey: b.STRIPE_SECRET_KEY ?? LOCAL_STRIPE_SECRET_KEY,
    webhookSecret: b.STRIPE_WEBHOOK_SECRET ?? LOCAL_STRIPE_WEBHOOK_SECRET,
    priceId: b.STRIPE_PRICE_ID ?? LOCAL_STRIPE_PRICE_ID,
    /** Where the SDK connects; undefined means Stripe's own api.stripe.com. */
    api: standIn ? { host: core.host, port: core.ports.stripe, protocol: 'http' as const } : undefined,
    priceDisplay: b.PLAN_PRICE_DISPLAY,
    limits: { free: b.QUOTA_FREE_PER_MONTH, paid: b.QUOTA_PAID_PER_MONTH },
    urls: {
      success: b.BILLING_SUCCESS_URL ?? `${pages}/billing/success`,
      cancel: b.BILLING_CANCEL_URL ?? `${pages}/billing/cancel`,
      portalReturn: b.BILLING_PORTAL_RETURN_URL ?? `${pages}/billing/return`,
    },
  };
}
