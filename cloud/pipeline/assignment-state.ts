import { type Assignment, initialPipelineState, type PipelineState, type TaskKind, type WorkEntry } from '../../shared/domain';
import type { TaskPayload } from './payloads';

/**
 * Pure transitions of the assignment document, which carries everything the detail card shows:
 * status, progress, the compact works list and the pipeline's rounds. Every transaction in the
 * pipeline reads the assignment, applies one of these and writes it back, so counters are derived
 * from the works list rather than incremented — a work counted twice is impossible by construction.
 */

/** The reason works get when the rubric could not be made; a retry of any of them retries the rubric. */
export const RUBRIC_FAILED_REASON = 'Rubric could not be created — Retry';

export const isOpen = (w: Pick<WorkEntry, 'status'>) => w.status === 'pending' || w.status === 'processing';

export function pipelineOf(a: Assignment): PipelineState {
  return a.pipeline ?? initialPipelineState();
}

/** Progress recomputed from the works list (rubric and summary flags as given). */
export function withWorks(a: Assignment, works: WorkEntry[], now: Date): Assignment {
  return {
    ...a,
    works,
    progress: {
      ...a.progress,
      total: works.length,
      completed: works.filter((w) => w.status === 'completed').length,
      failed: works.filter((w) => w.status === 'failed').length,
    },
    updatedAt: now,
  };
}

/** One work's line changed. */
export function withWork(a: Assignment, workId: string, patch: Partial<WorkEntry>, now: Date): Assignment {
  if (!a.works.some((w) => w.id === workId)) throw new Error(`assignment ${a.id} has no work ${workId}`);
  return withWorks(a, a.works.map((w) => (w.id === workId ? { ...w, ...patch } : w)), now);
}

/** The pipeline has started on this assignment (idempotent). */
export function started(a: Assignment, now: Date): Assignment {
  if (a.status !== 'pending') return a;
  return { ...a, status: 'processing', processingStartedAt: now, updatedAt: now };
}

/**
 * The rubric is stored and waits for the teacher ("Rubric ready for review"): the works stay
 * pending and nothing is queued. The processing period so far is added to the total, so the time
 * the teacher takes to review is not counted as processing; Start grading opens the next period.
 */
export function awaitingReview(a: Assignment, now: Date): Assignment {
  const since = a.processingStartedAt ?? a.createdAt;
  return { ...a, status: 'review', totalProcessingMs: (a.totalProcessingMs ?? 0) + Math.max(0, now.getTime() - since.getTime()), updatedAt: now };
}

/** Add one measured run to the kind's running totals (for the estimate's averages). */
export function timed(a: Assignment, kind: TaskKind, durationMs: number): Assignment {
  const p = pipelineOf(a);
  const t = p.timing[kind];
  return { ...a, pipeline: { ...p, timing: { ...p.timing, [kind]: { count: t.count + 1, totalMs: t.totalMs + Math.max(0, Math.round(durationMs)) } } } };
}

/** Finished: the processing period is added to the total, and the student text gets its purge date. */
export function completed(a: Assignment, now: Date, retentionDays: number): Assignment {
  if (a.status === 'complete') return a;
  const since = a.processingStartedAt ?? a.createdAt;
  return {
    ...a,
    status: 'complete',
    completedAt: now,
    totalProcessingMs: (a.totalProcessingMs ?? 0) + Math.max(0, now.getTime() - since.getTime()),
    purgeTextAt: new Date(now.getTime() + retentionDays * 86_400_000),
    updatedAt: now,
  };
}

/** The summary task still owed for the current round, if any (for re-enqueueing on a redelivery). */
export function owedSummary(a: Assignment): TaskPayload[] {
  const p = pipelineOf(a);
  const owed = a.works.every((w) => !isOpen(w)) && p.summaryRound > p.summaryStoredRound && p.summaryFailureReason === null && a.status !== 'complete';
  return owed ? [{ kind: 'summary', assignmentId: a.id, round: p.summaryRound }] : [];
}

/**
 * Fan-in, called in the transaction that made a work terminal: when no work is open any more,
 * start the next summary round (enqueued once, after the commit, under that round's name) — or,
 * with nothing graded to summarise, complete the assignment now.
 */
export function afterTerminal(a: Assignment, now: Date, retentionDays: number): { assignment: Assignment; followUps: TaskPayload[] } {
  if (a.works.some(isOpen)) return { assignment: a, followUps: [] };
  if (!a.works.some((w) => w.status === 'completed')) return { assignment: completed(a, now, retentionDays), followUps: [] };
  const p = pipelineOf(a);
  const round = p.summaryRound + 1;
  return {
    assignment: { ...a, pipeline: { ...p, summaryRound: round, summaryFailureReason: null } },
    followUps: [{ kind: 'summary', assignmentId: a.id, round }],
  };
}

/**
 * Feedback tasks for every open work (the fan-out; re-run safely on a redelivery, the names being
 * deterministic). Called once the rubric exists, when every open work is "processing" — none while
 * the rubric waits for the teacher's review.
 */
export function openFeedback(a: Assignment): TaskPayload[] {
  // In review nothing is graded until the teacher starts grading (their works wait as "pending").
  if (a.status === 'review') return [];
  return a.works
    .filter(isOpen)
    .map((w) => ({ kind: 'feedback' as const, assignmentId: a.id, workId: w.id, attempt: w.attempt ?? 1 }));
}
