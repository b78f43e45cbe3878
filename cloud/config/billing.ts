import { z } from 'zod';
import type { CoreConfig } from './core';
import { type Env, parseSection, withhold } from './env';

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

/** Which Stripe secrets the loading function is given (cloud/config/index.ts FUNCTION_CONFIG); default both. */
export interface StripeSecretsGiven {
  /** STRIPE_SECRET_KEY: calls Stripe's API (Checkout, portal, cancelling on account deletion). */
  secretKey: boolean;
  /** STRIPE_WEBHOOK_SECRET: verifies webhook signatures. */
  webhookSecret: boolean;
}

/**
 * Billing settings. On a local stack without `STRIPE_SECRET_KEY` the Stripe SDK is pointed at the
 * local stand-in on `core.ports.stripe` with fixed local keys. Against real Stripe (production, or
 * a local run with a key) every secret the function is given must be set, and the price id with the
 * key, because guessing them would charge or verify against the wrong thing. A secret the function
 * is not given is never read: its field throws when used.
 */
export function loadBillingConfig(
  env: Env,
  core: Pick<CoreConfig, 'local' | 'host' | 'ports' | 'urls'>,
  given: StripeSecretsGiven = { secretKey: true, webhookSecret: true },
) {
  const b = parseSection('billing', BillingEnv, env);
  const standIn = core.local && b.STRIPE_SECRET_KEY === undefined;
  if (!standIn) {
    const why = b.STRIPE_SECRET_KEY !== undefined ? 'required when STRIPE_SECRET_KEY is set' : 'required in production';
    const missing: string[] = [];
    if (given.secretKey && b.STRIPE_SECRET_KEY === undefined) missing.push('STRIPE_SECRET_KEY: required in production');
    if (given.webhookSecret && b.STRIPE_WEBHOOK_SECRET === undefined) missing.push(`STRIPE_WEBHOOK_SECRET: ${why}`);
    if (given.secretKey && b.STRIPE_PRICE_ID === undefined) missing.push(`STRIPE_PRICE_ID: ${why}`);
    if (missing.length > 0) throw new Error(`Invalid billing configuration:\n${missing.map((m) => `  ${m}`).join('\n')}`);
  }
  const pages = core.urls.pages;
  const config = {
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
  if (!given.secretKey) withhold(config, 'secretKey', 'this function is not given STRIPE_SECRET_KEY');
  if (!given.webhookSecret) withhold(config, 'webhookSecret', 'this function is not given STRIPE_WEBHOOK_SECRET');
  if (!standIn && b.STRIPE_PRICE_ID === undefined) withhold(config, 'priceId', 'STRIPE_PRICE_ID is not set');
  return config;
}
