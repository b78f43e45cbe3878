import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { CloudTasksClient } from '@google-cloud/tasks';
import { createTokenVerifier } from '../../cloud/auth/verify-token';
import { createTasksClient } from '../../cloud/tasks/tasks-client';
import { startLocalIssuer, type LocalIssuer } from '../../dev/issuer/local-issuer';
import { backoffMs, DEFAULT_RETRY } from '../../dev/tasks-server/queue-config';
import { startTasksServer, type TasksServer } from '../../dev/tasks-server/tasks-server';

/** The real client against the local server; an in-test HTTP target records what arrives. */

const PROJECT = 'p-test';
const LOCATION = 'us-central1';
const SA = 'tasks@p-test.iam.gserviceaccount.com';

interface Hit {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

type Respond = (hit: Hit, previous: Hit[]) => number | { status: number; delayMs?: number; headers?: Record<string, string> };

/** An HTTP target: records every request; `respond` picks the status (per path). */
async function startTarget() {
  const hits: Hit[] = [];
  const handlers = new Map<string, Respond>();
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = req.url ?? '';
    inFlight.set(path, (inFlight.get(path) ?? 0) + 1);
    maxInFlight.set(path, Math.max(maxInFlight.get(path) ?? 0, inFlight.get(path)!));
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const hit: Hit = { path, headers: req.headers, body, at: Date.now() };
      const previous = hits.filter((h) => h.path === hit.path);
      hits.push(hit);
      const r = (handlers.get(hit.path) ?? (() => 200))(hit, previous);
      const { status, delayMs = 0, headers = {} } = typeof r === 'number' ? { status: r } : r;
      setTimeout(() => {
        inFlight.set(path, inFlight.get(path)! - 1);
        if (!res.destroyed) res.writeHead(status, headers).end('ok');
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    on: (path: string, respond: Respond) => handlers.set(path, respond),
    hits: (path: string) => hits.filter((h) => h.path === path),
    maxInFlight: (path: string) => maxInFlight.get(path) ?? 0,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let issuer: LocalIssuer;
let tasks: TasksServer;
let client: CloudTasksClient;
let target: Awaited<ReturnType<typeof startTarget>>;
const queuePath = (q: string) => `projects/${PROJECT}/locations/${LOCATION}/queues/${q}`;
const taskPath = (q: string, t: string) => `${queuePath(q)}/tasks/${t}`;
const header = (h: Hit, name: string) => h.headers[name.toLowerCase()] as string | undefined;
const codeOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: { code?: number }) => e.code);

beforeAll(async () => {
  issuer = await startLocalIssuer({ port: 0 });
  target = await startTarget();
  tasks = await startTasksServer({
    port: 0,
    signOidcToken: issuer.signOidcToken,
    // Backoff runs 1000x faster; the delays the queue chooses are still asserted in nominal units.
    timeScale: 0.001,
    dispatchDeadlineMs: 300,
    queues: [
      { name: queuePath('retrying'), retry: { maxAttempts: 5, minBackoffMs: 1000, maxBackoffMs: 10_000, maxDoublings: 2 } },
      { name: queuePath('three-tries'), retry: { maxAttempts: 3, minBackoffMs: 100, maxBackoffMs: 1000 } },
      { name: queuePath('plain') },
    ],
  });
  client = createTasksClient({ emulatorHost: tasks.address });
});

afterAll(async () => {
  await client.close();
  await tasks.close();
  await target.close();
  await issuer.close();
});

const httpTask = (path: string, extra: Record<string, unknown> = {}) => ({
  url: target.url(path),
  httpMethod: 'POST' as const,
  headers: { 'Content-Type': 'application/json' },
  body: Buffer.from(JSON.stringify({ path })),
  oidcToken: { serviceAccountEmail: SA },
  ...extra,
});

test('a task arrives with Cloud Tasks headers and a verifiable OIDC token; counts move with each retry', async () => {
  const audience = 'https://worker.example';
  target.on('/headers', (_h, prev) => [500, 429, 200][prev.length]!);
  await client.createTask({
    parent: queuePath('retrying'),
    task: { name: taskPath('retrying', 'hdr-1'), httpRequest: httpTask('/headers', { oidcToken: { serviceAccountEmail: SA, audience } }) },
  });
  await tasks.idle();

  const hits = target.hits('/headers');
  expect(hits).toHaveLength(3);
  expect(hits.map((h) => header(h, 'X-CloudTasks-QueueName'))).toEqual(['retrying', 'retrying', 'retrying']);
  expect(hits.map((h) => header(h, 'X-CloudTasks-TaskName'))).toEqual(['hdr-1', 'hdr-1', 'hdr-1']);
  expect(hits.map((h) => header(h, 'X-CloudTasks-TaskRetryCount'))).toEqual(['0', '1', '2']);
  // Execution count: responses from the handler that were not 5xx.
  expect(hits.map((h) => header(h, 'X-CloudTasks-TaskExecutionCount'))).toEqual(['0', '0', '1']);
  expect(hits.map((h) => header(h, 'X-CloudTasks-TaskPreviousResponse'))).toEqual([undefined, '500', '429']);
  for (const h of hits) {
    expect(header(h, 'X-CloudTasks-TaskETA')).toMatch(/^\d{10}\.\d{6}$/);
    expect(header(h, 'User-Agent')).toBe('Google-Cloud-Tasks');
    expect(header(h, 'Content-Type')).toBe('application/json');
    expect(JSON.parse(h.body)).toEqual({ path: '/headers' });
  }

  const verify = createTokenVerifier({ issuers: [issuer.url], certsUrl: `${issuer.url}/oauth2/v1/certs` });
  for (const h of hits) {
    const [scheme, token] = (header(h, 'Authorization') ?? '').split(' ');
    expect(scheme).toBe('Bearer');
    const who = await verify(token, { audience });
    expect(who.email).toBe(SA);
  }
});

test('without an explicit audience the token is for the target URL, as Cloud Tasks does', async () => {
  await client.createTask({ parent: queuePath('plain'), task: { httpRequest: httpTask('/default-aud') } });
  await tasks.idle();
  const [hit] = target.hits('/default-aud');
  const token = (header(hit!, 'Authorization') ?? '').replace('Bearer ', '');
  const verify = createTokenVerifier({ issuers: [issuer.url], certsUrl: `${issuer.url}/oauth2/v1/certs` });
  await expect(verify(token, { audience: target.url('/default-aud') })).resolves.toMatchObject({ email: SA });
  await expect(verify(token, { audience: 'https://someone-else' })).rejects.toThrow();
});

test('500s are retried with growing backoff until the attempt that succeeds', async () => {
  target.on('/flaky', (_h, prev) => (prev.length < 4 ? 500 : 200));
  const name = taskPath('retrying', 'flaky-1');
  await client.createTask({ parent: queuePath('retrying'), task: { name, httpRequest: httpTask('/flaky') } });
  await tasks.idle();

  const st = tasks.stats().tasks[name]!;
  expect(st.outcomes).toEqual([500, 500, 500, 500, 200]);
  expect(st.status).toBe('completed');
  // min 1s, doubled twice, then linear: 1, 2, 4, 8 (cap 10).
  expect(st.backoffsMs).toEqual([1000, 2000, 4000, 8000]);

  const hits = target.hits('/flaky');
  const eta = hits.map((h) => Number(header(h, 'X-CloudTasks-TaskETA')) * 1000);
  for (let i = 1; i < hits.length; i++) {
    // Never dispatched before its ETA, and the ETA is at least the (scaled) backoff after the failure.
    expect(hits[i]!.at).toBeGreaterThanOrEqual(Math.floor(eta[i]!));
    expect(eta[i]! - hits[i - 1]!.at).toBeGreaterThanOrEqual(st.backoffsMs[i - 1]! * 0.001);
  }
  // A completed task is gone.
  expect(await codeOf(client.getTask({ name }))).toBe(5);
});

test('maxAttempts is respected: no attempt after the last one, and the task is dropped', async () => {
  target.on('/always-503', () => 503);
  const name = taskPath('three-tries', 'doomed');
  await client.createTask({ parent: queuePath('three-tries'), task: { name, httpRequest: httpTask('/always-503') } });
  await tasks.idle();
  // Longer than any backoff this queue could choose (scaled): nothing else arrives.
  await new Promise((r) => setTimeout(r, 50));

  expect(target.hits('/always-503')).toHaveLength(3);
  expect(tasks.stats().tasks[name]).toMatchObject({ attempts: 3, status: 'failed' });
  expect(tasks.stats().failedPermanently).toBeGreaterThanOrEqual(1);
  expect(await codeOf(client.getTask({ name }))).toBe(5);
});

test('an unreachable target and a missed deadline count as failed attempts and are retried', async () => {
  target.on('/slow-once', (_h, prev) => (prev.length === 0 ? { status: 200, delayMs: 1000 } : 200));
  const slow = taskPath('three-tries', 'slow');
  const closed = taskPath('three-tries', 'refused');
  await client.createTask({ parent: queuePath('three-tries'), task: { name: slow, httpRequest: httpTask('/slow-once') } });
  // Port 1 on loopback refuses connections.
  await client.createTask({ parent: queuePath('three-tries'), task: { name: closed, httpRequest: { ...httpTask('/x'), url: 'http://127.0.0.1:1/x' } } });
  await tasks.idle();

  expect(tasks.stats().tasks[slow]!.outcomes).toEqual(['no-response', 200]);
  const second = target.hits('/slow-once')[1]!;
  expect(header(second, 'X-CloudTasks-TaskRetryCount')).toBe('1');
  expect(header(second, 'X-CloudTasks-TaskExecutionCount')).toBe('0');
  expect(tasks.stats().tasks[closed]).toMatchObject({ attempts: 3, status: 'failed', outcomes: ['no-response', 'no-response', 'no-response'] });
});

test('a scheduled task waits for its scheduleTime; one without runs first', async () => {
  const when = Date.now() + 1500;
  const later = taskPath('plain', 'later');
  const order: string[] = [];
  target.on('/later', () => (order.push('later'), 200));
  target.on('/now', () => (order.push('now'), 200));
  await client.createTask({
    parent: queuePath('plain'),
    task: { name: later, scheduleTime: { seconds: Math.floor(when / 1000), nanos: (when % 1000) * 1e6 }, httpRequest: httpTask('/later') },
  });
  await client.createTask({ parent: queuePath('plain'), task: { httpRequest: httpTask('/now') } });

  const [waiting] = await client.getTask({ name: later });
  expect(waiting.dispatchCount).toBe(0);
  expect(Number(waiting.scheduleTime?.seconds) * 1000 + (waiting.scheduleTime?.nanos ?? 0) / 1e6).toBe(when);
  await tasks.idle();

  expect(order).toEqual(['now', 'later']);
  const [hit] = target.hits('/later');
  expect(Number(header(hit!, 'X-CloudTasks-TaskETA')) * 1000).toBeCloseTo(when, 0);
  expect(hit!.at).toBeGreaterThanOrEqual(when);
});

test('scheduleScale runs the queue clock faster for scheduled tasks too: 10 minutes ahead takes 0.6 s, the stats keep the nominal distance', async () => {
  const fast = await startTasksServer({ port: 0, signOidcToken: issuer.signOidcToken, timeScale: 0.001, scheduleScale: 0.001, queues: [{ name: queuePath('fast') }] });
  const fastClient = createTasksClient({ emulatorHost: fast.address });
  try {
    target.on('/scaled', () => 200);
    const created = Date.now();
    const when = created + 600_000;
    const name = taskPath('fast', 'scaled');
    await fastClient.createTask({ parent: queuePath('fast'), task: { name, scheduleTime: { seconds: Math.floor(when / 1000), nanos: (when % 1000) * 1e6 }, httpRequest: httpTask('/scaled') } });
    await fast.idle();
    const st = fast.stats().tasks[name]!;
    expect(st.scheduledAheadMs).toBeGreaterThan(590_000);
    expect(st.scheduledAheadMs).toBeLessThanOrEqual(600_000);
    const [d] = st.dispatches;
    // Scaled: due ~0.6 s after creation, and not dispatched before that ETA.
    expect(d!.etaMs).toBeLessThan(when);
    expect(d!.etaMs).toBeGreaterThanOrEqual(created + 590);
    expect(d!.dispatchedAtMs).toBeGreaterThanOrEqual(d!.etaMs);
    const [hit] = target.hits('/scaled');
    expect(Number(header(hit!, 'X-CloudTasks-TaskETA')) * 1000).toBeCloseTo(d!.etaMs, 0);
  } finally {
    await fastClient.close();
    await fast.close();
  }
});

test('no more than maxConcurrentDispatches requests are in flight at the target', async () => {
  const parent = queuePath('narrow');
  await client.createQueue({ parent: `projects/${PROJECT}/locations/${LOCATION}`, queue: { name: parent, rateLimits: { maxConcurrentDispatches: 3 } } });
  // Paused while filling, so all twelve are due at once when it resumes.
  await client.pauseQueue({ name: parent });
  target.on('/held', () => ({ status: 200, delayMs: 40 }));
  for (let i = 0; i < 12; i++) await client.createTask({ parent, task: { httpRequest: httpTask('/held') } });
  const [listed] = await client.listTasks({ parent }, { autoPaginate: false });
  expect(listed).toHaveLength(12);
  await client.resumeQueue({ name: parent });
  await tasks.idle();

  expect(target.hits('/held')).toHaveLength(12);
  expect(target.maxInFlight('/held')).toBe(3);
});

test('a named task is de-duplicated with ALREADY_EXISTS while queued and after it ran or was deleted', async () => {
  const parent = queuePath('plain');
  const future = Date.now() + 60_000;
  const queued = taskPath('plain', 'dedup-queued');
  const task = (path: string) => ({ httpRequest: httpTask(path), scheduleTime: { seconds: Math.floor(future / 1000) } });

  await client.createTask({ parent, task: { name: queued, ...task('/never') } });
  expect(await codeOf(client.createTask({ parent, task: { name: queued, ...task('/never') } }))).toBe(6);

  await client.deleteTask({ name: queued });
  expect(await codeOf(client.getTask({ name: queued }))).toBe(5);
  expect(await codeOf(client.createTask({ parent, task: { name: queued, ...task('/never') } }))).toBe(6);

  const ran = taskPath('plain', 'dedup-ran');
  await client.createTask({ parent, task: { name: ran, httpRequest: httpTask('/ran') } });
  await tasks.idle();
  expect(await codeOf(client.createTask({ parent, task: { name: ran, httpRequest: httpTask('/ran') } }))).toBe(6);
  expect(target.hits('/ran')).toHaveLength(1);
  expect(target.hits('/never')).toHaveLength(0);
});

test('the API rejects what Cloud Tasks rejects', async () => {
  const parent = queuePath('plain');
  expect(await codeOf(client.createTask({ parent: queuePath('missing'), task: { httpRequest: httpTask('/x') } }))).toBe(5);
  expect(await codeOf(client.createTask({ parent, task: { name: `${parent}/tasks/bad:id`, httpRequest: httpTask('/x') } }))).toBe(3);
  expect(await codeOf(client.createTask({ parent, task: { name: `${queuePath('other')}/tasks/x`, httpRequest: httpTask('/x') } }))).toBe(3);
  expect(await codeOf(client.createTask({ parent, task: {} }))).toBe(3);
  expect(await codeOf(client.createTask({ parent, task: { httpRequest: httpTask('/x'), dispatchDeadline: { seconds: 5 } } }))).toBe(3);
  expect(await codeOf(client.createQueue({ parent: `projects/${PROJECT}/locations/${LOCATION}`, queue: { name: parent } }))).toBe(6);
});

test('backoff follows Cloud Tasks\' documented sequence: doublings, then linear, then the cap', () => {
  const retry = { ...DEFAULT_RETRY, minBackoffMs: 10_000, maxBackoffMs: 300_000, maxDoublings: 3 };
  expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffMs(retry, n) / 1000)).toEqual([10, 20, 40, 80, 160, 240, 300, 300]);
  expect(backoffMs({ ...retry, maxDoublings: 0 }, 3)).toBe(30_000);
});

test('Retry-After from the target stretches the next delay (up to maxBackoff)', async () => {
  target.on('/busy', (_h, prev) => (prev.length === 0 ? { status: 429, headers: { 'Retry-After': '5' } } : 200));
  const name = taskPath('retrying', 'busy');
  await client.createTask({ parent: queuePath('retrying'), task: { name, httpRequest: httpTask('/busy') } });
  await tasks.idle();
  expect(tasks.stats().tasks[name]).toMatchObject({ outcomes: [429, 200], backoffsMs: [5000] });
});

test('runTask dispatches a scheduled task now', async () => {
  const name = taskPath('plain', 'run-now');
  const future = Math.floor(Date.now() / 1000) + 3600;
  await client.createTask({ parent: queuePath('plain'), task: { name, scheduleTime: { seconds: future }, httpRequest: httpTask('/run-now') } });
  await client.runTask({ name });
  await tasks.idle();
  expect(target.hits('/run-now')).toHaveLength(1);
});
