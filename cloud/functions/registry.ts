import type { FunctionName } from '../config/core';
import type { Deps } from '../deps';
import type { HttpHandler } from '../http/types';

/** Until a function's features land it answers its health check and 404 for everything else. */
const notYet: HttpHandler = (_req, _res, next) => next();

/** Each function's body, built from the shared dependencies. */
export const FUNCTIONS: Record<FunctionName, (deps: Deps) => HttpHandler> = {
  api: () => notYet,
  worker: () => notYet,
  stripeWebhook: () => notYet,
  admin: () => notYet,
  pages: () => notYet,
};
