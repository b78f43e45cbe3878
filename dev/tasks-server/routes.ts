import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import { fromWire, type QueueSpec, rateLimits } from './queue-config';
import type { QueueState, StoredTask } from './queue-state';
import { queueJson, taskJson } from './render';
import { RpcError } from './rpc-error';
import type { Scheduler } from './scheduler';
import { CreateTaskBody, parsePath, QueueIn, type ResourcePath, ViewField } from './wire';
import { applyUpdateMask } from './update-mask';

export interface RouterOptions {
  /** Deadline for tasks that do not set dispatchDeadline. */
  dispatchDeadlineMs: number;
  /** Multiplies how far ahead of its creation a task is scheduled (TasksServerOptions.scheduleScale). */
  scheduleScale?: number;
}

const TASK_ID = /^[A-Za-z0-9_-]{1,500}$/;
const QUEUE_ID = /^[A-Za-z0-9-]{1,100}$/;
const MAX_TASK_BYTES = 1024 * 1024;
const MAX_SCHEDULE_AHEAD_MS = 30 * 24 * 3_600_000;
// Cloud Tasks accepts HTTP dispatch deadlines from 15 seconds to 30 minutes.
const DEADLINE_RANGE_MS = [15_000, 30 * 60_000] as const;

/**
 * The Cloud Tasks v2 REST surface the real client's REST transport calls: queues (create, get,
 * list, update — which creates when absent, as Google's does — delete, purge, pause, resume) and
 * tasks (create, get, list, delete, run). Returns the JSON body or throws an RpcError.
 */
export function createRouter(s: Scheduler, opts: RouterOptions) {
  const queueOf = (p: ResourcePath): QueueState => {
    const name = `projects/${p.project}/locations/${p.location}/queues/${p.queue}`;
    const q = s.queues.get(name);
    if (!q) throw new RpcError('NOT_FOUND', `Queue does not exist: ${name}`);
    return q;
  };
  const taskOf = (q: QueueState, id: string): StoredTask => {
    const t = q.tasks.get(`${q.name}/tasks/${id}`);
    if (!t) throw new RpcError('NOT_FOUND', 'Requested entity was not found.');
    return t;
  };

  return (method: string, url: URL, body: unknown): unknown => {
    const p = parsePath(url.pathname);
    if (!p) throw new RpcError('NOT_FOUND', `No such resource: ${url.pathname}`);
    const view = parse(ViewField.optional(), url.searchParams.get('responseView') ?? undefined) ?? 'BASIC';
    const parent = `projects/${p.project}/locations/${p.location}`;
    const op = `${method} ${p.queue === undefined ? 'queues' : p.task === undefined ? 'queue' : p.task === '' ? 'tasks' : 'task'}${p.verb ? `:${p.verb}` : ''}`;

    switch (op) {
      case 'GET queues':
        return { queues: [...s.queues.values()].filter((q) => q.name.startsWith(`${parent}/`)).map(queueJson) };
      case 'POST queues': {
        const input = parse(QueueIn, body);
        const id = input.name?.startsWith(`${parent}/queues/`) ? input.name.slice(`${parent}/queues/`.length) : '';
        if (!QUEUE_ID.test(id)) throw new RpcError('INVALID_ARGUMENT', `Queue.name must be ${parent}/queues/QUEUE_ID`);
        if (s.queues.has(input.name!)) throw new RpcError('ALREADY_EXISTS', 'Requested entity already exists');
        return queueJson(s.addQueue({ name: input.name!, ...fromWire(input.retryConfig, input.rateLimits) }));
      }
      case 'GET queue':
        return queueJson(queueOf(p));
      case 'PATCH queue': {
        const input = parse(QueueIn, body);
        const name = `${parent}/queues/${p.queue}`;
        const existing = s.queues.get(name);
        const update = applyUpdateMask(fromWire(input.retryConfig, input.rateLimits), url.searchParams.get('updateMask'));
        if (!existing) return queueJson(s.addQueue({ name, ...update } satisfies QueueSpec));
        existing.policy = {
          retry: { ...existing.policy.retry, ...update.retry },
          // Recomputed rather than merged: the burst size follows the dispatch rate.
          rateLimits: rateLimits({ ...existing.policy.rateLimits, ...update.rateLimits }),
        };
        s.pump();
        return queueJson(existing);
      }
      case 'DELETE queue': {
        const q = queueOf(p);
        for (const name of [...q.tasks.keys()]) s.deleteTask(q, name);
        s.queues.delete(q.name);
        return {};
      }
      case 'POST queue:purge': {
        const q = queueOf(p);
        for (const name of [...q.tasks.keys()]) s.deleteTask(q, name);
        return queueJson(q);
      }
      case 'POST queue:pause':
      case 'POST queue:resume': {
        const q = queueOf(p);
        q.state = p.verb === 'pause' ? 'PAUSED' : 'RUNNING';
        s.pump();
        return queueJson(q);
      }
      case 'GET tasks': {
        const q = queueOf(p);
        const size = Math.min(1000, Number(url.searchParams.get('pageSize')) || 1000);
        const start = Number(url.searchParams.get('pageToken')) || 0;
        const all = [...q.tasks.values()].sort((a, b) => a.scheduleTimeMs - b.scheduleTimeMs || a.name.localeCompare(b.name));
        const page = all.slice(start, start + size);
        return { tasks: page.map((t) => taskJson(t, view)), nextPageToken: start + size < all.length ? String(start + size) : '' };
      }
      case 'POST tasks': {
        const q = queueOf(p);
        const input = parse(CreateTaskBody, body);
        const task = newTask(q, input.task, opts.dispatchDeadlineMs, opts.scheduleScale ?? 1);
        s.addTask(q, task);
        return taskJson(task, input.responseView ?? 'BASIC');
      }
      case 'GET task':
        return taskJson(taskOf(queueOf(p), p.task!), view);
      case 'DELETE task': {
        const q = queueOf(p);
        s.deleteTask(q, taskOf(q, p.task!).name);
        return {};
      }
      case 'POST task:run': {
        const q = queueOf(p);
        const t = taskOf(q, p.task!);
        t.scheduleTimeMs = Math.min(t.scheduleTimeMs, Date.now());
        s.pump();
        return taskJson(t, view);
      }
      default:
        throw new RpcError('UNIMPLEMENTED', `${method} ${url.pathname} is not implemented by the local Cloud Tasks server`);
    }
  };
}

