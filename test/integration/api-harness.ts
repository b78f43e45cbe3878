import type { Server } from 'node:http';
import type { Firestore } from '@google-cloud/firestore';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import type { CloudTasksClient } from '@google-cloud/tasks';
import { createApiServices } from '../../cloud/api/api-services';
import { createApiHandler } from '../../cloud/api/create-api-handler';
import { createBillingService } from '../../cloud/billing/checkout';
import { loadConfig } from '../../cloud/config';
import { type ApiConfig, loadApiConfig } from '../../cloud/config/api';
import { LOCAL_STRIPE_SECRET_KEY, LOCAL_STRIPE_WEBHOOK_SECRET } from '../../cloud/config/billing';
import type { Env } from '../../cloud/config/env';
import { loadPipelineConfig } from '../../cloud/config/pipeline';
import { buildDeps, type Deps } from '../../cloud/deps';
import { hostFunction } from '../../cloud/http/function-host';
import { silentLogger } from '../../cloud/log';
import { pipelineSettings } from '../../cloud/pipeline/context';
import type { Paths } from '../../cloud/store/paths';
import { ensureQueue } from '../../cloud/tasks/ensure-queue';
import { createTaskQueue } from '../../cloud/tasks/task-queue';
import { createTasksClient } from '../../cloud/tasks/tasks-client';
import { freePort } from '../../dev/free-port';
import { type IdTokenClaims, type LocalIssuer, startLocalIssuer } from '../../dev/issuer/local-issuer';
import { type StripeServer, startStripeServer } from '../../dev/stripe-server/server';
import { startTasksServer, type TasksServer } from '../../dev/tasks-server/tasks-server';
import type { CreateAssignmentRequestInput } from '../../shared/api';
import { recordWorkGraded } from '../../cloud/stats/record';
import { testFirestore, uniqueProjectId } from '../support/firestore';
import { aRubric, aStudentWork, aSummary } from '../support/fixtures';

/**
 * The `api` function served for real: functions-framework's server (its body parsing and limits),
 * the host wrapper, the Firestore emulator, tokens from the local issuer, the pipeline's admission
 * against the local Cloud Tasks server (queue paused, so tasks stay listable and no worker runs),
 * and billing against the local Stripe stand-in.
 */

export const AUDIENCE = 'gradebot-addon.api-tests';

export interface Reply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  token?: string;
  /** Sent as JSON unless `raw` is given. */
  body?: unknown;
  raw?: string | Buffer;
  headers?: Record<string, string>;
}

export interface ApiHarness {
  url: string;
  db: Firestore;
  paths: Paths;
  deps: Deps & { config: Deps['config'] & { api: ApiConfig } };
  issuer: LocalIssuer;
  tasksClient: CloudTasksClient;
  queuePath: string;
  stripe: StripeServer;
  /** The clock the API reads; tests may move it (`clock.set`). */
  clock: { now: () => Date; set(at: Date | undefined): void };
  /** A valid ID token for a teacher (`sub`), with claims overridden. */
  token(sub: string, over?: Partial<IdTokenClaims>): string;
  call<T = unknown>(method: string, path: string, opts?: CallOptions): Promise<Reply<T>>;
  close(): Promise<void>;
}

let serial = 0;

