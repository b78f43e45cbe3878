import type { Firestore } from '@google-cloud/firestore';
import type { QuotaLimits } from '../../shared/rules/quota';
import type { Config } from '../config';
import type { PipelineConfig } from '../config/pipeline';
import type { LlmClient } from '../llm/client';
import type { Logger } from '../log';
import type { Paths } from '../store/paths';
import type { TaskQueue } from '../tasks/task-queue';
import type { TaskKind } from '../../shared/domain';
import type { KeyedLock } from './keyed-lock';

/** The settings the pipeline reads, gathered from the configuration sections that own them. */
export interface PipelineSettings {
  /** Works over this many words fail at creation. */
  maxWords: number;
  /** Days after completion until the student text is purged (pages section: what the privacy page promises). */
  retentionDays: number;
  /** The queue's max attempts; on the last one a retryable failure fails the work instead (-1: unlimited). */
  maxAttempts: number;
  /** The queue's retry backoff (TASKS_*_BACKOFF_SECONDS, TASKS_MAX_DOUBLINGS): when Cloud Tasks would deliver again. */
  retry: { minBackoffMs: number; maxBackoffMs: number; maxDoublings: number };
  /** How long Cloud Tasks waits for the worker's answer per delivery (TASKS_DISPATCH_DEADLINE_SECONDS). */
  dispatchDeadlineMs: number;
  /**
   * The most one delivery may spend waiting for Claude, all SDK retries and the repair call
   * included: the dispatch deadline less a reserve for reading, storing and queueing (llmBudgetMs).
   * Past it the call is abandoned and the task answers 503 before Cloud Tasks gives up on it.
   */
  llmBudgetMs: number;
  /** When the watchdog of a last delivery runs, after that delivery started (sweepDelayMs). */
  sweepDelayMs: number;
  /** The worker's base URL: task target and OIDC audience. */
  workerUrl: string;
  /** The only caller the worker accepts. */
  tasksServiceAccount: string;
  quotaLimits: QuotaLimits;
  /** Teacher Retries accepted per work and per teacher a UTC day (RETRY_MAX_PER_WORK, RETRY_MAX_PER_TEACHER_PER_DAY). */
  retryLimits: { perWork: number; perTeacherPerDay: number };
  /** See PIPELINE_CACHE_LEAD_MS. */
  cacheLeadMs: number;
  /** The feedback model, whose minimum cacheable prefix decides whether leading is worth it. */
  feedbackModel: string;
  /** See PIPELINE_HEDGE_LAST_WORKS (0: no hedging). */
  hedgeLastWorks: number;
}

/** The configuration sections the pipeline reads. */
export type PipelineRootConfig = Pick<Config, 'tasks' | 'billing' | 'pages' | 'llm'> & { pipeline: PipelineConfig };

/**
 * What one delivery keeps back from its dispatch deadline for everything but the LLM call (reading,
 * the memo, the storing transaction, queueing follow-ups): a quarter of it, at most a minute.
 */
export function llmBudgetMs(dispatchDeadlineMs: number): number {
  return dispatchDeadlineMs - Math.min(60_000, Math.round(dispatchDeadlineMs / 4));
}

/**
 * The watchdog of a last delivery runs this long after the delivery started: by then Cloud Tasks
 * has given up on it (dispatch deadline) and the function instance has stopped it (its timeout
 * follows the deadline, dev/deploy), so whatever it left open is stuck, not slow.
 */
export function sweepDelayMs(dispatchDeadlineMs: number): number {
  return dispatchDeadlineMs + 60_000;
}

export function pipelineSettings(config: PipelineRootConfig): PipelineSettings {
  return {
    maxWords: config.pipeline.maxWords,
    retentionDays: config.pages.retention.studentTextDays,
    maxAttempts: config.tasks.retry.maxAttempts,
    retry: { minBackoffMs: config.tasks.retry.minBackoffMs, maxBackoffMs: config.tasks.retry.maxBackoffMs, maxDoublings: config.tasks.retry.maxDoublings },
    dispatchDeadlineMs: config.tasks.dispatchDeadlineMs,
    llmBudgetMs: llmBudgetMs(config.tasks.dispatchDeadlineMs),
    sweepDelayMs: sweepDelayMs(config.tasks.dispatchDeadlineMs),
    workerUrl: config.tasks.workerUrl,
    tasksServiceAccount: config.tasks.serviceAccountEmail,
    quotaLimits: config.billing.limits,
    cacheLeadMs: config.pipeline.cacheLeadMs,
    retryLimits: config.pipeline.retryLimits,
    feedbackModel: config.llm.kinds.feedback.model,
    hedgeLastWorks: config.pipeline.hedgeLastWorks,
  };
}

/**
 * Test seams at the points where a real worker can die. Production never sets them; a test throws
 * from one to play "the instance was killed here" and then checks what the redelivery does.
 */
export interface PipelineHooks {
  /** After the LLM answered and its output was memoized, before anything was stored. */
  afterLlm?: (run: { kind: TaskKind; runId: string }) => void | Promise<void>;
  /** Before a failure that will not be retried is recorded (a throw here: the recording failed). */
  beforeFail?: (run: { kind: TaskKind; runId: string; lastAttempt: boolean }) => void | Promise<void>;
}

/** What admission and retry need: the store, the queue and the settings. */
export interface AdmissionDeps {
  db: Firestore;
  paths: Paths;
  logger: Logger;
  now: () => Date;
  queue: Pick<TaskQueue, 'enqueue'>;
  settings: PipelineSettings;
  /** Queues this process's transactions per assignment; default: one lock set per process. */
  locks?: KeyedLock;
}

/** What the worker's pipeline needs besides: the LLM client and the test seams. */
export interface PipelineDeps extends AdmissionDeps {
  llm: Pick<LlmClient, 'generate'>;
  hooks?: PipelineHooks;
}
