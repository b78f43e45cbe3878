import type { Deps } from '../deps';
import type { HttpHandler } from '../http/types';
import { buildAdmissionDeps, buildWorkerDeps } from '../pipeline/build-deps';
import { withStallRoute } from '../pipeline/stall-route';
import { buildRetentionDeps } from '../retention/build-deps';
import { withRetentionRoute } from '../retention/retention-route';
import { createWorkerHandler } from '../worker/worker-handler';

/** The Cloud Tasks target that runs the pipeline; the daily retention cleanup and the stall watchdog (Cloud Scheduler). */
export const worker = (d: Deps): HttpHandler =>
  withStallRoute(withRetentionRoute(createWorkerHandler(buildWorkerDeps(d)), buildRetentionDeps(d)), {
    ...buildAdmissionDeps(d),
    queue: d.queue,
    verifyToken: d.verifyToken,
    stallAfterMs: d.config.tasks.stallAfterMs,
  });