export async function startApiHarness(opts: { env?: Env } = {}): Promise<ApiHarness> {
  const projectId = uniqueProjectId('api');
  const db = testFirestore(projectId);
  const issuer = await startLocalIssuer({ port: 0 });
  const tasks: TasksServer = await startTasksServer({ port: 0, signOidcToken: issuer.signOidcToken });
  const [apiPort, stripePort] = await Promise.all([freePort(), freePort()]);
  const stripe = await startStripeServer({ port: stripePort, secretKey: LOCAL_STRIPE_SECRET_KEY, webhookSecret: LOCAL_STRIPE_WEBHOOK_SECRET });

  const env: Env = {
    GRADEBOT_ENV: 'test',
    GCP_PROJECT_ID: projectId,
    AUTH_ISSUERS: issuer.url,
    AUTH_CERTS_URL: `${issuer.url}/oauth2/v1/certs`,
    ADDON_OAUTH_CLIENT_ID: AUDIENCE,
    TASKS_EMULATOR_HOST: tasks.address,
    API_PORT: String(apiPort),
    STRIPE_PORT: String(stripePort),
    ...opts.env,
  };
  const base = loadConfig(env);
  const config = { ...base, api: loadApiConfig(env, base) };

  let fixed: Date | undefined;
  const clock = { now: () => fixed ?? new Date(), set: (at: Date | undefined) => (fixed = at) };
  const deps = { ...buildDeps(config, { db, logger: silentLogger, now: () => clock.now() }), config };

  const tasksClient = createTasksClient(config.tasks);
  await ensureQueue(tasksClient, config.tasks);
  await tasksClient.pauseQueue({ name: config.tasks.queuePath });
  const queue = createTaskQueue({ client: tasksClient, queuePath: config.tasks.queuePath, serviceAccountEmail: config.tasks.serviceAccountEmail, audience: config.tasks.workerUrl });
  const settings = pipelineSettings({ ...config, pipeline: loadPipelineConfig(env) });
  const services = createApiServices({
    admission: { db, paths: deps.paths, logger: silentLogger, now: deps.now, queue, settings },
    billing: createBillingService({ stripe: deps.stripe, paths: deps.paths, config: config.billing, now: deps.now }),
  });

  const name = `apiSuite${++serial}`;
  http(name, hostFunction(createApiHandler(deps, services), { name: 'api', logger: silentLogger, projectId }));
  const server: Server = getTestServer(name);
  await new Promise<void>((resolve) => server.listen(apiPort, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${apiPort}`;

  return {
    url,
    db,
    paths: deps.paths,
    deps,
    issuer,
    tasksClient,
    queuePath: config.tasks.queuePath,
    stripe,
    clock,
    token: (sub, over = {}) => issuer.signIdToken({ sub, email: `${sub}@school.test`, aud: AUDIENCE, ...over }),
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token !== undefined) headers.authorization = `Bearer ${o.token}`;
      let body: string | Buffer | undefined;
      if (o.raw !== undefined) body = o.raw;
      else if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${url}${path}`, { method, headers, body: body as BodyInit | undefined });
      const text = await res.text();
      let parsed: unknown = text;
      if (res.headers.get('content-type')?.includes('json')) parsed = JSON.parse(text);
      return { status: res.status, headers: res.headers, body: parsed as never, text };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await tasksClient.close();
      await tasks.close();
      await stripe.close();
      await issuer.close();
      await db.terminate();
    },
  };
}

/** A Google Doc id as the Picker would give (distinct per seed). */
export function docId(seed: string): string {
  return `doc${seed.replace(/[^A-Za-z0-9]/g, '')}`.padEnd(24, 'x');
}

/** A valid create request with `n` Docs; override what a test cares about. */
export function createBody(n: number, over: Partial<CreateAssignmentRequestInput> = {}): CreateAssignmentRequestInput {
  return {
    clientRequestId: `req-${Math.random().toString(36).slice(2, 12)}`,
    title: 'Later school start: persuasive essay',
    subject: 'English',
    gradeLevel: 'Grade 8',
    instructions: 'Argue for or against a later school start time, with evidence.',
    rubricMode: 'generate',
    pastedRubric: null,
    feedbackTone: 'encouraging',
    documents: Array.from({ length: n }, (_, i) => ({
      googleDocId: docId(`student${i}`),
      title: `Student ${i + 1}`,
      url: `https://docs.google.com/document/d/${docId(`student${i}`)}/edit`,
      text: `Schools should start later because teenagers need more sleep. Student ${i + 1} argues this.`,
    })),
    ...over,
  };
}

/**
 * Plays the pipeline's part for API tests: stores a rubric, feedback on the given works (marked
 * completed, counted in the stats in the same batch as the pipeline does) and optionally the
 * class summary, completing the assignment when every work is done.
 */
export async function seedGraded(h: ApiHarness, assignmentId: string, workIds: string[], opts: { summary?: boolean; at?: Date; timeZone?: string } = {}): Promise<void> {
  const at = opts.at ?? h.clock.now();
  const batch = h.db.batch();
  const a = (await h.paths.assignment(assignmentId).get()).data()!;
  const works = a.works.map((w) => (workIds.includes(w.id) ? { ...w, status: 'completed' as const, failureReason: null } : w));
  const completed = works.filter((w) => w.status === 'completed').length;
  const allDone = works.every((w) => w.status === 'completed' || w.status === 'failed');
  const summaryDone = Boolean(opts.summary && allDone);
  batch.set(h.paths.assignment(assignmentId), {
    ...a,
    rubric: aRubric(),
    works,
    status: summaryDone ? 'complete' : 'processing',
    progress: { ...a.progress, completed, rubricDone: true, summaryDone },
    totalProcessingMs: summaryDone ? 120_000 : null,
    completedAt: summaryDone ? at : null,
  });
  for (const id of workIds) {
    const w = (await h.paths.work(assignmentId, id).get()).data()!;
    batch.set(h.paths.work(assignmentId, id), { ...w, status: 'completed', feedback: aStudentWork().feedback, completedAt: at, updatedAt: at });
    await recordWorkGraded(batch, h.paths, { userId: a.userId, timeZone: opts.timeZone ?? 'UTC', at });
  }
  if (summaryDone) batch.set(h.paths.summary(assignmentId), { ...aSummary({ assignmentId, studentWorkCount: works.length }), createdAt: at, updatedAt: at });
  await batch.commit();
}
