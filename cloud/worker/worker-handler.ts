import { z } from 'zod';
import { TaskKindSchema } from '../../shared/domain';
import type { TokenVerifier } from '../auth/verify-token';
import { ValidationError } from '../errors';
import type { HttpHandler, Request } from '../http/types';
import type { PipelineDeps } from '../pipeline/context';
import { TaskPayloadSchema } from '../pipeline/payloads';
import { runPipelineTask } from '../pipeline/task-table';
import { verifyTaskCaller } from './task-caller';

export interface WorkerDeps extends PipelineDeps {
  verifyToken: TokenVerifier;
}

const RetryCountHeader = z.coerce.number().int().min(0).catch(0);

/** The JSON body, whether functions-framework parsed it or left the raw bytes. */
function bodyOf(req: Request): unknown {
  const b: unknown = req.body;
  if (Buffer.isBuffer(b)) return JSON.parse(b.toString('utf8'));
  if (typeof b === 'string') return JSON.parse(b);
  if (b && typeof b === 'object' && Object.keys(b).length > 0) return b;
  const raw = (req as { rawBody?: Buffer }).rawBody;
  return raw && raw.length > 0 ? JSON.parse(raw.toString('utf8')) : b;
}

/**
 * The worker function: Cloud Tasks' HTTP target, `POST /tasks/:kind`. It authenticates the caller
 * as the queue (401/403 otherwise, before anything is touched), validates the payload with zod,
 * and runs it through the pipeline. The status code is the contract with Cloud Tasks: 2xx when the
 * task is done (stored, skipped as a duplicate, or failed for good and recorded), 503 when it
 * should be delivered again — decided by the function host's error translation.
 */
export function createWorkerHandler(deps: WorkerDeps): HttpHandler {
  const caller = { verifyToken: deps.verifyToken, workerUrl: deps.settings.workerUrl, serviceAccount: deps.settings.tasksServiceAccount };
  return async (req, res, next) => {
    try {
      const kindInPath = TaskKindSchema.safeParse(/^\/tasks\/([a-z]+)$/.exec(req.path)?.[1]);
      await verifyTaskCaller(req, kindInPath.success ? kindInPath.data : undefined, caller);
      if (req.method !== 'POST' || !kindInPath.success) return next();
      let body: unknown;
      try {
        body = bodyOf(req);
      } catch {
        throw new ValidationError('The task body is not JSON.', { body: ['not JSON'] });
      }
      const payload = TaskPayloadSchema.parse(body);
      if (payload.kind !== kindInPath.data) throw new ValidationError('The task kind does not match its URL.', { kind: [`expected ${kindInPath.data}`] });
      const retryCount = RetryCountHeader.parse(req.get('x-cloudtasks-taskretrycount'));
      const outcome = await runPipelineTask(deps, payload, { retryCount });
      res.status(200).json(outcome);
    } catch (err) {
      next(err);
    }
  };
}
