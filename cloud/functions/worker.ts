import type { Deps } from '../deps';
import type { HttpHandler } from '../http/types';
import { buildWorkerDeps } from '../pipeline/build-deps';
import { buildRetentionDeps } from '../retention/build-deps';
import { withRetentionRoute } from '../retention/retention-route';
import { createWorkerHandler } from '../worker/worker-handler';

/** The Cloud Tasks target that runs the pipeline, and the daily retention cleanup (Cloud Scheduler). */
export const worker = (d: Deps): HttpHandler => withRetentionRoute(createWorkerHandler(buildWorkerDeps(d)), buildRetentionDeps(d));
