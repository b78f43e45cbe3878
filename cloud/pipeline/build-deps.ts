import type { Deps } from '../deps';
import type { Config } from '../config';
import type { PipelineConfig } from '../config/pipeline';
import { createLlmLayer, type LlmLayer } from '../llm/create-llm';
import type { Logger } from '../log';
import type { Paths } from '../store/paths';
import { createTaskQueue, type TaskQueue } from '../tasks/task-queue';
import { createTasksClient } from '../tasks/tasks-client';
import type { WorkerDeps } from '../worker/worker-handler';
import { type AdmissionDeps, pipelineSettings } from './context';
import { deadlineFetch } from './llm-deadline';

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

/**
 * The LLM layer as the pipeline runs it: its transport ends every request when the task's LLM
 * budget does (llm-deadline.ts). `fetch`: a transport under that (tests, benchmarks).
 */
export function createPipelineLlm(args: { config: Config['llm']; paths: Paths; logger: Logger; fetch?: typeof fetch }): LlmLayer {
  return createLlmLayer({ config: args.config, paths: args.paths, logger: args.logger, fetch: deadlineFetch(args.fetch ?? fetch) });
}

/** For the API function: admission and retry (no LLM client), on the instance's one queue. */
export function buildAdmissionDeps(deps: DepsWithPipeline, queue: TaskQueue = deps.queue): AdmissionDeps {
  return { db: deps.db, paths: deps.paths, logger: deps.logger, now: deps.now, queue, settings: pipelineSettings(deps.config) };
}

/** For the worker function: everything, built once per instance, on the instance's one queue (deps.queue). */
export function buildWorkerDeps(deps: DepsWithPipeline): WorkerDeps {
  const llm = createPipelineLlm({ config: deps.config.llm, paths: deps.paths, logger: deps.logger });
  return { ...buildAdmissionDeps(deps), llm: llm.client, verifyToken: deps.verifyToken };
}
