import type { Transaction } from '@google-cloud/firestore';
import { workViewFrom } from '../../../shared/api';
import type { Assignment, StudentWork } from '../../../shared/domain';
import { GradeBotError, NotFoundError } from '../../errors';
import { recordWorkQuality } from '../../quality/quality-rollups';
import { recordFeedbackEdited, recordFeedbackSent, recordWorkRetried } from '../../stats/record';
import type { Paths } from '../../store/paths';
import { ASSIGNMENT_NOT_FOUND, detailOf, owned, ownedAssignment } from '../assignment-reads';
import { applyWorkEdit } from '../feedback-edits';
import type { ReadCounter } from '../read-counter';
import type { RouteHandlers } from '../route-types';
import { documentId } from '../validate';
import { type SentInsert, sentInsertRef } from '../sent-inserts';
import { findWorksByDoc } from '../works-by-doc';

type Handlers = Pick<RouteHandlers, 'getWork' | 'editWork' | 'retryWork' | 'markSent' | 'findWorksByDoc'>;

const WORK_NOT_FOUND = 'That student work';

function ids(params: Readonly<Record<string, string | undefined>>) {
  return { assignmentId: documentId(params.assignmentId, ASSIGNMENT_NOT_FOUND), workId: documentId(params.workId, WORK_NOT_FOUND) };
}

/** The work and its assignment (title, rubric), both owned by the teacher; two reads in one call. */
function ownedWork(a: Assignment | undefined, w: StudentWork | undefined, teacherId: string): { assignment: Assignment; work: StudentWork } {
  const assignment = owned(a, teacherId);
  if (!w || w.userId !== teacherId) throw new NotFoundError(WORK_NOT_FOUND);
  return { assignment, work: w };
}

async function txOwnedWork(tx: Transaction, paths: Paths, reads: ReadCounter, teacherId: string, assignmentId: string, workId: string) {
  const [a, w] = await reads.txGetAll<[Assignment, StudentWork]>(tx, paths.assignment(assignmentId), paths.work(assignmentId, workId));
  return ownedWork(a.data(), w.data(), teacherId);
}

export const workHandlers: Handlers = {
  async getWork(ctx, { teacher, params, reads }) {
    const { assignmentId, workId } = ids(params);
    const [a, w] = await reads.getAll<[Assignment, StudentWork]>(ctx.db, ctx.paths.assignment(assignmentId), ctx.paths.work(assignmentId, workId));
    const { assignment, work } = ownedWork(a.data(), w.data(), teacher.id);
    return workViewFrom(work, assignment);
  },

  async editWork(ctx, { teacher, params, body, reads }) {
    const { assignmentId, workId } = ids(params);
    return ctx.db.runTransaction(async (tx) => {
      const now = ctx.now();
      const { assignment, work } = await txOwnedWork(tx, ctx.paths, reads, teacher.id, assignmentId, workId);
      const edit = applyWorkEdit(work.feedback, body, assignment.rubric, now);
      if (!edit.changed) return workViewFrom(work, assignment);
      const updated: StudentWork = { ...work, feedback: edit.value, updatedAt: now };
      tx.set(ctx.paths.work(assignmentId, workId), updated);
      if (body.target === 'criterionLevel') {
        // The class list totals points from the assignment's work lines: keep this work's chosen levels there.
        const levelIds = Object.fromEntries(edit.value.criterionLevels.map((l) => [l.criterionId, l.levelId]));
        tx.set(ctx.paths.assignment(assignmentId), { ...assignment, works: assignment.works.map((e) => (e.id === workId ? { ...e, levelIds } : e)), updatedAt: now });
      }
      await recordFeedbackEdited(tx, ctx.paths, { userId: teacher.id, timeZone: teacher.timeZone, at: now, piece: edit.piece });
      await recordWorkQuality(tx, ctx.paths, assignment, work, updated);
      return workViewFrom(updated, assignment);
    });
  },

  async markSent(ctx, { teacher, params, body, reads }) {
    const { assignmentId, workId } = ids(params);
    const insertRef = body.insertId ? sentInsertRef(ctx.paths, assignmentId, workId, body.insertId) : undefined;
    return ctx.db.runTransaction(async (tx) => {
      const now = ctx.now();
      const { assignment, work } = await txOwnedWork(tx, ctx.paths, reads, teacher.id, assignmentId, workId);
      // The same insertion again (a retry after a timeout, a second click): answer what was
      // recorded, append and count nothing. Concurrent copies meet on the work document: one
      // commits, the others retry and find its marker.
      if (insertRef && (await reads.txGetAll<[SentInsert]>(tx, insertRef))[0].exists) return workViewFrom(work, assignment);
      if (!work.feedback) throw new GradeBotError('conflict', 'This work has no feedback to insert yet.');
      const updated: StudentWork = { ...work, sent: [...work.sent, { sections: body.sections, at: now }], updatedAt: now };
      tx.set(ctx.paths.work(assignmentId, workId), updated);
      if (insertRef && body.insertId) tx.create(insertRef, { insertId: body.insertId, sections: body.sections, at: now });
      await recordFeedbackSent(tx, ctx.paths, { userId: teacher.id, timeZone: teacher.timeZone, at: now, sections: body.sections });
      await recordWorkQuality(tx, ctx.paths, assignment, work, updated);
      return workViewFrom(updated, assignment);
    });
  },

  async retryWork(ctx, { teacher, params, reads }) {
    const { assignmentId, workId } = ids(params);
    const before = await ownedAssignment(ctx.paths, reads, teacher.id, assignmentId);
    if (!before.works.some((w) => w.id === workId)) throw new NotFoundError(WORK_NOT_FOUND);
    const { assignment: a, requeued } = await ctx.services.retryWork({ userId: teacher.id, assignmentId, workId });
    // A Retry of a work already queued again (a double click) is answered, not counted.
    if (requeued) await recordWorkRetried(ctx.db, ctx.paths, { userId: teacher.id, at: ctx.now() });
    const summary = a.progress.summaryDone ? ((await reads.get(ctx.paths.summary(assignmentId))).data() ?? null) : null;
    return detailOf(a, summary, ctx);
  },

  findWorksByDoc: (ctx, { teacher, params, reads }) => findWorksByDoc(ctx.paths, reads, teacher.id, params.googleDocId),
};
