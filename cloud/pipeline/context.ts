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
  /** The worker's base URL: task target and OIDC audience. */
  workerUrl: string;
  /** The only caller the worker accepts. */
  tasksServiceAccount: string;
  quotaLimits: QuotaLimits;
  /** See PIPELINE_CACHE_LEAD_MS. */
  cacheLeadMs: number;
  /** The feedback model, whose minimum cacheable prefix decides whether leading is worth it. */
  feedbackModel: string;
}

/** The configuration sections the pipeline reads. */
export type PipelineRootConfig = Pick<Config, 'tasks' | 'billing' | 'pages' | 'llm'> & { pipeline: PipelineConfig };

export function pipelineSettings(config: PipelineRootConfig): PipelineSettings {
  return {
    maxWords: config.pipeline.maxWords,
    retentionDays: config.pages.retention.studentTextDays,
    maxAttempts: config.tasks.retry.maxAttempts,
    workerUrl: config.tasks.workerUrl,
    tasksServiceAccount: config.tasks.serviceAccountEmail,
    quotaLimits: config.billing.limits,
    cacheLeadMs: config.pipeline.cacheLeadMs,
    feedbackModel: config.llm.kinds.feedback.model,
  };
}

/**
 * Test seams at the points where a real worker can die. Production never sets them; a test throws
 * from one to play "the instance was killed here" and then checks what the redelivery does.
 */
export interface PipelineHooks {
  /** After the LLM answered and its output was memoized, before anything was stored. */
  afterLlm?: (run: { kind: TaskKind; runId: string }) => void | Promise<void>;
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
