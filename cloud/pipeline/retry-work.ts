import { GradeBotError, NotFoundError } from '../errors';
import type { Assignment, StudentWork } from '../../shared/domain';
import { isOpen, pipelineOf, RUBRIC_FAILED_REASON, withWorks } from './assignment-state';
import type { AdmissionDeps } from './context';
import { enqueueAll } from './enqueue';
import type { TaskPayload } from './payloads';

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

/**
 * A teacher's Retry on a failed work: the work goes back to pending under a new attempt (a new task
 * name), the assignment reopens, and the estimate counts the work again. If the rubric had failed,
 * the rubric is retried (next round) and every work that failed for that reason comes along. When
 * the last reopened work is terminal again a new summary round replaces the old summary.
 *
 * A pending work with a rubric is re-queued as it is (same task name): the recovery when a
 * previous Retry stored its state but could not queue the task.
 */
export async function retryWork(deps: AdmissionDeps, input: RetryWorkInput): Promise<RetryWorkResult> {
  const aRef = deps.paths.assignment(input.assignmentId);
  const wRef = deps.paths.work(input.assignmentId, input.workId);
  const { tasks, result } = await deps.db.runTransaction(async (tx) => {
    const [aSnap, wSnap] = await Promise.all([tx.get(aRef), tx.get(wRef)]);
    const a = aSnap.data();
    const w = wSnap.data();
    // Someone else's assignment is "not found", not "forbidden": ids are not to be probed.
    if (!a || a.userId !== input.userId || !w) throw new NotFoundError('That student work');
    if (w.status === 'pending') {
      const p = pipelineOf(a);
      if (a.rubric) return { tasks: [{ kind: 'feedback', assignmentId: a.id, workId: w.id, attempt: w.attempts }] as TaskPayload[], result: { attempt: w.attempts, rubricRetried: false } };
      if (p.rubricFailureReason === null) return { tasks: [{ kind: 'rubric', assignmentId: a.id, round: p.rubricRound }] as TaskPayload[], result: { attempt: w.attempts, rubricRetried: true } };
    }
    if (w.status !== 'failed') throw new GradeBotError('conflict', 'Only a work that failed can be retried.');
    if (w.text === null) throw new GradeBotError('conflict', `This Doc cannot be graded: ${w.failureReason ?? 'its text is not stored'}. Fix the Doc and create a new assignment.`);

    const now = deps.now();
    const rubricRetry = a.rubric === null;
    // Works reopened by this Retry: the one asked for, and with a failed rubric all that failed for it.
    const reopen = (e: Assignment['works'][number]) => e.id === w.id || (rubricRetry && e.status === 'failed' && e.failureReason === RUBRIC_FAILED_REASON);
    const reopened = a.works.filter(reopen);
    const works = a.works.map((e) => (reopen(e) ? { ...e, status: 'pending' as const, failureReason: null, attempt: (e.attempt ?? 0) + 1 } : e));
    for (const e of reopened) {
      const patch: Partial<StudentWork> = { status: 'pending', failureReason: null, attempts: (e.attempt ?? 0) + 1, feedback: null, completedAt: null, updatedAt: now };
      tx.update(deps.paths.work(a.id, e.id), patch);
    }
    const p = pipelineOf(a);
    const wasOpen = a.works.some(isOpen);
    const next = withWorks(
      {
        ...a,
        status: a.status === 'pending' ? 'pending' : 'processing',
        // A new processing period starts unless one is running; its length is added on completion.
        processingStartedAt: wasOpen && a.processingStartedAt ? a.processingStartedAt : now,
        completedAt: null,
        purgeTextAt: null,
        pipeline: rubricRetry ? { ...p, rubricRound: p.rubricRound + 1, rubricFailureReason: null } : p,
      },
      works,
      now,
    );
    tx.set(aRef, next);
    const attempt = (w.attempts ?? 0) + 1;
    const tasks: TaskPayload[] = rubricRetry
      ? [{ kind: 'rubric', assignmentId: a.id, round: p.rubricRound + 1 }]
      : [{ kind: 'feedback', assignmentId: a.id, workId: w.id, attempt }];
    return { tasks, result: { attempt, rubricRetried: rubricRetry } };
  });
  await enqueueAll(deps, tasks);
  deps.logger.info('work retried', { assignmentId: input.assignmentId, workId: input.workId, ...result });
  return result;
}
