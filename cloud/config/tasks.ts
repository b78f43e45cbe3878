import { z } from 'zod';
import type { CoreConfig } from './core';
import { type Env, parseSection } from './env';

const seconds = (fallback: number) => z.coerce.number().positive().default(fallback);
const int = (fallback: number, min: number) => z.coerce.number().int().min(min).default(fallback);

const TasksEnv = z.object({
  /** The one queue every pipeline task goes through. */
  TASKS_QUEUE: z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'letters, digits and hyphens').default('gradebot-pipeline'),
  /** Cloud Tasks location; default: GCP_REGION. */
  TASKS_LOCATION: z.string().min(1).optional(),
  /** Project holding the queue; default: GCP_PROJECT_ID. */
  TASKS_PROJECT_ID: z.string().min(1).optional(),
  /** "host:port" of a local Cloud Tasks server; default locally 127.0.0.1:TASKS_PORT, unset in production. */
  TASKS_EMULATOR_HOST: z.string().regex(/^[^:]+:\d+$/, 'host:port').optional(),
  // Retries. A task fails when Claude is overloaded (429/529) or the worker's instance dies; those
  // clear within seconds to minutes. 8 attempts at 5s doubling 4 times, capped at 5 min, span
  // 5+10+20+40+80+160+240 ≈ 9 min: long enough to ride out an overload, short enough that a
  // teacher sees a failed work (with a Retry button) well within the PRD's 10-minute target
  // instead of a spinner. Permanent errors return 2xx from the worker and never reach here.
  TASKS_MAX_ATTEMPTS: int(8, -1),
  TASKS_MIN_BACKOFF_SECONDS: seconds(5),
  TASKS_MAX_BACKOFF_SECONDS: seconds(300),
  TASKS_MAX_DOUBLINGS: int(4, 0),
  // Dispatch limits sized to Anthropic's per-minute limits rather than to our functions, which
  // scale out freely. A grading call sends ~4k input tokens (most of them cached), returns ~1.5k
  // output tokens and takes ~20-30s, so throughput ≈ concurrency / 25s. At 20 in flight that is
  // ~48 calls/min ≈ 72k output tokens/min: under Tier 2's 90k OTPM for Sonnet with room for the
  // rubric and summary calls, and a 35-document assignment finishes in two waves (~1 min).
  // The per-second rate smooths the fan-out burst of 35 tasks so requests-per-minute limits and
  // the worker's cold starts see a ramp, not a spike. Raise both with the account's tier.
  TASKS_MAX_CONCURRENT_DISPATCHES: int(20, 1),
  TASKS_MAX_DISPATCHES_PER_SECOND: z.coerce.number().positive().default(5),
  /** How long the worker may take per task before Cloud Tasks gives up on the attempt (15–1800). */
  TASKS_DISPATCH_DEADLINE_SECONDS: z.coerce.number().int().min(15).max(1800).default(600),
});

export type TasksConfig = ReturnType<typeof loadTasksConfig>;

/** The queue section: where tasks go, who signs their tokens, and the queue's retry and rate policy. */
export function loadTasksConfig(env: Env, core: CoreConfig) {
  const t = parseSection('tasks', TasksEnv, env);
  if (t.TASKS_MIN_BACKOFF_SECONDS > t.TASKS_MAX_BACKOFF_SECONDS) {
    throw new Error('Invalid tasks configuration:\n  TASKS_MIN_BACKOFF_SECONDS: must not exceed TASKS_MAX_BACKOFF_SECONDS');
  }
  const projectId = t.TASKS_PROJECT_ID ?? core.projectId;
  const location = t.TASKS_LOCATION ?? core.region;
  return {
    projectId,
    location,
    queue: t.TASKS_QUEUE,
    /** projects/P/locations/L/queues/Q */
    queuePath: `projects/${projectId}/locations/${location}/queues/${t.TASKS_QUEUE}`,
    /** Service account whose OIDC token Cloud Tasks attaches; the worker accepts only this one. */
    serviceAccountEmail: core.auth.tasksServiceAccount,
    /** Where the worker receives tasks. */
    workerUrl: core.urls.worker,
    /** Set: talk to a local Cloud Tasks server at this host:port without Google credentials. */
    emulatorHost: t.TASKS_EMULATOR_HOST ?? (core.local ? `${core.host}:${core.ports.tasks}` : undefined),
    retry: {
      maxAttempts: t.TASKS_MAX_ATTEMPTS,
      minBackoffMs: Math.round(t.TASKS_MIN_BACKOFF_SECONDS * 1000),
      maxBackoffMs: Math.round(t.TASKS_MAX_BACKOFF_SECONDS * 1000),
      maxDoublings: t.TASKS_MAX_DOUBLINGS,
    },
    rateLimits: {
      maxConcurrentDispatches: t.TASKS_MAX_CONCURRENT_DISPATCHES,
      maxDispatchesPerSecond: t.TASKS_MAX_DISPATCHES_PER_SECOND,
    },
    dispatchDeadlineMs: t.TASKS_DISPATCH_DEADLINE_SECONDS * 1000,
  };
}
