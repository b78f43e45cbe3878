import { backoffMs, type QueueSpec, type RetryPolicy } from './queue-config';
import { type AttemptRecord, QueueState, type StoredTask } from './queue-state';
import { RPC_CODE, rpcCodeForHttpStatus } from './rpc-error';
import { createSender, type SendResult } from './send-http';

/** Signs the OIDC token Cloud Tasks attaches for the task's service account. */
export type SignOidcToken = (args: { audience: string; serviceAccountEmail: string }) => string | Promise<string>;

/** The part of the project's Logger this server uses (ids and statuses only, never bodies). */
export interface TasksServerLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface TaskStats {
  attempts: number;
  status: 'queued' | 'completed' | 'failed' | 'deleted';
  /** Each attempt's outcome: the target's HTTP status, or 'no-response'. */
  outcomes: Array<number | 'no-response'>;
  /** The retry delay chosen after each failed attempt, in nominal (unscaled) milliseconds. */
  backoffsMs: number[];
  /** How far ahead of its creation the task was scheduled, nominal (unscaled) milliseconds; 0: at once. */
  scheduledAheadMs: number;
  /** Each attempt's X-CloudTasks-TaskETA (the schedule time it was dispatched for), epoch ms, and when it was dispatched. */
  dispatches: Array<{ etaMs: number; dispatchedAtMs: number }>;
}

export interface TasksServerStats {
  created: number;
  attempts: number;
  completed: number;
  failedPermanently: number;
  /** By full task name. */
  tasks: Record<string, TaskStats>;
}

export interface SchedulerOptions {
  signOidcToken: SignOidcToken;
  /** Multiplies every retry delay (backoff, Retry-After, maxRetryDuration); 1 = real time. */
  timeScale: number;
  tombstoneMs: number;
  log: TasksServerLog;
  /** Called after anything that changes what a restart must find (tasks, counts, queues). */
  onChange?: () => void;
}

// setTimeout overflows above 2^31-1 ms; far-off tasks are simply looked at again later.
const MAX_TIMER_MS = 3_600_000;

/**
 * Dispatches due tasks over HTTP, at most maxConcurrentDispatches and maxDispatchesPerSecond per
 * queue, and retries failures with the queue's backoff until its limits are reached — the
 * at-least-once behaviour the worker must tolerate. State is in memory; the server saves it
 * through `onChange` when it has a state file (persistence.ts).
 */
