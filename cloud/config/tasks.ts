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
  // Dispatch limits: one class's fan-out as one wave. With 35 works the pipeline's critical path
  // is rubric + slowest feedback + summary only if all 35 feedback tasks are dispatched at once; at
  // the old 20 in flight and 5/s a 35-work assignment took two waves plus a 7 s ramp (bench/pipeline:
  // 1.7–1.8× its critical path, against 1.20–1.22× at these values). 35/s gives a burst of 35
  // (Cloud Tasks sizes the bucket from the rate), so the fan-out leaves in one go after the cache
  // lead. The PRD's targets (rubric < 60 s, a work < 90 s, 25 works < 10 min) hold either way.
  // Against Anthropic's limits (token buckets per minute, per model class; Tier 2 at the time of
  // writing: 1,000 RPM, 450k ITPM, 90k OTPM — check the Console): one fan-out is 35 requests,
  // ≈ 35k uncached input tokens (cache reads do not count towards ITPM) and ≈ 70k output tokens
  // over ~30 s, which fits a full Tier 2 bucket. Sustained at full concurrency (35 calls per
  // ~25 s ≈ 84 RPM, ≈ 170k OTPM) it needs a higher tier; below that Anthropic answers 429 with a
  // retry-after and the pipeline defers those steps without spending attempts, so a lower tier
  // costs time, not failed works. Lower both for a Tier 1 account (50 RPM, 10k OTPM).
  TASKS_MAX_CONCURRENT_DISPATCHES: int(35, 1),
  TASKS_MAX_DISPATCHES_PER_SECOND: z.coerce.number().positive().default(35),
  /**
   * How long the worker may take per task before Cloud Tasks gives up on the attempt (15–1800).
   * The pipeline gives the LLM call at most this less a quarter (at most a minute) — 540 s at the
   * default, below the LLM client's worst case of ≈ 730 s (3 × 120 s per call, and again for the
   * repair call) — so a delivery always answers before its deadline. The worker function's timeout
   * follows it (dev/deploy), and a last delivery's watchdog runs a minute after it.
   */
  TASKS_DISPATCH_DEADLINE_SECONDS: z.coerce.number().int().min(15).max(1800).default(600),
  /**
   * An open assignment unchanged for this long is checked by the stall watchdog (cloud/pipeline/
   * stalls.ts), which resumes it only if nothing of it is left in the queue; the detail card stops
   * promising a time and says it is being looked at. Every delivery that moves an assignment
   * touches it, so a quiet one past this is rare unless a call is still running or nothing is.
   */
  TASKS_STALL_AFTER_SECONDS: z.coerce.number().int().min(10).max(86_400).default(180),
  /** How often the stall watchdog runs (locally on a timer; in production Cloud Scheduler's job). */
  TASKS_STALL_CHECK_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
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
    stallAfterMs: t.TASKS_STALL_AFTER_SECONDS * 1000,
    stallCheckMs: t.TASKS_STALL_CHECK_SECONDS * 1000,
  };
}
