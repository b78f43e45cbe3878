import express from 'express';
import { ZodError } from 'zod';
import { API_ROUTES, type RouteName } from '../../shared/api';
import type { ApiConfig } from '../config/api';
import type { Deps } from '../deps';
import { GradeBotError } from '../errors';
import { requestContext } from '../http/function-host';
import type { Logger } from '../log';
import type { HttpHandler, Request, Response } from '../http/types';
import { CHART_PATH } from '../stats/chart-url';
import { createAuthenticator } from './authenticate';
import { checkBodySize } from './body-limit';
import { chartRoute } from './chart-route';
import { contractError } from './contract-error';
import { accountHandlers } from './handlers/account';
import { assignmentHandlers } from './handlers/assignments';
import { rubricHandlers } from './handlers/rubric';
import { calibrationHandlers } from './handlers/calibration';
import { settingsHandlers } from './handlers/settings';
import { workHandlers } from './handlers/works';
import { READS_HEADER, ReadCounter } from './read-counter';
import type { ApiContext, RouteHandler, RouteHandlers } from './route-types';
import type { ApiServices } from './services';
import { parseInput } from './validate';

/** The configuration the API reads: the shared sections plus its own (cloud/config/api.ts). */
export type ApiDeps = Deps & { config: Deps['config'] & { api: ApiConfig } };

const HANDLERS: RouteHandlers = { ...assignmentHandlers, ...rubricHandlers, ...workHandlers, ...accountHandlers, ...settingsHandlers, ...calibrationHandlers };

type Method = 'get' | 'post' | 'patch' | 'delete';

/**
 * Our answer, or data we read to make it, failed a schema: that is our bug (a drift between the
 * store and the contract), not the caller's — a 500 `internal`, logged at ERROR with the route and
 * the failing paths (no values: they may be a student's text), never a 400 `validation_failed`.
 */
function contractBroken(route: RouteName, what: 'response' | 'stored data', err: ZodError, logger: Logger): GradeBotError {
  logger.error(`api ${what} broke the contract`, { route, issues: err.issues.slice(0, 20).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) });
  return new GradeBotError('internal', 'Something went wrong on our side. Try again in a minute.');
}

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
    stallAfterMs: config.tasks.stallAfterMs,
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
        const logger = requestContext(res).logger ?? ctx.logger;
        let result: unknown;
        try {
          result = await handler(ctx, { teacher, params: req.params as Record<string, string | undefined>, body: body as never, query: query as never, reads });
        } catch (err) {
          // The caller's input was parsed above (its errors are GradeBotErrors); a ZodError from
          // the handler is stored data failing a schema.
          if (err instanceof ZodError) throw contractBroken(name, 'stored data', err, logger);
          throw err;
        }
        const answer = spec.response.safeParse(result);
        if (!answer.success) throw contractBroken(name, 'response', answer.error, logger);
        res.setHeader(READS_HEADER, String(reads.count));
        res.status(spec.status).json(answer.data);
      };
      run().catch((err: unknown) => next(contractError(err)));
    });
  }
  return router as unknown as HttpHandler;
}
