import Stripe from 'stripe';
import { createStripeWebhookHandler } from '../billing/webhook-handler';
import type { Deps } from '../deps';
import type { HttpHandler } from '../http/types';

/**
 * Stripe's events, signature-checked with STRIPE_WEBHOOK_SECRET. Verifying a signature needs no API
 * key, so the SDK's static webhook helper is used and this function is never given STRIPE_SECRET_KEY.
 */
export const stripeWebhook = (d: Deps): HttpHandler =>
  createStripeWebhookHandler({ stripe: { webhooks: Stripe.webhooks }, paths: d.paths, webhookSecret: d.config.billing.webhookSecret, logger: d.logger, now: d.now });
