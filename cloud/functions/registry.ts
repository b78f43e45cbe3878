import type { FunctionName } from '../config/core';
import type { Deps } from '../deps';
import type { HttpHandler } from '../http/types';
import { createPagesHandler } from '../pages/handler';

/** Until a function's features land it answers its health check and 404 for everything else. */
const notYet: HttpHandler = (_req, _res, next) => next();

/** Each function's body, built from the shared dependencies. */
export const FUNCTIONS: Record<FunctionName, (deps: Deps) => HttpHandler> = {
  api: () => notYet,
  worker: () => notYet,
  stripeWebhook: () => notYet,
  admin: () => notYet,
  pages: ({ config }) =>
    createPagesHandler({
      site: config.pages,
      region: config.region,
      baseUrl: config.urls.pages,
      plans: { ...config.billing.limits, priceDisplay: config.billing.priceDisplay },
    }),
};
