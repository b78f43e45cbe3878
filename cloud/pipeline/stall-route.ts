import type { TokenVerifier } from '../auth/verify-token';
import type { HttpHandler } from '../http/types';
import { verifyTaskCaller } from '../worker/task-caller';
import { resumeStalledAssignments, type StallSweepDeps } from './stalls';

/** Where Cloud Scheduler calls the worker for the stall watchdog (every TASKS_STALL_CHECK_SECONDS). */
export const STALLS_PATH = '/tasks/stalls';

export interface StallRouteDeps extends StallSweepDeps {
  verifyToken: TokenVerifier;
  stallAfterMs: number;
}

/**
 * `POST /tasks/stalls` in front of the worker: the same OIDC check as a pipeline task (the tasks
 * service account, audience = the worker's base URL), then one stall sweep (stalls.ts), answered
 * with what it found and resumed. Every other request goes on to `worker`.
 */
export function withStallRoute(worker: HttpHandler, deps: StallRouteDeps): HttpHandler {
  const caller = { verifyToken: deps.verifyToken, workerUrl: deps.settings.workerUrl, serviceAccount: deps.settings.tasksServiceAccount };
  return (req, res, next) => {
    if (req.path !== STALLS_PATH) return worker(req, res, next);
    const run = async () => {
      await verifyTaskCaller(req, undefined, caller);
      if (req.method !== 'POST') return next();
      res.status(200).json(await resumeStalledAssignments(deps, { stallAfterMs: deps.stallAfterMs }));
    };
    return run().catch(next);
  };
}
