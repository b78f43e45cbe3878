import { DOCUMENT_REASONS } from '../../shared/api/documents';
import type { WorkEntry } from '../../shared/domain';
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
}

type Plan = { tasks: TaskPayload[]; result: RetryWorkResult };

/**
 * A teacher's Retry on a failed work. With a rubric, the work goes straight to "processing" under a
 * new attempt (a new task name) and its task is queued. Without one (the rubric failed), the
 * rubric is retried in its next round and every work that failed for that reason waits for it as
 * "pending". Either way the assignment reopens, the estimate counts the works again, and when the
 * last reopened work is terminal a new summary round replaces the old summary.
 *
 * An open work (stuck in processing, or an earlier Retry stored its state but could not queue the
 * task) is restarted the same way under a fresh name: the next attempt, or the next rubric round
 * while the rubric is still missing. Never under its current name: Cloud Tasks keeps a name that
 * ran reserved for about an hour, so re-queueing it would be refused as a duplicate and nothing
 * would run. A delivery of the superseded attempt or round that is still under way finds itself
 * stale and stores nothing.
 */
export async function retryWork(deps: AdmissionDeps, input: RetryWorkInput): Promise<RetryWorkResult> {
  const aRef = deps.paths.assignment(input.assignmentId);
  const wRef = deps.paths.work(input.assignmentId, input.workId);
  const plan = await assignmentTransaction(deps, input.assignmentId, async (tx): Promise<Plan> => {
    const [aSnap, wSnap, text] = await Promise.all([tx.get(aRef), tx.get(wRef), readStudentText(deps.paths, input.assignmentId, input.workId, tx)]);
    const a = aSnap.data();
    const w = wSnap.data();
    // Someone else's assignment is "not found", not "forbidden": ids are not to be probed.
    if (!a || a.userId !== input.userId || !w) throw new NotFoundError('That student work');
    if (a.status === 'review') throw new GradeBotError('conflict', 'The rubric is waiting for your review: press Start grading first.');
    if (w.status !== 'failed' && !isOpen(w)) throw new GradeBotError('conflict', 'Only a work that failed can be retried.');
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
      ? { tasks: [{ kind: 'rubric', assignmentId: a.id, round: p.rubricRound + 1 }], result: { attempt, rubricRetried: true } }
      : { tasks: [{ kind: 'feedback', assignmentId: a.id, workId: w.id, attempt }], result: { attempt, rubricRetried: false } };
  });
  await enqueueAll(deps, plan.tasks);
  deps.logger.info('work retried', { assignmentId: input.assignmentId, workId: input.workId, ...plan.result });
  return plan.result;
}
