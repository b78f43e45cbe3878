import { z } from 'zod';
import { TaskKindSchema } from '../../shared/domain';
import type { TokenVerifier } from '../auth/verify-token';
import { GradeBotError, ValidationError } from '../errors';
import type { HttpHandler, Request, Response } from '../http/types';
import type { Logger } from '../log';
import type { PipelineDeps } from '../pipeline/context';
import { RetryLaterError } from '../pipeline/failures';
import { SweepPayloadSchema, TaskPayloadSchema } from '../pipeline/payloads';
import type { RunOutcome } from '../pipeline/pipeline';
import { runPipelineTask } from '../pipeline/task-table';
import { verifyTaskCaller } from './task-caller';

export interface WorkerDeps extends PipelineDeps {
  verifyToken: TokenVerifier;
}

const RetryCountHeader = z.coerce.number().int().min(0).catch(0);
/** The task kinds, and the watchdog of a last delivery (`/tasks/sweep`). */
const RouteSchema = z.union([TaskKindSchema, z.literal('sweep')]);

/** The JSON body, whether functions-framework parsed it or left the raw bytes. */
function bodyOf(req: Request): unknown {
  const b: unknown = req.body;
  if (Buffer.isBuffer(b)) return JSON.parse(b.toString('utf8'));
  if (typeof b === 'string') return JSON.parse(b);
  if (b && typeof b === 'object' && Object.keys(b).length > 0) return b;
  const raw = (req as { rawBody?: Buffer }).rawBody;
  return raw && raw.length > 0 ? JSON.parse(raw.toString('utf8')) : b;
}

/** The function host's request-scoped logger (request id, trace) when there is one. */
function requestLogger(res: Response): Logger | undefined {
  const l = (res.locals as { logger?: Logger } | undefined)?.logger;
  return l && typeof l.child === 'function' ? l : undefined;
}

/**
 * The worker function: Cloud Tasks' HTTP target, `POST /tasks/:kind`. It authenticates the caller
 * as the queue (401/403 otherwise, before anything is touched), validates the payload with zod,
 * and runs it through the pipeline with the request's logger (so every pipeline line carries the
 * request id). `POST /tasks/sweep` runs the watchdog of a task's last delivery. The status code is
 * the contract with Cloud Tasks: 2xx when the task is done (stored, skipped as a duplicate,
 * deferred, or failed for good and recorded), 503 when it should be delivered again — with
 * `Retry-After` when Claude said how long to wait — decided by the function host's error translation.
 */
export function createWorkerHandler(deps: WorkerDeps): HttpHandler {
  const caller = { verifyToken: deps.verifyToken, workerUrl: deps.settings.workerUrl, serviceAccount: deps.settings.tasksServiceAccount };
  return async (req, res, next) => {
    try {
      const route = RouteSchema.safeParse(/^\/tasks\/([a-z]+)$/.exec(req.path)?.[1]);
      await verifyTaskCaller(req, route.success ? route.data : undefined, caller);
      if (req.method !== 'POST' || !route.success) return next();
      let body: unknown;
      try {
        body = bodyOf(req);
      } catch {
        throw new GradeBotError('invalid_json', 'The request body is not valid JSON.');
      }
      const retryCount = RetryCountHeader.parse(req.get('x-cloudtasks-taskretrycount'));
      const run: PipelineDeps = { ...deps, logger: requestLogger(res) ?? deps.logger };
      let outcome: RunOutcome;
      if (route.data === 'sweep') {
        outcome = await runPipelineTask(run, SweepPayloadSchema.parse(body).task, { retryCount, sweep: true });
      } else {
        const payload = TaskPayloadSchema.parse(body);
        if (payload.kind !== route.data) throw new ValidationError('The task kind does not match its URL.', { kind: [`expected ${route.data}`] });
        outcome = await runPipelineTask(run, payload, { retryCount });
      }
      res.status(200).json(outcome);
    } catch (err) {
      if (err instanceof RetryLaterError && err.retryAfterMs !== undefined && !res.headersSent) {
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil(err.retryAfterMs / 1000))));
      }
      next(err);
    }
  };
}
