import type { AssignmentSummary } from '../../../shared/domain';
import { detailOf } from '../assignment-reads';
import type { ApiContext, RouteHandlers } from '../route-types';
import type { ReadCounter } from '../read-counter';
import { documentId } from '../validate';

type Handlers = Pick<RouteHandlers, 'setExamples' | 'calibrate' | 'saveExamples'>;

async function summaryOf(ctx: ApiContext, reads: ReadCounter, a: { id: string; progress: { summaryDone: boolean } }): Promise<AssignmentSummary | null> {
  return a.progress.summaryDone ? ((await reads.get(ctx.paths.summary(a.id))).data() ?? null) : null;
}

/** Calibration on the teacher's examples (issue 16); each answers with the assignment's detail. */
export const calibrationHandlers: Handlers = {
  async setExamples(ctx, { teacher, params, body, reads }) {
    const a = await ctx.services.setExamples({ userId: teacher.id, assignmentId: documentId(params.assignmentId, 'That assignment'), workIds: body.workIds });
    return detailOf(a, await summaryOf(ctx, reads, a), ctx);
  },

  async calibrate(ctx, { teacher, params, body, reads }) {
    const a = await ctx.services.regradeLikeExamples({ userId: teacher.id, assignmentId: documentId(params.assignmentId, 'That assignment'), ...body });
    return detailOf(a, await summaryOf(ctx, reads, a), ctx);
  },

  async saveExamples(ctx, { teacher, params, reads }) {
    const a = await ctx.services.saveExamples({ userId: teacher.id, assignmentId: documentId(params.assignmentId, 'That assignment') });
    return detailOf(a, await summaryOf(ctx, reads, a), ctx);
  },
};
