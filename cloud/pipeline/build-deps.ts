import type { Deps } from '../deps';
import type { Config } from '../config';
import type { PipelineConfig } from '../config/pipeline';
import { createLlmLayer } from '../llm/create-llm';
import { createTaskQueue, type TaskQueue } from '../tasks/task-queue';
import { createTasksClient } from '../tasks/tasks-client';
import type { WorkerDeps } from '../worker/worker-handler';
import { type AdmissionDeps, pipelineSettings } from './context';

/** The shared dependencies once the configuration has the pipeline section. */
export type DepsWithPipeline = Omit<Deps, 'config'> & { config: Config & { pipeline: PipelineConfig } };

/** The queue the pipeline enqueues on: OIDC tokens for the queue's account, audience the worker's base URL. */
export function createPipelineQueue(config: DepsWithPipeline['config']): TaskQueue {
  return createTaskQueue({
    client: createTasksClient(config.tasks),
    queuePath: config.tasks.queuePath,
    serviceAccountEmail: config.tasks.serviceAccountEmail,
    audience: config.tasks.workerUrl,
    dispatchDeadlineMs: config.tasks.dispatchDeadlineMs,
  });
}

/** For the API function: admission and retry (no LLM client). */
export function buildAdmissionDeps(deps: DepsWithPipeline, queue: TaskQueue = createPipelineQueue(deps.config)): AdmissionDeps {
  return { db: deps.db, paths: deps.paths, logger: deps.logger, now: deps.now, queue, settings: pipelineSettings(deps.config) };
}

/** For the worker function: everything, built once per instance. */
export function buildWorkerDeps(deps: DepsWithPipeline): WorkerDeps {
  const llm = createLlmLayer({ config: deps.config.llm, paths: deps.paths, logger: deps.logger });
  return { ...buildAdmissionDeps(deps), llm: llm.client, verifyToken: deps.verifyToken };
}
