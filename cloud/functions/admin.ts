import type { Deps } from '../deps';
import type { HttpHandler } from '../http/types';

/** Until the dashboard lands: health check, 404 for everything else. */
export const admin = (_d: Deps): HttpHandler => (_req, _res, next) => next();
