import type { Assignment } from '../domain/assignment';
import { CALCULATING_TEXT, type Estimate, expectedMs, formatDuration } from './estimate';

/**
 * The estimate when Claude is failing: works whose task failed with a retryable error and waits
 * for the queue's next delivery (`retryAt`, set by the pipeline) cannot finish before that
 * delivery and one more run, so the time left is at least the longest such wait plus a feedback
 * run (plus the summary), and the card says why it is longer: "Claude is busy — retrying". Kept
 * apart from estimate.ts: it only adjusts an estimate made there.
 */

export const RETRYING_TEXT = 'Claude is busy — retrying';

type RetryFields = Pick<Assignment, 'status' | 'works' | 'pipeline' | 'progress'>;

/** Milliseconds until each step waiting on a retry is delivered again (only future waits). */
export function retryWaits(a: RetryFields, now: Date): { works: number[]; rubric: number | null; summary: number | null } {
  const left = (d: Date | null | undefined) => (d && d.getTime() > now.getTime() ? d.getTime() - now.getTime() : null);
  const open = a.works.filter((w) => w.status === 'pending' || w.status === 'processing');
  const works = open.map((w) => left(w.retryAt)).filter((ms): ms is number => ms !== null);
  const p = a.pipeline;
  const rubric = a.progress.rubricDone ? null : left(p?.retryAt?.rubric);
  const summaryOwed = p ? p.summaryStoredRound < p.summaryRound : false;
  const summary = summaryOwed && open.length === 0 ? left(p?.retryAt?.summary) : null;
  return { works, rubric, summary };
}

/** `base` (from estimateForAssignment) with the retries the pipeline knows about. */
export function withKnownRetries(base: Estimate, a: RetryFields, now: Date): Estimate {
  // Complete, or paused for the teacher's rubric review: nothing waits on Claude.
  if (base.kind === 'complete' || base.kind === 'review' || a.status === 'complete') return base;
  const waits = retryWaits(a, now);
  if (waits.works.length === 0 && waits.rubric === null && waits.summary === null) return base;
  if (base.kind === 'calculating') return { ...base, text: `${RETRYING_TEXT}. ${CALCULATING_TEXT}` };
  const measured = a.pipeline?.timing;
  const summaryMs = expectedMs('summary', measured);
  const afterWorks = waits.works.length > 0 ? Math.max(...waits.works) + expectedMs('feedback', measured) + summaryMs : 0;
  const afterSummary = waits.summary !== null ? waits.summary + summaryMs : 0;
  const seconds = Math.max(base.remainingSeconds, Math.ceil(Math.max(afterWorks, afterSummary) / 1000));
  return { kind: 'remaining', text: `${RETRYING_TEXT}. Estimated time remaining: ${formatDuration(seconds)}`, remainingSeconds: seconds };
}
