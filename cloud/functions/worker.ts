import type { Deps } from '../deps';
import type { HttpHandler } from '../http/types';
import { buildWorkerDeps } from '../pipeline/build-deps';
import { createWorkerHandler } from '../worker/worker-handler';

/** The Cloud Tasks target that runs the pipeline. */
export const worker = (d: Deps): HttpHandler => createWorkerHandler(buildWorkerDeps(d));
