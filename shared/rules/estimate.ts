import type { Assignment } from '../domain/assignment';
import type { TaskKind } from '../domain/common';

/**
 * The processing-time estimate the detail card shows (PRD "Processing Time Estimation"), as pure
 * arithmetic both the backend and the add-on can run.
 *
 * Until the rubric exists we cannot know how the run will go, so we say "Calculating…". After that,
 * the works still to grade (pending or processing; failed works excluded, retried works included
 * because a retry puts them back to pending) run `parallelism` at a time, so the remaining time is
 * the number of waves × the expected feedback duration, plus the summary if it is still to come.
 * Expected durations start at the PRD's constants and switch to this assignment's measured averages
 * as soon as one task of that kind has finished.
 */

/** The PRD's expected duration per task kind, used until measured averages exist. */
export const EXPECTED_TASK_MS: Readonly<Record<TaskKind, number>> = { rubric: 30_000, feedback: 60_000, summary: 45_000 };

export const CALCULATING_TEXT = 'Calculating estimated completion time...';

/** The estimate while the rubric waits for the teacher: nothing runs until they start grading. */
export const REVIEW_TEXT = 'Waiting for you: review the rubric, then press Start grading. Nothing is graded until then.';

/** What the card says instead of a time once an open assignment has been quiet too long (a stall). */
export const STALLED_TEXT = 'Taking longer than expected. GradeBot checks on stalled grading every minute and resumes it; refresh in a few minutes.';

/** When an open assignment counts as stalled: unchanged for `stallAfterMs` at `now`. */
export interface StallCheck {
  now: Date;
  stallAfterMs: number;
}

/**
 * Running (pending or processing) and unchanged for longer than the stall threshold. An assignment
 * waiting for the teacher's rubric review is paused on purpose, never stalled.
 */
export function isStalled(a: Pick<Assignment, 'status' | 'updatedAt'>, check: StallCheck): boolean {
  return (a.status === 'pending' || a.status === 'processing') && check.now.getTime() - a.updatedAt.getTime() > check.stallAfterMs;
}

/** Measured durations: how many tasks of a kind finished and their summed milliseconds. */
export type MeasuredTimings = Partial<Record<TaskKind, { count: number; totalMs: number }>>;

export interface EstimateInput {
  status: 'pending' | 'processing' | 'review' | 'complete';
  rubricDone: boolean;
  /** The summary is stored for the current round (nothing left to summarise). */
  summaryDone: boolean;
  /** Works still to grade: pending + processing. */
  remainingWorks: number;
  /** Works graded successfully (the divisor of the per-work average on completion). */
  completedWorks: number;
  /** How many tasks run at once: the queue's max concurrent dispatches. */
  parallelism: number;
  measured?: MeasuredTimings;
  /** Set on completion. */
  totalProcessingMs?: number | null;
}

export type Estimate =
  | { kind: 'calculating'; text: string; remainingSeconds: null }
  | { kind: 'review'; text: string; remainingSeconds: null }
  | { kind: 'remaining'; text: string; remainingSeconds: number }
  | { kind: 'complete'; text: string; remainingSeconds: 0; totalSeconds: number; perWorkSeconds: number | null };

/** The expected duration of one task of `kind`: the measured average if any, else the PRD's constant. */
export function expectedMs(kind: TaskKind, measured: MeasuredTimings = {}): number {
  const m = measured[kind];
  return m && m.count > 0 ? m.totalMs / m.count : EXPECTED_TASK_MS[kind];
}

/** Seconds left: feedback waves of `parallelism`, then the summary if it is still owed. */
export function remainingSeconds(input: Pick<EstimateInput, 'remainingWorks' | 'parallelism' | 'summaryDone' | 'measured'>): number {
  const parallelism = Math.max(1, Math.floor(input.parallelism));
  const waves = Math.ceil(Math.max(0, input.remainingWorks) / parallelism);
  const feedback = waves * expectedMs('feedback', input.measured);
  const summary = input.summaryDone ? 0 : expectedMs('summary', input.measured);
  return Math.ceil((feedback + summary) / 1000);
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** "N minutes" above two minutes (rounded up, so we do not over-promise), "N seconds" at or below. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return s > 120 ? plural(Math.ceil(s / 60), 'minute') : plural(s, 'second');
}

/** The estimate for the given state. */
export function estimate(input: EstimateInput): Estimate {
  if (input.status === 'complete') {
    const totalSeconds = Math.round((input.totalProcessingMs ?? 0) / 1000);
    const perWorkSeconds = input.completedWorks > 0 ? Math.round((input.totalProcessingMs ?? 0) / 1000 / input.completedWorks) : null;
    const total = `Total processing time: ${totalSeconds > 120 ? plural(Math.round(totalSeconds / 60), 'minute') : plural(totalSeconds, 'second')}`;
    const text = perWorkSeconds === null ? total : `${total} (${plural(perWorkSeconds, 'second')} per student work on average)`;
    return { kind: 'complete', text, remainingSeconds: 0, totalSeconds, perWorkSeconds };
  }
  if (input.status === 'review') return { kind: 'review', text: REVIEW_TEXT, remainingSeconds: null };
  if (!input.rubricDone) return { kind: 'calculating', text: CALCULATING_TEXT, remainingSeconds: null };
  const seconds = remainingSeconds(input);
  return { kind: 'remaining', text: `Estimated time remaining: ${formatDuration(seconds)}`, remainingSeconds: seconds };
}

/**
 * The estimate straight from an assignment document (what the API renders on the detail card).
 * With `stall`, an open assignment quiet past the threshold says so ({@link STALLED_TEXT}) rather
 * than promising a time it has already overrun.
 */
export function estimateForAssignment(
  a: Pick<Assignment, 'status' | 'progress' | 'works' | 'totalProcessingMs' | 'pipeline' | 'updatedAt'>,
  parallelism: number,
  stall?: StallCheck,
): Estimate {
  if (stall && isStalled(a, stall)) return { kind: 'calculating', text: STALLED_TEXT, remainingSeconds: null };
  const remainingWorks = a.works.filter((w) => w.status === 'pending' || w.status === 'processing').length;
  const completedWorks = a.works.filter((w) => w.status === 'completed').length;
  return estimate({
    status: a.status,
    rubricDone: a.progress.rubricDone,
    summaryDone: !summaryOwed(a, remainingWorks, completedWorks),
    remainingWorks,
    completedWorks,
    parallelism,
    measured: a.pipeline?.timing,
    totalProcessingMs: a.totalProcessingMs,
  });
}

/** A summary is still to come while works remain, or when graded works exist and the latest round is not stored. */
function summaryOwed(a: Pick<Assignment, 'progress' | 'pipeline'>, remainingWorks: number, completedWorks: number): boolean {
  if (remainingWorks > 0) return true;
  if (completedWorks === 0) return false;
  const p = a.pipeline;
  return p ? p.summaryStoredRound < p.summaryRound || p.summaryRound === 0 : !a.progress.summaryDone;
}
