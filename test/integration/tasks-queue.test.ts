import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { CloudTasksClient } from '@google-cloud/tasks';
import { loadCoreConfig } from '../../cloud/config/core';
import { loadTasksConfig, type TasksConfig } from '../../cloud/config/tasks';
import { ensureQueue } from '../../cloud/tasks/ensure-queue';
import { taskIdFor } from '../../cloud/tasks/task-id';
import { createTaskQueue } from '../../cloud/tasks/task-queue';
import { createTasksClient } from '../../cloud/tasks/tasks-client';
import { startTasksServer, type TasksServer } from '../../dev/tasks-server/tasks-server';

/** The backend's queue code (config → client → ensureQueue → enqueue) against the local server. */

interface Hit {
  headers: IncomingHttpHeaders;
  body: string;
}

let tasks: TasksServer;
let client: CloudTasksClient;
let config: TasksConfig;
let workerUrl: string;
const hits: Hit[] = [];
const worker = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    hits.push({ headers: req.headers, body });
    res.writeHead(204).end();
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => worker.listen(0, '127.0.0.1', resolve));
  workerUrl = `http://127.0.0.1:${(worker.address() as { port: number }).port}`;
  // Unsigned stand-in tokens: this file tests our queue code; the server tests verify real ones.
  tasks = await startTasksServer({ port: 0, signOidcToken: ({ audience, serviceAccountEmail }) => `token(${serviceAccountEmail}|${audience})`, timeScale: 0.001 });
  const env = { TASKS_EMULATOR_HOST: tasks.address, WORKER_URL: workerUrl, TASKS_MAX_ATTEMPTS: '4' };
  config = loadTasksConfig(env, loadCoreConfig(env));
  client = createTasksClient(config);
});

afterAll(async () => {
  await client.close();
  await tasks.close();
  worker.closeAllConnections();
  await new Promise<void>((resolve) => worker.close(() => resolve()));
});

test('ensureQueue creates the queue with the configured policy and later updates it in place', async () => {
  await ensureQueue(client, config);
  const [queue] = await client.getQueue({ name: config.queuePath });
  expect(queue.retryConfig).toMatchObject({ maxAttempts: 4, maxDoublings: 4, minBackoff: { seconds: '5' }, maxBackoff: { seconds: '300' } });
  expect(queue.rateLimits).toMatchObject({ maxConcurrentDispatches: 35, maxDispatchesPerSecond: 35 });

  await ensureQueue(client, { ...config, retry: { ...config.retry, maxAttempts: 6 } });
  const [updated] = await client.getQueue({ name: config.queuePath });
  expect(updated.retryConfig?.maxAttempts).toBe(6);
  const [all] = await client.listQueues({ parent: `projects/${config.projectId}/locations/${config.location}` });
  expect(all.map((q) => q.name)).toEqual([config.queuePath]);
});

test('enqueue sends the JSON payload to the worker with the service account token; a repeat is a duplicate', async () => {
  await ensureQueue(client, config);
  const queue = createTaskQueue({ client, queuePath: config.queuePath, serviceAccountEmail: config.serviceAccountEmail, audience: config.workerUrl });
  const req = { name: 'feedback:a1:w1', url: `${workerUrl}/tasks/feedback`, payload: { assignmentId: 'a1', workId: 'w1' } };

  expect(await queue.enqueue(req)).toBe('created');
  expect(await queue.enqueue(req)).toBe('duplicate');
  await tasks.idle();
  // Still a duplicate after it ran: the name stays taken, so a redelivered fan-out cannot re-grade.
  expect(await queue.enqueue(req)).toBe('duplicate');

  expect(hits).toHaveLength(1);
  const [hit] = hits;
  expect(JSON.parse(hit!.body)).toEqual(req.payload);
  expect(hit!.headers['content-type']).toBe('application/json');
  expect(hit!.headers.authorization).toBe(`Bearer token(${config.serviceAccountEmail}|${workerUrl})`);
  expect(hit!.headers['x-cloudtasks-taskname']).toBe(taskIdFor(req.name));
  expect(hit!.headers['x-cloudtasks-queuename']).toBe(config.queue);
});

test('enqueue passes scheduleTime through: the task is dispatched with that ETA', async () => {
  const queue = createTaskQueue({ client, queuePath: config.queuePath, serviceAccountEmail: config.serviceAccountEmail });
  const at = new Date(Date.now() + 300);
  hits.length = 0;
  expect(await queue.enqueue({ name: 'summary:a2', url: `${workerUrl}/tasks/summary`, payload: {}, scheduleTime: at })).toBe('created');
  await tasks.idle();
  expect(Number(hits[0]!.headers['x-cloudtasks-tasketa']) * 1000).toBeCloseTo(at.getTime(), 0);
  // Default audience: the task URL.
  expect(hits[0]!.headers.authorization).toBe(`Bearer token(${config.serviceAccountEmail}|${workerUrl}/tasks/summary)`);
});

test('createTask is retried on UNAVAILABLE (safe for named tasks); other errors are thrown', async () => {
  // A front that answers the first createTask with UNAVAILABLE and forwards the rest.
  let calls = 0;
  const front = createServer((req, res) => {
    calls++;
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', async () => {
      if (calls === 1) {
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 503, message: 'try later', status: 'UNAVAILABLE' } }));
        return;
      }
      const upstream = await fetch(`${tasks.url}${req.url}`, { method: req.method, headers: { 'content-type': 'application/json' }, body: body || undefined });
      res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text());
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const viaFront = createTasksClient({ emulatorHost: `127.0.0.1:${(front.address() as { port: number }).port}` });
  try {
    const queue = createTaskQueue({ client: viaFront, queuePath: config.queuePath, serviceAccountEmail: config.serviceAccountEmail, retryDelaysMs: [1, 1] });
    expect(await queue.enqueue({ name: 'rubric:a3', url: `${workerUrl}/tasks/rubric`, payload: {} })).toBe('created');
    expect(calls).toBe(2);

    const missing = createTaskQueue({ client: viaFront, queuePath: `${config.queuePath}-missing`, serviceAccountEmail: config.serviceAccountEmail, retryDelaysMs: [1, 1] });
    await expect(missing.enqueue({ name: 'x', url: workerUrl, payload: {} })).rejects.toMatchObject({ code: 5 });
    expect(calls).toBe(3);
  } finally {
    await viaFront.close();
    front.closeAllConnections();
    await new Promise<void>((resolve) => front.close(() => resolve()));
  }
  await tasks.idle();
});

test('taskIdFor: deterministic, within Cloud Tasks charset and length, and never merges two keys', () => {
  const keys = ['feedback:a1:w1', 'feedback_3aa1_3aw1', 'feedback-a1-w1', 'Feedback:a1:w1', 'é/ü id', 'x'.repeat(2000), `${'x'.repeat(2000)}y`];
  const ids = keys.map(taskIdFor);
  expect(new Set(ids).size).toBe(keys.length);
  for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,500}$/);
  expect(taskIdFor('feedback:a1:w1')).toBe(ids[0]);
  expect(ids[0]).toMatch(/^[0-9a-f]{8}-feedback_3aa1_3aw1$/);
  expect(() => taskIdFor('')).toThrow();
});
