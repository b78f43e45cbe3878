import { DOCUMENT_REASONS } from '../../shared/api/documents';
import type { Assignment, StudentWork, WorkEntry } from '../../shared/domain';
import { GradeBotError, NotFoundError } from '../errors';
import { readStudentText, syncTextPurgeDates, textDeletedReason, textsDue } from '../retention/student-texts';
import { isOpen, pipelineOf, RUBRIC_FAILED_REASON, withWorks } from './assignment-state';
import type { AdmissionDeps } from './context';
import { enqueueAll } from './enqueue';
import type { TaskPayload } from './payloads';
import { assignmentTransaction } from './transact';
import { updateWork } from './work-patch';

export interface RetryWorkInput {
  userId: string;
  assignmentId: string;
  workId: string;
}

export interface RetryWorkResult {
  /** The grading attempt now queued for the work. */
  attempt: number;
  /** The rubric is being retried too (it had failed). */
  rubricRetried: boolean;
  /**
   * True when this call queued the work again; false when it was already queued (a double click,
   * parallel retries): nothing new was queued, counted or billed.
   */
  requeued: boolean;
}

type Plan = { tasks: TaskPayload[]; result: RetryWorkResult };

/** The UTC day of `at` (YYYY-MM-DD): the per-teacher Retry cap's day. */
const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/** Whole seconds from `at` to the next UTC midnight, when the teacher's Retries renew. */
function secondsToNextUtcDay(at: Date): number {
  const next = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - at.getTime()) / 1000));
}

/**
 * A teacher's Retry on a failed work. With a rubric, the work goes straight to "processing" under a
 * new attempt (a new task name) and its task is queued. Without one (the rubric failed), the
 * rubric is retried in its next round and every work that failed for that reason waits for it as
 * "pending". Either way the assignment reopens, the estimate counts the works again, and when the
 * last reopened work is terminal a new summary round replaces the old summary.
 *
 * Every accepted Retry is a paid model call, so a Retry is accepted only for a failed work and
 * within `settings.retryLimits` (per work; per teacher a UTC day), else `retry_limit`. A Retry of a
 * work already queued again (pending or processing: a double click, parallel calls, a stale card)
 * changes nothing and answers that attempt; it only re-offers the work's current task to the
 * queue, under its current name, which Cloud Tasks refuses while that task exists or ran lately —
 * so it queues something only when an earlier Retry stored its state but could not queue the task.
 * A work stuck open with its task gone is the stall watchdog's (stalls.ts), not a new attempt's.
 */
