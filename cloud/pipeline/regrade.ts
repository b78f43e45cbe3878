import type { RegradeScope } from '../../shared/api';
import { regradeTargets } from '../../shared/rules/regrade';
import { GradeBotError, NotFoundError } from '../errors';
import { syncTextPurgeDates, textDeletedReason, textsDue } from '../retention/student-texts';
import { openFeedback, pipelineOf, withWorks } from './assignment-state';
import type { AdmissionDeps } from './context';
import { enqueueAll } from './enqueue';
import { feedbackCacheLeadMs } from './kinds/rubric-task';
import type { TaskPayload } from './payloads';
import { assignmentTransaction } from './transact';
import { updateWork } from './work-patch';

export interface RegradeInput {
  userId: string;
  assignmentId: string;
  scope: RegradeScope;
  /** Names this re-grade (one per confirmation card): a repeat of it starts nothing more. */
  regradeId: string;
}

export interface RegradeResult {
  /** Works put back into grading by this call (0 for a repeat). */
  works: number;
  repeated: boolean;
}

/**
 * Re-grade after a rubric change: the chosen graded works go back to "processing" under their
 * next attempt (a new task name each) with their feedback — the teacher's edits included — cleared,
 * and one feedback task each is queued; when the last is stored a new summary round follows, as
 * after a Retry. Nothing is counted against the quota (the assignment was counted once, at
 * admission); each model call records its cost like any other.
 *
 * Idempotent: the re-grade's id is kept on the assignment, so a double click or a retried request
 * finds it and only re-queues the open works' tasks under the same names (Cloud Tasks drops the
 * duplicates).
 */
export async function regrade(deps: AdmissionDeps, input: RegradeInput): Promise<RegradeResult> {
  const ref = deps.paths.assignment(input.assignmentId);
  const plan = await assignmentTransaction(deps, input.assignmentId, async (tx): Promise<{ tasks: TaskPayload[]; leadMs: number; result: RegradeResult }> => {
    const a = (await tx.get(ref)).data();
    if (!a || a.userId !== input.userId) throw new NotFoundError('That assignment');
    const p = pipelineOf(a);
    if (p.lastRegradeId === input.regradeId) return { tasks: openFeedback(a), leadMs: 0, result: { works: 0, repeated: true } };
    if (a.status === 'review') throw new GradeBotError('conflict', 'Nothing is graded yet: press Start grading to grade with this rubric.');
    if (a.status !== 'complete') throw new GradeBotError('conflict', 'GradeBot is still grading this assignment. Re-grade when it is complete.');
    const now = deps.now();
    if (textsDue(a, now)) throw new GradeBotError('conflict', textDeletedReason(deps.settings.retentionDays));
    const targets = new Set(regradeTargets(a.works, a.rubric, input.scope).map((w) => w.id));
    if (targets.size === 0) {
      throw new GradeBotError('conflict', input.scope === 'changed' ? 'Every work was graded with this version of the rubric.' : 'No graded work to re-grade.');
    }
    const works = a.works.map((w) => {
      if (!targets.has(w.id)) return w;
      const { levelIds: _l, rubricRevision: _r, ...entry } = w;
      return { ...entry, status: 'processing' as const, failureReason: null, attempt: (w.attempt ?? 1) + 1 };
    });
    for (const w of works.filter((x) => targets.has(x.id))) {
      updateWork(tx, deps.paths, a.id, w.id, { status: 'processing', failureReason: null, attempts: w.attempt, feedback: null, completedAt: null, updatedAt: now });
    }
    const next = withWorks(
      { ...a, status: 'processing', processingStartedAt: now, completedAt: null, purgeTextAt: null, pipeline: { ...p, lastRegradeId: input.regradeId, regrades: (p.regrades ?? 0) + 1 } },
      works,
      now,
    );
    tx.set(ref, next);
    syncTextPurgeDates(tx, deps.paths, a, next);
    const tasks = openFeedback(next);
    const leadMs = tasks.length > 1 && a.rubric ? feedbackCacheLeadMs(deps.settings, next, a.rubric) : 0;
    return { tasks, leadMs, result: { works: targets.size, repeated: false } };
  });
  await enqueueAll(deps, plan.tasks, { leadMs: plan.leadMs });
  deps.logger.info('re-grade started', { assignmentId: input.assignmentId, scope: input.scope, ...plan.result });
  return plan.result;
}
