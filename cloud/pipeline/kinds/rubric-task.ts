import { renderPrompt } from '../../../prompts/render';
import { createFeedbackOutputSchema, type RubricOutput, rubricOutputSchemaFor } from '../../../prompts/schemas';
import type { Assignment, Rubric } from '../../../shared/domain';
import { MODEL_PRICES } from '../../../shared/rules/pricing';
import type { PipelineDeps } from '../context';
import { cacheablePrefixTokens } from '../prefix-tokens';
import { afterTerminal, awaitingReview, isOpen, openFeedback, pipelineOf, RUBRIC_FAILED_REASON, started, timed, withWorks } from '../assignment-state';
import { recordTaskCompleted } from '../../stats/record';
import { recordAssignmentTransition } from '../../metrics/processing-rollups';
import { syncTextPurgeDates } from '../../retention/student-texts';
import type { TaskSpec } from '../task-spec';
import { assignmentTransaction } from '../transact';
import { updateWork } from '../work-patch';
import { promptAssignment } from './prompt-data';

interface RubricData {
  assignment: Assignment;
}

/** The stored rubric: ids by position (c1, c1-l1…), levels best first as the schema asks. */
export function toRubric(out: RubricOutput, source: Rubric['source'], now: Date): Rubric {
  return {
    source,
    createdAt: now,
    criteria: out.criteria.map((c, i) => ({
      id: `c${i + 1}`,
      title: c.title,
      description: c.description,
      position: i,
      levels: c.levels.map((l, j) => ({ id: `c${i + 1}-l${j + 1}`, title: l.title, description: l.description, position: j, points: l.points ?? null })),
    })),
  };
}

/**
 * How long the fan-out's followers wait for the first feedback call's cache write: the configured
 * lead when the shared prefix is long enough for the feedback model to cache, else 0.
 */
export function feedbackCacheLeadMs(settings: Pick<PipelineDeps['settings'], 'cacheLeadMs' | 'feedbackModel'>, a: Assignment, rubric: Rubric): number {
  if (settings.cacheLeadMs === 0) return 0;
  const prompt = renderPrompt('feedback', { assignment: promptAssignment(a), rubric, studentText: '' });
  const minimum = MODEL_PRICES[settings.feedbackModel]?.minCacheableTokens ?? Number.POSITIVE_INFINITY;
  return cacheablePrefixTokens(prompt, createFeedbackOutputSchema(rubric)) >= minimum ? settings.cacheLeadMs : 0;
}

/** Why a rubric task of `round` has nothing to do on this assignment, if it has nothing to do. */
function staleReason(a: Assignment | undefined, round: number): string | undefined {
  if (!a) return 'assignment not found';
  const p = pipelineOf(a);
  if (round !== p.rubricRound) return `round ${round} superseded by ${p.rubricRound}`;
  if (p.rubricFailureReason !== null) return 'rubric already failed';
  return undefined;
}

/**
 * Rubric: generate one from the assignment, or structure the pasted one. On success the rubric is
 * stored, the waiting works become "processing" and one feedback task per work is queued (the
 * fan-out; a redelivery queues them again and Cloud Tasks de-duplicates by name). On failure every open work fails with
 * RUBRIC_FAILED_REASON and the assignment completes — a retry of any of them retries the rubric.
 */
