import { GradeBotError } from '../../errors';
import { ASSIGNMENT_NOT_FOUND, detailOf, ownedAssignment, txAssignmentAndSummary } from '../assignment-reads';
import { applyRubricEdit } from '../rubric-edits';
import type { RouteHandlers } from '../route-types';
import { documentId } from '../validate';

type Handlers = Pick<RouteHandlers, 'editRubric' | 'startGrading' | 'regrade'>;

/**
 * The teacher's rubric: edit it while it waits for review or once grading is complete, start
 * grading, re-grade after a change. Each answers with the assignment's detail (one call renders the
 * next card).
 */
export const rubricHandlers: Handlers = {
  async editRubric(ctx, { teacher, params, body, reads }) {
    const id = documentId(params.assignmentId, ASSIGNMENT_NOT_FOUND);
    return ctx.db.runTransaction(async (tx) => {
      const { assignment, summary } = await txAssignmentAndSummary(tx, ctx.paths, reads, teacher.id, id);
      if (!assignment.rubric) throw new GradeBotError('conflict', 'GradeBot is still creating the rubric. Refresh in a moment.');
      if (assignment.status !== 'review' && assignment.status !== 'complete') {
        throw new GradeBotError('conflict', 'GradeBot is grading with this rubric right now. Edit it when grading is complete.');
      }
      const now = ctx.now();
      const edit = applyRubricEdit(assignment.rubric, body, now);
      if (!edit.changed) return detailOf(assignment, summary, ctx);
      const updated = { ...assignment, rubric: edit.rubric, updatedAt: now };
      tx.set(ctx.paths.assignment(id), updated);
      return detailOf(updated, summary, ctx);
    });
  },

  async startGrading(ctx, { teacher, params, reads }) {
    const id = documentId(params.assignmentId, ASSIGNMENT_NOT_FOUND);
    await ownedAssignment(ctx.paths, reads, teacher.id, id);
    const a = await ctx.services.startGrading({ userId: teacher.id, assignmentId: id });
    return detailOf(a, null, ctx);
  },

  async regrade(ctx, { teacher, params, body, reads }) {
    const id = documentId(params.assignmentId, ASSIGNMENT_NOT_FOUND);
    await ownedAssignment(ctx.paths, reads, teacher.id, id);
    const a = await ctx.services.regrade({ userId: teacher.id, assignmentId: id, scope: body.scope, regradeId: body.regradeId });
    // A repeat of a re-grade that has since finished answers with its summary.
    const summary = a.status === 'complete' && a.progress.summaryDone ? ((await reads.get(ctx.paths.summary(id))).data() ?? null) : null;
    return detailOf(a, summary, ctx);
  },
};
