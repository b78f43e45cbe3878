import type { CloudTasksClient } from '@google-cloud/tasks';
import { taskIdFor } from './task-id';

// google.rpc.Code values the client reports on `err.code` (google-gax's Status enum).
const ALREADY_EXISTS = 6;
const RETRYABLE = new Set([4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);

export interface EnqueueRequest {
  /**
   * The caller's deterministic key, e.g. `feedback:<assignmentId>:<workId>`; it becomes the task id
   * (see taskIdFor). Cloud Tasks refuses a name for about an hour after its task ran or was
   * deleted, so a deliberate re-run (a teacher's Retry) needs a new key, e.g. with an attempt number.
   */
  name: string;
  /** Absolute URL of the worker endpoint that receives the task. */
  url: string;
  /** Sent as the JSON body; the worker parses it with its zod schema. */
  payload: unknown;
  /** Do not dispatch before this time. */
  scheduleTime?: Date;
}

/** 'duplicate': a task of this name exists or ran recently — the work is already queued. */
export type EnqueueResult = 'created' | 'duplicate';

export interface TaskQueue {
  readonly queuePath: string;
  enqueue(req: EnqueueRequest): Promise<EnqueueResult>;
  /** The ids (last path segment) of every task in the queue now: waiting, scheduled or running. */
  listTaskIds(): Promise<string[]>;
}

export interface TaskQueueOptions {
  client: Pick<CloudTasksClient, 'createTask' | 'listTasks'>;
  /** projects/P/locations/L/queues/Q (TasksConfig.queuePath). */
  queuePath: string;
  /** The account whose OIDC token Cloud Tasks attaches (TasksConfig.serviceAccountEmail). */
  serviceAccountEmail: string;
  /**
   * Audience of that token. Default: the task URL, as Cloud Tasks does. Pass the worker's base URL
   * (TasksConfig.workerUrl) so the worker checks one audience whatever path a task targets.
   */
  audience?: string;
  /** Per-attempt deadline at the worker (TasksConfig.dispatchDeadlineMs); default: the queue's 10 min. */
  dispatchDeadlineMs?: number;
  /** Waits between createTask retries on UNAVAILABLE / DEADLINE_EXCEEDED. */
  retryDelaysMs?: number[];
}

/**
 * Enqueues HTTP tasks with OIDC tokens and deterministic names. A named createTask is safe to
 * repeat, so transport failures are retried here (the client does not retry createTask), and
 * ALREADY_EXISTS — including a retry whose first try had in fact succeeded — means 'duplicate'.
 */
export function createTaskQueue(opts: TaskQueueOptions): TaskQueue {
  const delays = opts.retryDelaysMs ?? [200, 1000];
  return {
    queuePath: opts.queuePath,
    async listTaskIds() {
      // autoPaginate (the default) follows nextPageToken; BASIC view: names only, no bodies.
      const [tasks] = await opts.client.listTasks({ parent: opts.queuePath, pageSize: 1000 });
      return tasks.map((t) => (t.name ?? '').slice((t.name ?? '').lastIndexOf('/') + 1));
    },
    async enqueue(req) {
      const task = {
        name: `${opts.queuePath}/tasks/${taskIdFor(req.name)}`,
        httpRequest: {
          url: req.url,
          httpMethod: 'POST' as const,
          headers: { 'Content-Type': 'application/json' },
          body: Buffer.from(JSON.stringify(req.payload ?? null)),
          oidcToken: { serviceAccountEmail: opts.serviceAccountEmail, audience: opts.audience ?? req.url },
        },
        ...(req.scheduleTime ? { scheduleTime: timestamp(req.scheduleTime) } : {}),
        ...(opts.dispatchDeadlineMs ? { dispatchDeadline: { seconds: Math.round(opts.dispatchDeadlineMs / 1000) } } : {}),
      };
      for (let attempt = 0; ; attempt++) {
        try {
          await opts.client.createTask({ parent: opts.queuePath, task });
          return 'created';
        } catch (err) {
          const code = (err as { code?: unknown }).code;
          if (code === ALREADY_EXISTS) return 'duplicate';
          const delay = delays[attempt];
          if (typeof code !== 'number' || !RETRYABLE.has(code) || delay === undefined) throw err;
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    },
  };
}

function timestamp(d: Date) {
  const ms = d.getTime();
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
}