function newTask(q: QueueState, input: z.infer<typeof CreateTaskBody>['task'], defaultDeadlineMs: number, scheduleScale: number): StoredTask {
  const now = Date.now();
  const http = input.httpRequest;
  if (!http) {
    if (input.appEngineHttpRequest) throw new RpcError('UNIMPLEMENTED', 'App Engine tasks are not supported by the local server');
    throw new RpcError('INVALID_ARGUMENT', 'Task.http_request is required');
  }
  if (http.oauthToken) throw new RpcError('UNIMPLEMENTED', 'oauthToken is not supported by the local server; use oidcToken');
  const method = http.httpMethod ?? 'POST';
  const body = http.body ? Buffer.from(http.body, 'base64') : undefined;
  if (body && body.length > 0 && !['POST', 'PUT', 'PATCH'].includes(method)) {
    throw new RpcError('INVALID_ARGUMENT', 'A body is allowed only for POST, PUT and PATCH');
  }
  if (body && body.length > MAX_TASK_BYTES) throw new RpcError('INVALID_ARGUMENT', 'Task size too large');

  let name = input.name;
  if (name) {
    const id = name.startsWith(`${q.name}/tasks/`) ? name.slice(`${q.name}/tasks/`.length) : '';
    if (!TASK_ID.test(id)) throw new RpcError('INVALID_ARGUMENT', `Task.name must be ${q.name}/tasks/TASK_ID with TASK_ID of [A-Za-z0-9_-]{1,500}`);
  } else {
    // Unnamed tasks get a system id, like Google's long numeric ones.
    name = `${q.name}/tasks/${String(now)}${String(randomInt(1e9)).padStart(9, '0')}`;
  }
  if (q.nameTaken(name, now)) throw new RpcError('ALREADY_EXISTS', 'Requested entity already exists');

  if (input.dispatchDeadline !== undefined && (input.dispatchDeadline < DEADLINE_RANGE_MS[0] || input.dispatchDeadline > DEADLINE_RANGE_MS[1])) {
    throw new RpcError('INVALID_ARGUMENT', 'Task.dispatch_deadline must be between 15s and 1800s');
  }
  if (input.scheduleTime !== undefined && input.scheduleTime > now + MAX_SCHEDULE_AHEAD_MS) {
    throw new RpcError('INVALID_ARGUMENT', 'Task.schedule_time must be at most 30 days in the future');
  }
  // A missing or past schedule time means now, as in Cloud Tasks.
  const aheadMs = Math.max(0, (input.scheduleTime ?? now) - now);
  return {
    name,
    id: name.slice(name.lastIndexOf('/') + 1),
    http: { url: http.url, method, headers: http.headers ?? {}, body: body?.length ? body : undefined, oidc: http.oidcToken },
    scheduleTimeMs: now + aheadMs * scheduleScale,
    scheduledAheadMs: aheadMs,
    createTimeMs: now,
    dispatchDeadlineMs: input.dispatchDeadline ?? defaultDeadlineMs,
    dispatchCount: 0,
    responseCount: 0,
    executionCount: 0,
    running: false,
  };
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new RpcError('INVALID_ARGUMENT', r.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '));
  }
  return r.data;
}