export async function retryWork(deps: AdmissionDeps, input: RetryWorkInput): Promise<RetryWorkResult> {
  const aRef = deps.paths.assignment(input.assignmentId);
  const wRef = deps.paths.work(input.assignmentId, input.workId);
  const uRef = deps.paths.user(input.userId);
  const plan = await assignmentTransaction(deps, input.assignmentId, async (tx): Promise<Plan> => {
    const [aSnap, wSnap, uSnap, text] = await Promise.all([tx.get(aRef), tx.get(wRef), tx.get(uRef), readStudentText(deps.paths, input.assignmentId, input.workId, tx)]);
    const a = aSnap.data();
    const w = wSnap.data();
    // Someone else's assignment is "not found", not "forbidden": ids are not to be probed.
    if (!a || a.userId !== input.userId || !w) throw new NotFoundError('That student work');
    if (a.status === 'review') throw new GradeBotError('conflict', 'The rubric is waiting for your review: press Start grading first.');
    if (isOpen(w)) return alreadyQueued(a, w);
    if (w.status !== 'failed') throw new GradeBotError('conflict', 'Only a work that failed can be retried.');
    const now = deps.now();
    // Due means deleted or about to be (TTL and cleanup run on their own time): never reopen then.
    if (text.kind === 'deleted' || textsDue(a, now)) throw new GradeBotError('conflict', textDeletedReason(deps.settings.retentionDays));
    if (text.kind === 'not-kept') {
      // The Doc itself is the problem (GradeBot keeps no text for an empty or over-long Doc): say
      // what to change in it. The add-on does not offer Retry for these; this answers a stale card.
      const why = (w.failureReason ?? 'its text is not stored').replace(/\.$/, '');
      const fix = w.failureReason === DOCUMENT_REASONS.empty ? "Add the student's writing to the Doc" : `Shorten the Doc to ${deps.settings.maxWords.toLocaleString('en-US')} words or fewer`;
      throw new GradeBotError('conflict', `Retry can't help with this Doc (${why}). ${fix} and grade it in a new assignment.`);
    }

    const limits = deps.settings.retryLimits;
    if (w.attempts - 1 >= limits.perWork) {
      throw new GradeBotError('retry_limit', `This work was already retried ${limits.perWork} times, the most GradeBot allows for one work. Check the Doc, then grade it in a new assignment.`, {
        scope: 'work',
        limit: limits.perWork,
        retryAfterSeconds: null,
      });
    }
    const user = uSnap.data();
    const day = utcDay(now);
    const usedToday = user?.retries?.day === day ? user.retries.count : 0;
    if (usedToday >= limits.perTeacherPerDay) {
      throw new GradeBotError('retry_limit', `You have retried ${limits.perTeacherPerDay} works today, the most GradeBot allows in a day. Try again tomorrow.`, {
        scope: 'teacher',
        limit: limits.perTeacherPerDay,
        retryAfterSeconds: secondsToNextUtcDay(now),
      });
    }
    // The user document exists for every caller of the API (ensureUser); without it nothing is counted.
    if (user) tx.set(uRef, { ...user, retries: { day, count: usedToday + 1 } });

    const rubricRetry = a.rubric === null;
    const status = rubricRetry ? ('pending' as const) : ('processing' as const);
    const reopen = (e: WorkEntry) => e.id === w.id || (rubricRetry && e.status === 'failed' && e.failureReason === RUBRIC_FAILED_REASON);
    // The work document's count is the truth (the entry's may be missing on old assignments).
    const attemptOf = (e: WorkEntry) => (e.id === w.id ? w.attempts : (e.attempt ?? 0)) + 1;
    for (const e of a.works.filter(reopen)) {
      updateWork(tx, deps.paths, a.id, e.id, { status, failureReason: null, attempts: attemptOf(e), feedback: null, completedAt: null, updatedAt: now });
    }
    const works = a.works.map((e) => (reopen(e) ? { ...e, status, failureReason: null, attempt: attemptOf(e) } : e));
    const p = pipelineOf(a);
    const next = withWorks(
      {
        ...a,
        status: 'processing',
        // A new processing period starts unless one is running; its length is added on completion.
        processingStartedAt: a.status === 'processing' && a.processingStartedAt ? a.processingStartedAt : now,
        completedAt: null,
        purgeTextAt: null,
        pipeline: rubricRetry ? { ...p, rubricRound: p.rubricRound + 1, rubricFailureReason: null } : p,
      },
      works,
      now,
    );
    tx.set(aRef, next);
    syncTextPurgeDates(tx, deps.paths, a, next);
    const attempt = w.attempts + 1;
    return rubricRetry
      ? { tasks: [{ kind: 'rubric', assignmentId: a.id, round: p.rubricRound + 1 }], result: { attempt, rubricRetried: true, requeued: true } }
      : { tasks: [{ kind: 'feedback', assignmentId: a.id, workId: w.id, attempt }], result: { attempt, rubricRetried: false, requeued: true } };
  });
  await enqueueAll(deps, plan.tasks);
  deps.logger.info(plan.result.requeued ? 'work retried' : 'retry of a work already queued', { assignmentId: input.assignmentId, workId: input.workId, ...plan.result });
  return plan.result;
}

/**
 * The answer to a Retry of an open work: its current attempt, and its current task offered to the
 * queue again under the same name (a duplicate unless it was never queued). A pending work with a
 * rubric waits for the fan-out, which queues it.
 */
function alreadyQueued(a: Assignment, w: StudentWork): Plan {
  const p = pipelineOf(a);
  const result = { attempt: w.attempts, rubricRetried: false, requeued: false };
  if (a.rubric === null) return { tasks: [{ kind: 'rubric', assignmentId: a.id, round: p.rubricRound }], result };
  if (w.status === 'processing') return { tasks: [{ kind: 'feedback', assignmentId: a.id, workId: w.id, attempt: w.attempts }], result };
  return { tasks: [], result };
}
