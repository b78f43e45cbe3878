import { DEFAULT_GRADING_SETTINGS } from '../../../shared/domain';
import { detailOf, txAssignmentAndSummary } from '../assignment-reads';
import type { RouteHandlers } from '../route-types';
import { documentId } from '../validate';

type Handlers = Pick<RouteHandlers, 'getGradingSettings' | 'saveGradingSettings' | 'editAssignmentSettings'>;

/**
 * Grading settings (issue 16): the teacher's defaults, copied onto each new assignment, and one
 * assignment's own, which the feedback prompt reads every time a work of it is graded.
 */
export const settingsHandlers: Handlers = {
  async getGradingSettings(_ctx, { teacher }) {
    return { settings: (await teacher.user()).gradingSettings ?? DEFAULT_GRADING_SETTINGS };
  },

  async saveGradingSettings(ctx, { teacher, body }) {
    await teacher.user();
    await ctx.paths.user(teacher.id).update({ gradingSettings: body, updatedAt: ctx.now() });
    return { settings: body };
  },

  async editAssignmentSettings(ctx, { teacher, params, body, reads }) {
    const id = documentId(params.assignmentId, 'That assignment');
    return ctx.db.runTransaction(async (tx) => {
      const { assignment, summary } = await txAssignmentAndSummary(tx, ctx.paths, reads, teacher.id, id);
      const updated = { ...assignment, gradingSettings: body, updatedAt: ctx.now() };
      tx.set(ctx.paths.assignment(id), updated);
      return detailOf(updated, summary, ctx);
    });
  },
};
