import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { QueueSpec } from './queue-config';
import { createQueueWriter, restoreQueues } from './persistence';
import { RpcError } from './rpc-error';
import { createRouter } from './routes';
import { Scheduler, type SignOidcToken, type TasksServerLog, type TasksServerStats } from './scheduler';

export type { QueueSpec } from './queue-config';
export type { SignOidcToken, TaskStats, TasksServerLog, TasksServerStats } from './scheduler';

export interface TasksServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** Signs each dispatch's OIDC token (the local issuer's `signOidcToken`). */
  signOidcToken: SignOidcToken;
  /** Queues that exist from the start; more can be created through the API. */
  queues?: QueueSpec[];
  /**
   * Multiplies every retry delay, so tests can run a 10s backoff in 10ms (0.001) while the
   * sequence of delays, attempts and headers stays exactly what the queue config says.
   */
  timeScale?: number;
  /**
   * Multiplies how far ahead of its creation a task is scheduled (its scheduleTime − now), so a
   * test can run a task scheduled 10 minutes ahead in 0.6 s; the task's scheduleTime and ETA
   * header are the scaled time, `stats()` keeps the nominal distance (`scheduledAheadMs`).
   * Default 1 (real time).
   */
  scheduleScale?: number;
  /** Deadline for tasks that set none; Google's default for HTTP tasks is 10 minutes. */
  dispatchDeadlineMs?: number;
  /** How long a finished or deleted task's name stays taken; Google: about an hour. */
  tombstoneMs?: number;
  /**
   * Keep the queues in this file, so they survive a restart as Cloud Tasks' do: restored at start
   * (an attempt cut off by the stop is dispatched again), saved after every change and on close.
   * Unset: in memory only.
   */
  statePath?: string;
  log?: TasksServerLog;
}

export interface TasksServer {
  url: string;
  /** "host:port", the value for TASKS_EMULATOR_HOST. */
  address: string;
  /** Resolves when no task is waiting, scheduled or in flight (a paused queue with tasks never is). */
  idle(): Promise<void>;
  stats(): TasksServerStats;
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 2 * 1024 * 1024;
const silent: TasksServerLog = { info: () => undefined, warn: () => undefined };

/**
 * A local Cloud Tasks: the v2 REST API the real `@google-cloud/tasks` client speaks over its REST
 * transport (see cloud/tasks/tasks-client.ts), and a dispatcher that POSTs due tasks to their URLs
 * with Cloud Tasks' headers, an OIDC bearer token, retries with backoff and bounded concurrency.
 * With `statePath` the queues survive a restart (persistence.ts); without it they are in memory.
 */
export async function startTasksServer(opts: TasksServerOptions): Promise<TasksServer> {
  const host = opts.host ?? '127.0.0.1';
  let writer: ReturnType<typeof createQueueWriter> | undefined;
  const log = opts.log ?? silent;
  const scheduler = new Scheduler({
    signOidcToken: opts.signOidcToken,
    timeScale: opts.timeScale ?? 1,
    tombstoneMs: opts.tombstoneMs ?? 3_600_000,
    log,
    onChange: () => writer?.changed(),
  });
  for (const q of opts.queues ?? []) scheduler.addQueue(q);
  if (opts.statePath) {
    const restored = restoreQueues(scheduler, opts.statePath);
    if (restored.tasks > 0) log.info('tasks restored', restored);
    writer = createQueueWriter(scheduler, opts.statePath);
    scheduler.pump();
  }
  const route = createRouter(scheduler, { dispatchDeadlineMs: opts.dispatchDeadlineMs ?? 600_000, scheduleScale: opts.scheduleScale ?? 1 });

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      const e = err instanceof RpcError ? err : new RpcError('INTERNAL', err instanceof Error ? err.message : String(err));
      send(res, e.httpStatus, e.toJson());
    });
  });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (req.method === 'GET' && url.pathname === '/') return send(res, 200, 'Ok');
    const raw = await readBody(req);
    let body: unknown = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      throw new RpcError('INVALID_ARGUMENT', 'Request body is not JSON');
    }
    send(res, 200, route(req.method ?? 'GET', url, body));
    if (req.method !== 'GET') writer?.changed();
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, resolve);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  return {
    url: `http://${host}:${port}`,
    address: `${host}:${port}`,
    idle: () => scheduler.idle(),
    stats: () => scheduler.stats(),
    close: async () => {
      await scheduler.close();
      writer?.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(new RpcError('INVALID_ARGUMENT', 'Request too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
