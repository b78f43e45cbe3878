import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Firestore } from '@google-cloud/firestore';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { loadConfig } from '../../cloud/config';
import type { Env } from '../../cloud/config/env';
import { loadPipelineConfig } from '../../cloud/config/pipeline';
import { buildDeps } from '../../cloud/deps';
import { hostFunction } from '../../cloud/http/function-host';
import type { Request, Response } from '../../cloud/http/types';
import type { Config } from '../../cloud/config';
import type { PipelineConfig } from '../../cloud/config/pipeline';
import type { LlmLayer } from '../../cloud/llm/create-llm';
import { type Logger, silentLogger } from '../../cloud/log';
import { type AdmissionInput, admitAssignment } from '../../cloud/pipeline/admission';
import { createPipelineLlm } from '../../cloud/pipeline/build-deps';
import { type PipelineHooks, type PipelineSettings, pipelineSettings } from '../../cloud/pipeline/context';
import { ensureQueue } from '../../cloud/tasks/ensure-queue';
import { createTasksClient } from '../../cloud/tasks/tasks-client';
import { ensureUser } from '../../cloud/store/users-repo';
import { createWorkerHandler, type WorkerDeps } from '../../cloud/worker/worker-handler';
import { type LocalIssuer, startLocalIssuer } from '../../dev/issuer/local-issuer';
import type { ModelServerSettingsInput } from '../../dev/model-server/controls';
import type { TasksServerLog } from '../../dev/tasks-server/tasks-server';
import { type ModelServer, startModelServer } from '../../dev/model-server/server';
import { startTasksServer, type TasksServer } from '../../dev/tasks-server/tasks-server';

/**
 * The pipeline's real surroundings for tests and the benchmark: the local token issuer, the local
 * model server behind the real Anthropic SDK, the local Cloud Tasks server behind the real Tasks
 * client, and the worker function served by functions-framework exactly as deployed (host, body
 * parsing, error translation). Firestore is the caller's (the test emulator).
 */

export interface PipelineStackOptions {
  db: Firestore;
  /** Extra environment (TASKS_MAX_ATTEMPTS, LLM_MAX_RETRIES, PIPELINE_MAX_WORDS…). */
  env?: Env;
  model?: ModelServerSettingsInput;
  hooks?: PipelineHooks;
  /**
   * Deliver every task twice: 'after' re-POSTs each request once the first delivery answered (a
   * lost acknowledgement); 'concurrent' sends the copy at the same time.
   */
  duplicate?: 'after' | 'concurrent';
  /**
   * Scales the queue's clock (default 0.001): retry backoffs, and how far ahead tasks are scheduled
   * (a watchdog due in 11 minutes runs after 0.66 s). 1 runs in real time (the benchmark).
   */
  timeScale?: number;
  /** Pipeline settings over the configured ones (e.g. a short LLM budget). */
  settings?: Partial<PipelineSettings>;
  /**
   * Serve no worker here: tasks go to this URL, where the test serves the worker itself (another
   * process). `deps` are still built, for admission and reading back.
   */
  workerUrl?: string;
  /** The transport under the Anthropic SDK (the benchmark times model calls with it). */
  llmFetch?: typeof fetch;
  logger?: Logger;
}

export interface PipelineStack {
  deps: WorkerDeps;
  llm: LlmLayer;
  model: ModelServer;
  tasks: TasksServer;
  issuer: LocalIssuer;
  workerUrl: string;
  /** The environment and configuration the worker was built from (a second worker or the api can use them). */
  env: Env;
  config: Config & { pipeline: PipelineConfig };
  /** A teacher with room in their quota; admits an assignment. */
  admit(input: AdmissionInput): ReturnType<typeof admitAssignment>;
  /** Resolves once no task is queued or running and every duplicate delivery has answered. */
  settled(): Promise<void>;
  /** How many duplicate deliveries were sent. */
  duplicates(): number;
  close(): Promise<void>;
}

