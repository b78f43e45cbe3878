import type { Transaction } from '@google-cloud/firestore';
import type { z } from 'zod';
import type { RenderedPrompt, TemplateName } from '../../prompts/render';
import type { TaskKind } from '../../shared/domain';
import type { PipelineDeps } from './context';
import type { PayloadOf, TaskPayload } from './payloads';

/** One delivery of a task, as the pipeline runs it. */
export interface RunInfo {
  /** The task's deterministic name: metric ids derive from it, and the LLM call's cost record ids. */
  runId: string;
  /** The step's name (the task name without a deferral's suffix): the LLM answer's memo is kept under it. */
  memoId: string;
  /** X-CloudTasks-TaskRetryCount: attempts before this one. */
  retryCount: number;
  /** No retry will follow: a retryable failure must now be recorded as a failure. */
  lastAttempt: boolean;
  startedAt: Date;
}

/** What `collect` found: data to run on, or nothing to do (stale, already done) plus tasks still owed. */
export type Collected<C> = { kind: 'run'; data: C } | { kind: 'skip'; reason: string; followUps: TaskPayload[] };

/** Passed to `store`, to be applied inside its transaction. */
export interface StoreContext {
  run: RunInfo;
  /** Milliseconds this run has taken so far (the kind's measured duration). */
  elapsedMs: number;
  /** Deletes the run's memo in the same commit as the result. */
  clearMemo(tx: Transaction): void;
}

export interface Stored {
  /** False when another delivery stored first: nothing was written. */
  stored: boolean;
  /** Tasks to queue after the commit (fan-out, fan-in). */
  followUps: TaskPayload[];
  /** Evidence quotes dropped by verification (feedback only). */
  droppedEvidenceCount?: number;
}

/**
 * One task kind of the pipeline (the seeds' ProcessingTask): how it collects its data and marks
 * itself started, which prompt and output schema it uses, how it stores the result and moves the
 * assignment's status and progress (which is what the add-on polls), and how it records a failure.
 * The pipeline runs any of them the same way; the table in task-table.ts maps kinds to specs.
 */
export interface TaskSpec<K extends TaskKind, C, O> {
  kind: K;
  template: TemplateName;
  /** Read what the run needs in a transaction that also marks the task's subject as processing. */
  collect(deps: PipelineDeps, payload: PayloadOf<K>, run: RunInfo): Promise<Collected<C>>;
  prompt(data: C): RenderedPrompt;
  schema(data: C): z.ZodType<O>;
  /** Who the LLM call is attributed to. */
  attribution(data: C): { userId: string; assignmentId: string; workId: string | null };
  /** Store the validated output and update status and progress, in one transaction. */
  store(deps: PipelineDeps, payload: PayloadOf<K>, data: C, output: O, ctx: StoreContext): Promise<Stored>;
  /** How long follow-ups after the first should wait after a store (the rubric's cache lead), ms. */
  followUpLeadMs?(deps: PipelineDeps, data: C, output: O, followUps: TaskPayload[]): number;
  /** Record a failure that will not be retried, worded for a teacher; returns tasks still owed. */
  fail(deps: PipelineDeps, payload: PayloadOf<K>, reason: string, run: RunInfo): Promise<{ followUps: TaskPayload[] }>;
}
