import { type BulkWriter, FieldPath, type Firestore } from '@google-cloud/firestore';
import type { TaskKind } from '../../shared/domain';
import type { Paths } from '../store/paths';

/**
 * The pipeline's memo ids start `<kind>-<assignmentId>-` (cloud/pipeline/payloads.ts `taskName`);
 * the account-deletion test builds memos with `taskName` and checks they go.
 */
const MEMO_KINDS: readonly TaskKind[] = ['rubric', 'feedback', 'summary'];

/**
 * Everything stored for one assignment that holds student text or anything derived from it: the
 * assignment with its subcollections (works and their feedback, texts, summary) through
 * `recursiveDelete`, and the pipeline memos (`taskRuns`) a run may have left, which hold the model's
 * answer with its evidence quotes. Cost records (`llmRequests`, `costRollups`) and processing
 * metrics carry ids and numbers only and stay, as docs/retention.md explains; deleting the account
 * removes the teacher's. Safe to repeat.
 */
export async function deleteAssignmentData(db: Firestore, paths: Paths, assignmentId: string, writer?: BulkWriter): Promise<{ memos: number }> {
  const w = writer ?? db.bulkWriter();
  try {
    await db.recursiveDelete(paths.assignment(assignmentId), w);
    const pending: Promise<unknown>[] = [];
    for (const kind of MEMO_KINDS) {
      const prefix = `${kind}-${assignmentId}-`;
      const snap = await paths
        .raw('taskRuns')
        .where(FieldPath.documentId(), '>=', prefix)
        .where(FieldPath.documentId(), '<', `${prefix}\uf8ff`)
        .select()
        .get();
      for (const d of snap.docs) pending.push(w.delete(d.ref));
    }
    // A BulkWriter sends partial batches only on flush; each delete's own promise carries its error.
    await w.flush();
    await Promise.all(pending);
    return { memos: pending.length };
  } finally {
    if (!writer) await w.close();
  }
}
