import type { FunctionName } from '../config/core';
import type { Deps } from '../deps';
import type { HttpHandler } from '../http/types';
import { createStripeWebhookHandler } from '../billing/webhook-handler';
import { createPagesHandler } from '../pages/handler';

/** Until a function's features land it answers its health check and 404 for everything else. */
const notYet: HttpHandler = (_req, _res, next) => next();

/** Each function's body, built from the shared dependencies. */
export const FUNCTIONS: Record<FunctionName, (deps: Deps) => HttpHandler> = {
  api: () => notYet,
  worker: () => notYet,
  stripeWebhook: (d) =>
    createStripeWebhookHandler({ stripe: d.stripe, paths: d.paths, webhookSecret: d.config.billing.webhookSecret, logger: d.logger, now: d.now }),
  admin: () => notYet,
  pages: ({ config }) =>
    createPagesHandler({
      site: config.pages,
      region: config.region,
      baseUrl: config.urls.pages,
      plans: { ...config.billing.limits, priceDisplay: config.billing.priceDisplay },
    }),
};
