import { deleteAssignmentData } from '../../account/delete-assignment';
import { QuotaExceededError } from '../../billing/errors';
import { GradeBotError } from '../../errors';
import { recordAssignmentCreated, recordAssignmentDeleted, recordFeedbackEdited } from '../../stats/record';
import { listAssignments } from '../assignment-list';
import { assignmentDetail, detailOf, ownedAssignment, txAssignmentAndSummary } from '../assignment-reads';
import type { Teacher } from '../authenticate';
import { editText } from '../feedback-edits';
import type { ApiContext, RouteHandlers } from '../route-types';
import { documentId } from '../validate';

type Handlers = Pick<RouteHandlers, 'createAssignment' | 'listAssignments' | 'getAssignment' | 'deleteAssignment' | 'editSummary'>;

/** A free teacher at the limit is sent to Checkout: attach the URL, or null if Stripe failed now. */
async function withCheckoutUrl(ctx: ApiContext, teacher: Teacher, err: QuotaExceededError): Promise<QuotaExceededError> {
  try {
    return err.withCheckoutUrl(await ctx.services.createCheckoutUrl(await teacher.user()));
  } catch (checkoutErr) {
    ctx.logger.warn('checkout url for free_limit failed', { userId: teacher.id, err: checkoutErr instanceof Error ? checkoutErr : String(checkoutErr) });
    return new QuotaExceededError(err.check, { checkoutUrl: null });
  }
}

/**
 * Stats are counted after the admission committed. A failure here must not turn a created
 * assignment into an error (the client would retry, replay, and count nothing either), so it is
 * logged at ERROR for the operator instead.
 */
async function countCreation(ctx: ApiContext, teacher: Teacher, a: Parameters<typeof detailOf>[0]): Promise<void> {
  try {
    await recordAssignmentCreated(ctx.db, ctx.paths, {
      userId: teacher.id,
      timeZone: teacher.timeZone,
      at: a.createdAt,
      works: a.works.length,
      rejectedAtIntake: a.works.filter((w) => w.status === 'failed').length,
      rubricMode: a.rubricMode,
      feedbackTone: a.feedbackTone,
    });
  } catch (err) {
    ctx.logger.error('stats for a new assignment were not recorded', { userId: teacher.id, assignmentId: a.id, err: err instanceof Error ? err : String(err) });
  }
}

export const assignmentHandlers: Handlers = {
  async createAssignment(ctx, { teacher, body, reads }) {
    let result;
    try {
      result = await ctx.services.admitAssignment({ userId: teacher.id, timeZone: teacher.timeZone, request: body });
    } catch (err) {
      if (err instanceof QuotaExceededError && err.kind === 'free_limit') throw await withCheckoutUrl(ctx, teacher, err);
      throw err;
    }
    if (result.assignment.userId !== teacher.id) throw new GradeBotError('conflict', 'That request id is already in use.');
    const a = result.assignment;
    if (result.created) await countCreation(ctx, teacher, a);
    // A replayed request may find its assignment already summarized.
    const summary = a.progress.summaryDone ? ((await reads.get(ctx.paths.summary(a.id))).data() ?? null) : null;
    return { assignment: detailOf(a, summary, ctx), created: result.created };
  },

  listAssignments: (ctx, { teacher, query, reads }) => listAssignments(ctx.paths, reads, teacher.id, query),

  getAssignment: (ctx, { teacher, params, reads }) =>
    assignmentDetail(ctx.paths, reads, teacher.id, documentId(params.assignmentId, 'That assignment'), ctx),

  async deleteAssignment(ctx, { teacher, params, reads }) {
    const id = documentId(params.assignmentId, 'That assignment');
    await ownedAssignment(ctx.paths, reads, teacher.id, id);
    // The works, the texts, the summary and anything else under the assignment go with it
    // (recursiveDelete pages through them with a BulkWriter), and so do its pipeline memos.
    await deleteAssignmentData(ctx.db, ctx.paths, id);
    await recordAssignmentDeleted(ctx.db, ctx.paths, { userId: teacher.id, at: ctx.now() });
    return { deleted: true as const, id };
  },

  async editSummary(ctx, { teacher, params, body, reads }) {
    const id = documentId(params.assignmentId, 'That assignment');
    return ctx.db.runTransaction(async (tx) => {
      const now = ctx.now();
      const { assignment, summary } = await txAssignmentAndSummary(tx, ctx.paths, reads, teacher.id, id);
      if (!summary) throw new GradeBotError('conflict', 'The class summary is not ready yet.');
      const insights = editText(summary.qualitativeInsights, body.text, now);
      if (insights === summary.qualitativeInsights) return detailOf(assignment, summary, ctx);
      const updated = { ...summary, qualitativeInsights: insights, updatedAt: now };
      tx.set(ctx.paths.summary(id), updated);
      await recordFeedbackEdited(tx, ctx.paths, { userId: teacher.id, timeZone: teacher.timeZone, at: now, piece: 'assignmentSummary' });
      return detailOf(assignment, updated, ctx);
    });
  },
};