export const rubricTask: TaskSpec<'rubric', RubricData, RubricOutput> = {
  kind: 'rubric',
  template: 'rubric',

  async collect(deps, payload) {
    const ref = deps.paths.assignment(payload.assignmentId);
    return assignmentTransaction(deps, payload.assignmentId, async (tx) => {
      const a = (await tx.get(ref)).data();
      const stale = staleReason(a, payload.round);
      if (stale || !a) return { kind: 'skip', reason: stale ?? 'assignment not found', followUps: [] };
      if (a.rubric) return { kind: 'skip', reason: 'rubric already stored', followUps: openFeedback(a) };
      const now = deps.now();
      const next = started(a, now);
      if (next !== a) tx.set(ref, next);
      return { kind: 'run', data: { assignment: next } };
    });
  },

  prompt: ({ assignment: a }) => renderPrompt('rubric', { assignment: promptAssignment(a), mode: a.rubricMode, pastedRubric: a.rawRubricText }),
  // A pasted rubric keeps the teacher's counts (1–12 criteria, 1–10 levels); a generated one has the PRD's 3–5 × 3–4.
  schema: ({ assignment: a }) => rubricOutputSchemaFor(a.rubricMode),
  attribution: ({ assignment: a }) => ({ userId: a.userId, assignmentId: a.id, workId: null }),

  async store(deps, payload, _data, output, ctx) {
    const ref = deps.paths.assignment(payload.assignmentId);
    return assignmentTransaction(deps, payload.assignmentId, async (tx) => {
      const a = (await tx.get(ref)).data();
      if (staleReason(a, payload.round) || !a) return { stored: false, followUps: [] };
      if (a.rubric) return { stored: false, followUps: openFeedback(a) };
      const now = deps.now();
      const source = a.rubricMode === 'paste' ? 'pasted' : 'generated';
      if (a.reviewRubric) {
        // The teacher reviews the rubric first: store it and wait; Start grading fans out (start-grading.ts).
        const next = awaitingReview(timed({ ...started(a, now), rubric: toRubric(output, source, now), progress: { ...a.progress, rubricDone: true } }, 'rubric', ctx.elapsedMs), now);
        tx.set(ref, next);
        await recordTaskCompleted(tx, deps.paths, { userId: a.userId, at: now, kind: 'rubric' });
        ctx.clearMemo(tx);
        return { stored: true, followUps: [] };
      }
      // Fan-out: every waiting work is now in the pipeline's hands ("processing") and gets its task.
      const waiting = a.works.filter((w) => w.status === 'pending');
      for (const w of waiting) updateWork(tx, deps.paths, a.id, w.id, { status: 'processing', updatedAt: now });
      const works = a.works.map((w) => (w.status === 'pending' ? { ...w, status: 'processing' as const } : w));
      let next = timed(withWorks({ ...started(a, now), rubric: toRubric(output, source, now), progress: { ...a.progress, rubricDone: true } }, works, now), 'rubric', ctx.elapsedMs);
      let followUps = openFeedback(next);
      // Nothing to grade (only possible after odd retries): settle the assignment now.
      if (followUps.length === 0) ({ assignment: next, followUps } = afterTerminal(next, now, deps.settings.retentionDays));
      tx.set(ref, next);
      syncTextPurgeDates(tx, deps.paths, a, next);
      recordAssignmentTransition(tx, deps.paths, a, next);
      await recordTaskCompleted(tx, deps.paths, { userId: a.userId, at: now, kind: 'rubric' });
      ctx.clearMemo(tx);
      return { stored: true, followUps };
    });
  },

  /** Let the first feedback call write the prompt cache before the others read it. */
  followUpLeadMs(deps, data, output, followUps) {
    if (followUps.filter((f) => f.kind === 'feedback').length < 2) return 0;
    return feedbackCacheLeadMs(deps.settings, data.assignment, toRubric(output, 'generated', deps.now()));
  },

  async fail(deps: PipelineDeps, payload, reason) {
    const ref = deps.paths.assignment(payload.assignmentId);
    return assignmentTransaction(deps, payload.assignmentId, async (tx) => {
      const a = (await tx.get(ref)).data();
      if (staleReason(a, payload.round) || !a || a.rubric) return { followUps: [] };
      const now = deps.now();
      for (const w of a.works.filter(isOpen)) {
        updateWork(tx, deps.paths, a.id, w.id, { status: 'failed', failureReason: RUBRIC_FAILED_REASON, updatedAt: now });
      }
      const works = a.works.map((w) => (isOpen(w) ? { ...w, status: 'failed' as const, failureReason: RUBRIC_FAILED_REASON } : w));
      const failed = withWorks({ ...started(a, now), pipeline: { ...pipelineOf(a), rubricFailureReason: reason } }, works, now);
      const { assignment, followUps } = afterTerminal(failed, now, deps.settings.retentionDays);
      tx.set(ref, assignment);
      syncTextPurgeDates(tx, deps.paths, a, assignment);
      recordAssignmentTransition(tx, deps.paths, a, assignment);
      return { followUps };
    });
  },
};
