import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CloudTasksClient } from '@google-cloud/tasks';
import { createTasksClient } from '../../cloud/tasks/tasks-client';
import { freePort } from '../../dev/free-port';
import { startLocalIssuer, type LocalIssuer } from '../../dev/issuer/local-issuer';
import { startTasksServer, type TasksServerOptions } from '../../dev/tasks-server/tasks-server';

/**
 * Cloud Tasks keeps its queue through anything that happens to us; the local server must too, or
 * a restart of `npm start` while feedback is in flight leaves the assignment "processing" forever.
 * With `statePath` the queue (tasks, their counts and schedule, names still taken, queue state)
 * survives a stop and start; an attempt cut off by the stop is retried after it.
 */

const QUEUE = 'projects/p-restart/locations/us-central1/queues/q';
const SA = 'tasks@p-restart.iam.gserviceaccount.com';

let issuer: LocalIssuer;
beforeAll(async () => {
  issuer = await startLocalIssuer({ port: 0 });
});
afterAll(() => issuer.close());

async function startTarget(hangOn: string) {
  const hits: Array<{ path: string; headers: IncomingHttpHeaders; body: string }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hits.push({ path: req.url ?? '', headers: req.headers, body });
      if (req.url === hangOn && hits.filter((h) => h.path === hangOn).length === 1) return; // the first delivery never answers
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: (p: string) => `http://127.0.0.1:${port}${p}`,
    hits: (p: string) => hits.filter((h) => h.path === p),
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

test('queued, scheduled and in-flight tasks survive a restart; names stay taken; a paused queue stays paused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tasks-state-'));
  const target = await startTarget('/in-flight');
  const port = await freePort();
  const opts: TasksServerOptions = { port, signOidcToken: issuer.signOidcToken, statePath: join(dir, 'tasks.json'), queues: [{ name: QUEUE, retry: { maxAttempts: 5, minBackoffMs: 100 } }] };
  let tasks = await startTasksServer(opts);
  let client: CloudTasksClient = createTasksClient({ emulatorHost: tasks.address });
  const task = (id: string, path: string, at?: number) => ({
    name: `${QUEUE}/tasks/${id}`,
    httpRequest: { url: target.url(path), httpMethod: 'POST' as const, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify({ id })), oidcToken: { serviceAccountEmail: SA } },
    ...(at ? { scheduleTime: { seconds: Math.floor(at / 1000) } } : {}),
  });
  try {
    await client.createTask({ parent: QUEUE, task: task('done', '/done') });
    await client.createTask({ parent: QUEUE, task: task('in-flight', '/in-flight') });
    const later = Date.now() + 3_000;
    await client.createTask({ parent: QUEUE, task: task('scheduled', '/scheduled', later) });
    for (let i = 0; i < 200 && (target.hits('/done').length === 0 || target.hits('/in-flight').length === 0); i++) await new Promise((r) => setTimeout(r, 10));
    expect(target.hits('/in-flight')).toHaveLength(1);

    // Stop while /in-flight waits for its answer (Ctrl-C of npm start), then start again.
    await client.close();
    await tasks.close();
    tasks = await startTasksServer(opts);
    client = createTasksClient({ emulatorHost: tasks.address });

    // The cut-off one may already be on its way again; the scheduled one waits for its time.
    const [listed] = await client.listTasks({ parent: QUEUE });
    expect(listed.map((t) => t.name!.split('/').pop())).toContain('scheduled');
    expect(listed.map((t) => t.name!.split('/').pop())).not.toContain('done');
    // A finished task's name is still taken, as in Cloud Tasks.
    await expect(client.createTask({ parent: QUEUE, task: task('done', '/done') })).rejects.toMatchObject({ code: 6 });
    await tasks.idle();

    const redelivered = target.hits('/in-flight');
    expect(redelivered).toHaveLength(2);
    // The cut-off attempt counts, as a failed dispatch does in Cloud Tasks.
    expect(redelivered[1]!.headers['x-cloudtasks-taskretrycount']).toBe('1');
    expect(JSON.parse(redelivered[1]!.body)).toEqual({ id: 'in-flight' });
    expect(redelivered[1]!.headers.authorization).toMatch(/^Bearer /);
    const scheduled = target.hits('/scheduled');
    expect(scheduled).toHaveLength(1);
    expect(Number(scheduled[0]!.headers['x-cloudtasks-tasketa']) * 1000).toBeGreaterThanOrEqual(Math.floor(later / 1000) * 1000);
    expect(target.hits('/done')).toHaveLength(1);

    await client.pauseQueue({ name: QUEUE });
    await client.createTask({ parent: QUEUE, task: task('while-paused', '/paused') });
    await client.close();
    await tasks.close();
    tasks = await startTasksServer(opts);
    client = createTasksClient({ emulatorHost: tasks.address });
    const [q] = await client.getQueue({ name: QUEUE });
    expect(q.state).toBe('PAUSED');
    expect((await client.listTasks({ parent: QUEUE }))[0].map((t) => t.name!.split('/').pop())).toEqual(['while-paused']);
    expect(target.hits('/paused')).toHaveLength(0);
  } finally {
    await client.close();
    await tasks.close();
    await target.close();
  }
});
