import type { HttpMethod } from './wire';
import { type QueuePolicy, queuePolicy, type QueueSpec } from './queue-config';

/** One attempt as Cloud Tasks reports it (Task.firstAttempt / lastAttempt). */
export interface AttemptRecord {
  scheduleTimeMs: number;
  dispatchTimeMs: number;
  responseTimeMs?: number;
  responseStatus?: { code: number; message: string };
}

/** A task held in memory (and on disk with the server's statePath). */
export interface StoredTask {
  /** Full resource name. */
  name: string;
  /** The short id: the last path segment. */
  id: string;
  http: {
    url: string;
    method: HttpMethod;
    headers: Record<string, string>;
    body?: Buffer;
    oidc?: { serviceAccountEmail: string; audience?: string };
  };
  /** When the next attempt may be dispatched (the ETA header). */
  scheduleTimeMs: number;
  /** How far ahead of its creation the task asked to be scheduled, nominal (before scheduleScale). */
  scheduledAheadMs?: number;
  createTimeMs: number;
  dispatchDeadlineMs: number;
  /** Attempts dispatched so far (= X-CloudTasks-TaskRetryCount of the next one). */
  dispatchCount: number;
  /** Responses received from the target. */
  responseCount: number;
  /** Responses that were not 5xx (= X-CloudTasks-TaskExecutionCount of the next one). */
  executionCount: number;
  previousResponse?: number;
  firstAttempt?: AttemptRecord;
  lastAttempt?: AttemptRecord;
  running: boolean;
}

/**
 * One queue: its policy, its tasks, the names it must refuse for a while (Cloud Tasks keeps a
 * tombstone for about an hour after a named task completes or is deleted) and a token bucket for
 * maxDispatchesPerSecond.
 */
export class QueueState {
  readonly tasks = new Map<string, StoredTask>();
  private readonly tombstones = new Map<string, number>();
  policy: QueuePolicy;
  state: 'RUNNING' | 'PAUSED' = 'RUNNING';
  inFlight = 0;
  private tokens: number;
  private tokensAt: number;

  constructor(
    readonly name: string,
    spec: Omit<QueueSpec, 'name'>,
    private readonly tombstoneMs: number,
    now: number,
  ) {
    this.policy = queuePolicy(spec);
    this.tokens = this.policy.rateLimits.maxBurstSize;
    this.tokensAt = now;
  }

  /** The queue id, as sent in X-CloudTasks-QueueName. */
  get id(): string {
    return this.name.slice(this.name.lastIndexOf('/') + 1);
  }

  /** True while a task of this name exists or was finished/deleted recently. */
  nameTaken(taskName: string, now: number): boolean {
    if (this.tasks.has(taskName)) return true;
    const until = this.tombstones.get(taskName);
    if (until === undefined) return false;
    if (until > now) return true;
    this.tombstones.delete(taskName);
    return false;
  }

  /** Remove a task and remember its name so it cannot be reused for a while. */
  remove(taskName: string, now: number): StoredTask | undefined {
    const task = this.tasks.get(taskName);
    this.tasks.delete(taskName);
    this.tombstones.set(taskName, now + this.tombstoneMs);
    return task;
  }

  /** The names still refused and until when (epoch ms), for saving the queue. */
  tombstoneEntries(): Array<[string, number]> {
    return [...this.tombstones];
  }

  /** Names refused until a saved time; those already past are dropped. */
  restoreTombstones(entries: Array<[string, number]>, now: number): void {
    for (const [name, until] of entries) if (until > now) this.tombstones.set(name, until);
  }

  /** Take one dispatch token; otherwise say how long until one is available. */
  takeToken(now: number): { ok: true } | { ok: false; waitMs: number } {
    const { maxDispatchesPerSecond: rate, maxBurstSize: burst } = this.policy.rateLimits;
    this.tokens = Math.min(burst, this.tokens + ((now - this.tokensAt) / 1000) * rate);
    this.tokensAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, waitMs: Math.ceil(((1 - this.tokens) / rate) * 1000) };
  }

  /** The due task that waited longest, if any, and otherwise when the next one becomes due. */
  nextDue(now: number): { task?: StoredTask; nextAtMs?: number } {
    let due: StoredTask | undefined;
    let nextAtMs: number | undefined;
    for (const t of this.tasks.values()) {
      if (t.running) continue;
      if (t.scheduleTimeMs <= now) {
        if (!due || t.scheduleTimeMs < due.scheduleTimeMs) due = t;
      } else if (nextAtMs === undefined || t.scheduleTimeMs < nextAtMs) {
        nextAtMs = t.scheduleTimeMs;
      }
    }
    return { task: due, nextAtMs };
  }
}