export class Scheduler {
  readonly queues = new Map<string, QueueState>();
  private readonly sender = createSender();
  private readonly abort = new AbortController();
  private readonly running = new Set<Promise<void>>();
  private readonly idleWaiters: Array<() => void> = [];
  private readonly totals = { created: 0, attempts: 0, completed: 0, failedPermanently: 0 };
  private readonly perTask = new Map<string, TaskStats>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly opts: SchedulerOptions) {}

  addQueue(spec: QueueSpec): QueueState {
    const q = new QueueState(spec.name, spec, this.opts.tombstoneMs, Date.now());
    this.queues.set(spec.name, q);
    return q;
  }

  addTask(q: QueueState, task: StoredTask): void {
    q.tasks.set(task.name, task);
    this.totals.created++;
    this.perTask.set(task.name, { attempts: 0, status: 'queued', outcomes: [], backoffsMs: [], scheduledAheadMs: task.scheduledAheadMs ?? 0, dispatches: [] });
    this.pump();
  }

  /** A saved task back in its queue after a restart: counted as before, not as created now. */
  restoreTask(q: QueueState, task: StoredTask): void {
    q.tasks.set(task.name, task);
    this.perTask.set(task.name, { attempts: task.dispatchCount, status: 'queued', outcomes: [], backoffsMs: [], scheduledAheadMs: task.scheduledAheadMs ?? 0, dispatches: [] });
  }

  /** Delete a task (in flight or not); its outcome, if one arrives, is ignored. */
  deleteTask(q: QueueState, name: string): void {
    q.remove(name, Date.now());
    const st = this.perTask.get(name);
    if (st) st.status = 'deleted';
    this.pump();
  }

  stats(): TasksServerStats {
    return { ...this.totals, tasks: Object.fromEntries([...this.perTask].map(([k, v]) => [k, structuredClone(v)])) };
  }

  /** Resolves once no queue holds a task (waiting, scheduled or in flight), or the server closes. */
  idle(): Promise<void> {
    if (this.closed || this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.abort.abort();
    await Promise.allSettled([...this.running]);
    this.sender.close();
    this.idleWaiters.splice(0).forEach((r) => r());
  }

  /** Start every attempt that is due and allowed, then sleep until the next one could be. */
  pump = (): void => {
    if (this.closed) return;
    this.opts.onChange?.();
    const now = Date.now();
    let wakeAt: number | undefined;
    const wake = (at: number | undefined) => {
      if (at !== undefined && (wakeAt === undefined || at < wakeAt)) wakeAt = at;
    };
    for (const q of this.queues.values()) {
      if (q.state !== 'RUNNING') continue;
      while (q.inFlight < q.policy.rateLimits.maxConcurrentDispatches) {
        const { task, nextAtMs } = q.nextDue(now);
        if (!task) {
          wake(nextAtMs);
          break;
        }
        const token = q.takeToken(now);
        if (!token.ok) {
          wake(now + token.waitMs);
          break;
        }
        const p = this.attempt(q, task).finally(() => this.running.delete(p));
        this.running.add(p);
      }
    }
    clearTimeout(this.timer);
    if (wakeAt !== undefined) this.timer = setTimeout(this.pump, Math.min(MAX_TIMER_MS, Math.max(0, wakeAt - now)));
    if (this.isIdle()) this.idleWaiters.splice(0).forEach((r) => r());
  };

  private isIdle(): boolean {
    for (const q of this.queues.values()) if (q.tasks.size > 0) return false;
    return true;
  }

  private async attempt(q: QueueState, task: StoredTask): Promise<void> {
    // Synchronous up to the first await, so pump() sees the task as running at once.
    task.running = true;
    q.inFlight++;
    const attempt: AttemptRecord = { scheduleTimeMs: task.scheduleTimeMs, dispatchTimeMs: Date.now() };
    const headers = dispatchHeaders(q, task);
    task.dispatchCount++;
    task.firstAttempt ??= { scheduleTimeMs: attempt.scheduleTimeMs, dispatchTimeMs: attempt.dispatchTimeMs };
    this.totals.attempts++;
    const st = this.perTask.get(task.name);
    if (st) {
      st.attempts++;
      st.dispatches.push({ etaMs: task.scheduleTimeMs, dispatchedAtMs: attempt.dispatchTimeMs });
    }
    let result: SendResult;
    try {
      const { oidc } = task.http;
      if (oidc) {
        const token = await this.opts.signOidcToken({ audience: oidc.audience || task.http.url, serviceAccountEmail: oidc.serviceAccountEmail });
        headers.set('authorization', ['Authorization', `Bearer ${token}`]);
      }
      result = await this.sender.send({
        url: task.http.url,
        method: task.http.method,
        headers: Object.fromEntries(headers.values()),
        body: task.http.body,
        deadlineMs: task.dispatchDeadlineMs,
        signal: this.abort.signal,
      });
    } catch (err) {
      result = { kind: 'no-response', reason: 'connection', message: `could not sign the OIDC token: ${String(err)}` };
    } finally {
      task.running = false;
      q.inFlight--;
    }
    if (!this.closed) this.settle(q, task, attempt, result);
    this.pump();
    this.opts.onChange?.();
  }

  private settle(q: QueueState, task: StoredTask, attempt: AttemptRecord, result: SendResult): void {
    const now = Date.now();
    const st = this.perTask.get(task.name);
    st?.outcomes.push(result.kind === 'response' ? result.status : 'no-response');
    if (result.kind === 'response') {
      attempt.responseTimeMs = now;
      attempt.responseStatus = { code: rpcCodeForHttpStatus(result.status), message: `HTTP status ${result.status}` };
    } else {
      const code = result.reason === 'deadline' ? RPC_CODE.DEADLINE_EXCEEDED : RPC_CODE.UNAVAILABLE;
      attempt.responseStatus = { code, message: result.message };
    }
    // Deleted or purged while in flight: Cloud Tasks forgets it; so do we.
    if (q.tasks.get(task.name) !== task) return;
    task.lastAttempt = attempt;
    const fields = { queue: q.id, task: task.id, attempt: task.dispatchCount, outcome: st?.outcomes.at(-1) };

    if (result.kind === 'response' && result.status >= 200 && result.status < 300) {
      q.remove(task.name, now);
      this.totals.completed++;
      if (st) st.status = 'completed';
      this.opts.log.info('task completed', fields);
      return;
    }
    if (result.kind === 'response') {
      task.responseCount++;
      if (result.status < 500) task.executionCount++;
      task.previousResponse = result.status;
    }
    if (this.exhausted(q.policy.retry, task, now)) {
      q.remove(task.name, now);
      this.totals.failedPermanently++;
      if (st) st.status = 'failed';
      this.opts.log.warn('task failed permanently: no attempts left', fields);
      return;
    }
    const retry = q.policy.retry;
    const retryAfter = result.kind === 'response' ? (result.retryAfterMs ?? 0) : 0;
    const delay = Math.min(retry.maxBackoffMs, Math.max(backoffMs(retry, task.dispatchCount), retryAfter));
    st?.backoffsMs.push(delay);
    task.scheduleTimeMs = now + delay * this.opts.timeScale;
    this.opts.log.info('task will be retried', { ...fields, backoffMs: delay });
  }

  /** Cloud Tasks stops once maxAttempts and maxRetryDuration are both reached (each if set). */
  private exhausted(retry: RetryPolicy, task: StoredTask, now: number): boolean {
    const attemptsDone = retry.maxAttempts >= 0 && task.dispatchCount >= retry.maxAttempts;
    const firstAt = task.firstAttempt?.dispatchTimeMs ?? now;
    const durationDone = retry.maxRetryDurationMs > 0 && now - firstAt >= retry.maxRetryDurationMs * this.opts.timeScale;
    if (retry.maxAttempts < 0) return durationDone;
    if (retry.maxRetryDurationMs <= 0) return attemptsDone;
    return attemptsDone && durationDone;
  }
}

/**
 * The request headers of one attempt, keyed by lower-case name so the task's own headers cannot
 * shadow the ones Cloud Tasks sets. The counts describe the attempts before this one.
 */
function dispatchHeaders(q: QueueState, task: StoredTask): Map<string, [string, string]> {
  const h = new Map<string, [string, string]>();
  const set = (name: string, value: string) => h.set(name.toLowerCase(), [name, value]);
  for (const [name, value] of Object.entries(task.http.headers)) {
    if (!['host', 'content-length', 'authorization'].includes(name.toLowerCase())) set(name, value);
  }
  if (task.http.body && !h.has('content-type')) set('Content-Type', 'application/octet-stream');
  set('User-Agent', 'Google-Cloud-Tasks');
  set('X-CloudTasks-QueueName', q.id);
  set('X-CloudTasks-TaskName', task.id);
  set('X-CloudTasks-TaskRetryCount', String(task.dispatchCount));
  set('X-CloudTasks-TaskExecutionCount', String(task.executionCount));
  set('X-CloudTasks-TaskETA', (task.scheduleTimeMs / 1000).toFixed(6));
  if (task.previousResponse !== undefined) set('X-CloudTasks-TaskPreviousResponse', String(task.previousResponse));
  return h;
}
