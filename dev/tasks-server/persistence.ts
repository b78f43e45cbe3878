import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { QueueSpec } from './queue-config';
import type { StoredTask } from './queue-state';
import type { Scheduler } from './scheduler';

/**
 * The local Cloud Tasks server's queues on disk, so that they survive a restart as Cloud Tasks'
 * do: each queue's policy and state, its tasks (with their counts, schedule and body) and the
 * names it must still refuse. Written whole, atomically (a temporary file renamed over the last),
 * shortly after every change and on close.
 */

const Attempt = z.object({
  scheduleTimeMs: z.number(),
  dispatchTimeMs: z.number(),
  responseTimeMs: z.number().optional(),
  responseStatus: z.object({ code: z.number(), message: z.string() }).optional(),
});

const TaskFile = z.object({
  name: z.string(),
  id: z.string(),
  http: z.object({
    url: z.string(),
    method: z.enum(['POST', 'GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']),
    headers: z.record(z.string(), z.string()),
    bodyBase64: z.string().optional(),
    oidc: z.object({ serviceAccountEmail: z.string(), audience: z.string().optional() }).optional(),
  }),
  scheduleTimeMs: z.number(),
  scheduledAheadMs: z.number().optional(),
  createTimeMs: z.number(),
  dispatchDeadlineMs: z.number(),
  dispatchCount: z.number().int(),
  responseCount: z.number().int(),
  executionCount: z.number().int(),
  previousResponse: z.number().optional(),
  firstAttempt: Attempt.optional(),
  lastAttempt: Attempt.optional(),
});

const StateFile = z.object({
  version: z.literal(1),
  queues: z.array(
    z.object({
      name: z.string(),
      state: z.enum(['RUNNING', 'PAUSED']),
      retry: z.object({ maxAttempts: z.number(), maxRetryDurationMs: z.number(), minBackoffMs: z.number(), maxBackoffMs: z.number(), maxDoublings: z.number() }),
      rateLimits: z.object({ maxDispatchesPerSecond: z.number(), maxConcurrentDispatches: z.number() }),
      tasks: z.array(TaskFile),
      tombstones: z.array(z.tuple([z.string(), z.number()])),
    }),
  ),
});
type StateFile = z.infer<typeof StateFile>;

function snapshot(s: Scheduler): StateFile {
  return {
    version: 1,
    queues: [...s.queues.values()].map((q) => ({
      name: q.name,
      state: q.state,
      retry: q.policy.retry,
      rateLimits: { maxDispatchesPerSecond: q.policy.rateLimits.maxDispatchesPerSecond, maxConcurrentDispatches: q.policy.rateLimits.maxConcurrentDispatches },
      // An attempt in flight is written as not running: if we stop now it was cut off, and the
      // next start dispatches it again (its dispatchCount already counts the lost attempt).
      tasks: [...q.tasks.values()].map(({ running: _running, http: { body, ...http }, ...t }) => ({ ...t, http: { ...http, ...(body ? { bodyBase64: body.toString('base64') } : {}) } })),
      tombstones: q.tombstoneEntries(),
    })),
  };
}

/** Queues and tasks from `path` into `s` (queues already there take the saved policy and tasks). Missing file: nothing. */
export function restoreQueues(s: Scheduler, path: string): { queues: number; tasks: number } {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    return { queues: 0, tasks: 0 };
  }
  const file = StateFile.parse(JSON.parse(raw));
  let tasks = 0;
  for (const saved of file.queues) {
    const spec: QueueSpec = { name: saved.name, retry: saved.retry, rateLimits: saved.rateLimits };
    const q = s.queues.get(saved.name) ?? s.addQueue(spec);
    q.state = saved.state;
    q.restoreTombstones(saved.tombstones, Date.now());
    for (const { http: { bodyBase64, ...http }, ...t } of saved.tasks) {
      const task: StoredTask = { ...t, http: { ...http, ...(bodyBase64 !== undefined ? { body: Buffer.from(bodyBase64, 'base64') } : {}) }, running: false };
      s.restoreTask(q, task);
      tasks++;
    }
  }
  return { queues: file.queues.length, tasks };
}

/** Writes `s` to `path` soon after each change (`changed()`), and at once on `flush()`. */
export function createQueueWriter(s: Scheduler, path: string, delayMs = 50) {
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, JSON.stringify(snapshot(s)));
    renameSync(tmp, path);
  };
  return {
    changed() {
      if (timer) return;
      timer = setTimeout(flush, delayMs);
      timer.unref();
    },
    flush,
  };
}
