import { GradeBotError, NotFoundError } from '../errors';
import { recordAssignmentTransition } from '../metrics/processing-rollups';
import { syncTextPurgeDates } from '../retention/student-texts';
import { afterTerminal, openFeedback, withWorks } from './assignment-state';
import type { AdmissionDeps } from './context';
import { enqueueAll } from './enqueue';
import { feedbackCacheLeadMs } from './kinds/rubric-task';
import type { TaskPayload } from './payloads';
import { assignmentTransaction } from './transact';
import { updateWork } from './work-patch';

export interface StartGradingInput {
  userId: string;
  assignmentId: string;
}

/**
 * The teacher approved the rubric ("Start grading"): the works waiting in review become
 * "processing" and one feedback task each is queued — the fan-out the rubric task skipped. A repeat
 * (a double click, a retry after a timeout) finds the assignment grading and only queues the open
 * works' tasks again, under the same names, which Cloud Tasks de-duplicates: one grading per work.
 */
export async function startGrading(deps: AdmissionDeps, input: StartGradingInput): Promise<{ started: boolean }> {
  const ref = deps.paths.assignment(input.assignmentId);
  const plan = await assignmentTransaction(deps, input.assignmentId, async (tx): Promise<{ tasks: TaskPayload[]; leadMs: number; started: boolean }> => {
    const a = (await tx.get(ref)).data();
    if (!a || a.userId !== input.userId) throw new NotFoundError('That assignment');
    if (!a.rubric) throw new GradeBotError('conflict', 'GradeBot is still creating the rubric. Refresh in a moment.');
    if (a.status !== 'review') return { tasks: openFeedback(a), leadMs: 0, started: false };
    const now = deps.now();
    for (const w of a.works.filter((x) => x.status === 'pending')) updateWork(tx, deps.paths, a.id, w.id, { status: 'processing', updatedAt: now });
    const works = a.works.map((w) => (w.status === 'pending' ? { ...w, status: 'processing' as const } : w));
    // Grading is a new processing period (the review time is not processing time).
    let next = withWorks({ ...a, status: 'processing', processingStartedAt: now }, works, now);
    let tasks = openFeedback(next);
    if (tasks.length === 0) ({ assignment: next, followUps: tasks } = afterTerminal(next, now, deps.settings.retentionDays));
    tx.set(ref, next);
    syncTextPurgeDates(tx, deps.paths, a, next);
    recordAssignmentTransition(tx, deps.paths, { ...a, status: 'processing', processingStartedAt: now }, next);
    const leadMs = tasks.filter((t) => t.kind === 'feedback').length > 1 ? feedbackCacheLeadMs(deps.settings, next, a.rubric) : 0;
    return { tasks, leadMs, started: true };
  });
  await enqueueAll(deps, plan.tasks, { leadMs: plan.leadMs });
  deps.logger.info('grading started', { assignmentId: input.assignmentId, works: plan.tasks.length, started: plan.started });
  return { started: plan.started };
}
