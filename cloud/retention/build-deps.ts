import type { Deps } from '../deps';
import type { RetentionRouteDeps } from './retention-route';

/** The retention route's dependencies from the worker function's shared ones. */
export function buildRetentionDeps(d: Deps): RetentionRouteDeps {
  return {
    db: d.db,
    paths: d.paths,
    logger: d.logger,
    now: d.now,
    verifyToken: d.verifyToken,
    workerUrl: d.config.tasks.workerUrl,
    serviceAccount: d.config.tasks.serviceAccountEmail,
    retentionDays: d.config.pages.retention.studentTextDays,
  };
}
