import type { Firestore } from '@google-cloud/firestore';
import type { TokenVerifier } from '../auth/verify-token';
import type { HttpHandler } from '../http/types';
import type { Logger } from '../log';
import type { Paths } from '../store/paths';
import { verifyTaskCaller } from '../worker/task-caller';
import { runRetentionCleanup } from './cleanup';

/** Where Cloud Scheduler calls the worker for the daily cleanup (the deploy plan's job targets it). */
export const RETENTION_PATH = '/tasks/retention';

export interface RetentionRouteDeps {
  db: Firestore;
  paths: Paths;
  logger: Logger;
  now: () => Date;
  verifyToken: TokenVerifier;
  /** The worker's base URL: the OIDC audience the scheduler job is given. */
  workerUrl: string;
  /** The only caller accepted: the tasks service account, which the scheduler job signs as. */
  serviceAccount: string;
  /** RETENTION_STUDENT_TEXT_DAYS: how old a left-over pipeline memo may get. */
  retentionDays: number;
  /** Per-run bounds (see runRetentionCleanup). */
  limit?: number;
  maxBatches?: number;
}

/**
 * `POST /tasks/retention` in front of the worker: the same OIDC check as a pipeline task (the tasks
 * service account, audience = the worker's base URL; 401/403 before anything is read), then one
 * bounded cleanup run, answered with its counts. Every other request goes on to `worker`.
 */
export function withRetentionRoute(worker: HttpHandler, deps: RetentionRouteDeps): HttpHandler {
  const caller = { verifyToken: deps.verifyToken, workerUrl: deps.workerUrl, serviceAccount: deps.serviceAccount };
  return (req, res, next) => {
    if (req.path !== RETENTION_PATH) return worker(req, res, next);
    const run = async () => {
      await verifyTaskCaller(req, undefined, caller);
      if (req.method !== 'POST') return next();
      const report = await runRetentionCleanup({ db: deps.db, paths: deps.paths, now: deps.now(), retentionDays: deps.retentionDays, limit: deps.limit, maxBatches: deps.maxBatches, logger: deps.logger });
      res.status(200).json(report);
    };
    return run().catch(next);
  };
}
