import express from 'express';
import { API_ROUTES, type RouteName } from '../../shared/api';
import type { ApiConfig } from '../config/api';
import type { Deps } from '../deps';
import type { HttpHandler, Request, Response } from '../http/types';
import { CHART_PATH } from '../stats/chart-url';
import { createAuthenticator } from './authenticate';
import { checkBodySize } from './body-limit';
import { chartRoute } from './chart-route';
import { contractError } from './contract-error';
import { accountHandlers } from './handlers/account';
import { assignmentHandlers } from './handlers/assignments';
import { workHandlers } from './handlers/works';
import { READS_HEADER, ReadCounter } from './read-counter';
import type { ApiContext, RouteHandler, RouteHandlers } from './route-types';
import type { ApiServices } from './services';
import { parseInput } from './validate';

/** The configuration the API reads: the shared sections plus its own (cloud/config/api.ts). */
export type ApiDeps = Deps & { config: Deps['config'] & { api: ApiConfig } };

const HANDLERS: RouteHandlers = { ...assignmentHandlers, ...workHandlers, ...accountHandlers };

type Method = 'get' | 'post' | 'patch' | 'delete';

/**
 * The `api` function: every route of the add-on ⇄ API contract (shared/api/routes.ts), each
 * authenticated with the add-on's Google ID token, scoped to its owner, validated with the
 * contract's schemas on the way in and on the way out; plus the signed contribution-chart image.
 */
export function createApiHandler(deps: ApiDeps, services: ApiServices): HttpHandler {
  const { config } = deps;
  const signer = config.api.chart;
  const ctx: ApiContext = {
    db: deps.db,
    paths: deps.paths,
    logger: deps.logger,
    now: deps.now,
    services,
    limits: config.billing.limits,
    parallelism: config.tasks.rateLimits.maxConcurrentDispatches,
    signer,
    stripe: deps.stripe,
  };
  const authenticate = createAuthenticator({
    paths: deps.paths,
    verifyToken: deps.verifyToken,
    audience: config.auth.addonAudience,
    now: deps.now,
    cacheMs: config.api.userCacheMs,
  });

  const router = express.Router();
  const chart = chartRoute({ paths: deps.paths, signer, logger: deps.logger, now: deps.now });
  router.get(CHART_PATH, (req: Request, res: Response, next: (err?: unknown) => void) => {
    chart(req, res).catch(next);
  });

  for (const name of Object.keys(API_ROUTES) as RouteName[]) {
    const spec = API_ROUTES[name];
    const handler = HANDLERS[name] as RouteHandler<RouteName>;
    router[spec.method.toLowerCase() as Method](spec.pattern, (req: Request, res: Response, next: (err?: unknown) => void) => {
      const run = async () => {
        const reads = new ReadCounter();
        // Size first (cheap, and says what is wrong even to a caller whose token expired), then
        // who is asking, then what they sent: nothing about the body is revealed before auth.
        checkBodySize(req, config.api.maxBodyBytes);
        const teacher = await authenticate(req, reads);
        const body = spec.body ? parseInput(spec.body, req.body ?? {}) : undefined;
        const query = spec.query ? parseInput(spec.query, req.query) : undefined;
        const result = await handler(ctx, { teacher, params: req.params as Record<string, string | undefined>, body: body as never, query: query as never, reads });
        res.setHeader(READS_HEADER, String(reads.count));
        res.status(spec.status).json(spec.response.parse(result));
      };
      run().catch((err: unknown) => next(contractError(err)));
    });
  }
  return router as unknown as HttpHandler;
}
