import { createStripeWebhookHandler } from '../billing/webhook-handler';
import type { Deps } from '../deps';
import type { HttpHandler } from '../http/types';

export const stripeWebhook = (d: Deps): HttpHandler =>
  createStripeWebhookHandler({ stripe: d.stripe, paths: d.paths, webhookSecret: d.config.billing.webhookSecret, logger: d.logger, now: d.now });