const DEFAULT_ENV: Env = {
  GRADEBOT_ENV: 'test',
  QUOTA_FREE_PER_MONTH: '1000',
  // Task-level retries are what these tests exercise; the SDK's own would only slow them down.
  LLM_MAX_RETRIES: '0',
  LLM_BREAKER_FAILURES: '1000',
  TASKS_MAX_ATTEMPTS: '10',
  TASKS_MAX_CONCURRENT_DISPATCHES: '50',
  TASKS_MAX_DISPATCHES_PER_SECOND: '500',
  // Fan-out at once: the cache lead is a cost optimisation these tests do not measure.
  PIPELINE_CACHE_LEAD_MS: '0',
};

export async function startPipelineStack(opts: PipelineStackOptions): Promise<PipelineStack> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    const issuer = await startLocalIssuer({ port: 0 });
    closers.push(() => issuer.close());
    const model = await startModelServer({ port: 0, ...opts.model });
    closers.push(() => model.close());
    const timeScale = opts.timeScale ?? 0.001;
    const tasksLog: TasksServerLog | undefined = opts.logger ? { info: (m, f) => opts.logger!.info(m, f), warn: (m, f) => opts.logger!.warn(m, f) } : undefined;
    const tasks = await startTasksServer({ port: 0, signOidcToken: issuer.signOidcToken, timeScale, scheduleScale: timeScale, log: tasksLog });
    closers.push(() => tasks.close());

    // The worker listens first (its URL is configuration); the handler is set once deps exist.
    const name = `worker-${randomUUID()}`;
    let hosted: ((req: Request, res: Response) => Promise<void>) | undefined;
    let workerUrl = '';
    const inFlight = new Set<Promise<unknown>>();
    let duplicates = 0;
    http(name, async (req, res) => {
      const copy = opts.duplicate && !req.get('x-test-duplicate') ? () => redeliver(req) : undefined;
      if (copy && opts.duplicate === 'concurrent') copy();
      await hosted!(req, res);
      if (copy && opts.duplicate === 'after') copy();
    });
    const redeliver = (req: Request) => {
      duplicates++;
      const headers: Record<string, string> = { 'x-test-duplicate': '1' };
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k)) headers[k] = v;
      const p = fetch(`${workerUrl}${req.path}`, { method: 'POST', headers, body: new Uint8Array((req as { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0)) }).then((r) => r.arrayBuffer());
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    };
    if (opts.workerUrl) workerUrl = opts.workerUrl;
    else {
      const server: Server = getTestServer(name);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      closers.push(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
      workerUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    }

    const env: Env = {
      ...DEFAULT_ENV,
      GCP_PROJECT_ID: `pipeline-${randomUUID().slice(0, 8)}`,
      WORKER_URL: workerUrl,
      TASKS_EMULATOR_HOST: tasks.address,
      AUTH_ISSUERS: issuer.url,
      AUTH_CERTS_URL: `${issuer.url}/oauth2/v1/certs`,
      ANTHROPIC_BASE_URL: model.url,
      ...opts.env,
    };
    const config = { ...loadConfig(env), pipeline: loadPipelineConfig(env) };
    const logger = opts.logger ?? silentLogger;
    const base = buildDeps(config, { db: opts.db, logger });
    const tasksClient = createTasksClient(config.tasks);
    closers.push(() => tasksClient.close());
    await ensureQueue(tasksClient, config.tasks);
    const llm = createPipelineLlm({ config: config.llm, paths: base.paths, logger, fetch: opts.llmFetch });
    closers.push(async () => llm.close());
    const deps: WorkerDeps = { db: base.db, paths: base.paths, logger, now: base.now, queue: base.queue, settings: { ...pipelineSettings(config), ...opts.settings }, llm: llm.client, verifyToken: base.verifyToken, hooks: opts.hooks };
    hosted = hostFunction(createWorkerHandler(deps), { name: 'worker', logger, projectId: config.projectId });

    const settled = async () => {
      // Duplicates can queue more tasks and tasks can send more duplicates: wait until both are quiet.
      for (;;) {
        await tasks.idle();
        if (inFlight.size === 0) return;
        await Promise.allSettled([...inFlight]);
      }
    };
    return {
      deps,
      llm,
      model,
      tasks,
      issuer,
      workerUrl,
      env,
      config,
      async admit(input) {
        await ensureUser(deps.paths, { id: input.user.id, email: `${input.user.id}@school.example`, timeZone: 'UTC' }, deps.now());
        return admitAssignment(deps, input);
      },
      settled,
      duplicates: () => duplicates,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
