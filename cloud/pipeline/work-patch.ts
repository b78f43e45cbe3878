import type { Transaction } from '@google-cloud/firestore';
import { type StudentWork, StudentWorkSchema } from '../../shared/domain';
import type { Paths } from '../store/paths';

/** The fields of a work a pipeline transaction may change without rewriting it (ids never). */
export type WorkPatch = Partial<Omit<StudentWork, 'id' | 'assignmentId' | 'userId' | 'position' | 'createdAt'>>;

/**
 * A partial update of a work, validated like a whole write: `tx.update` bypasses the converter's
 * schema check, so the patch is parsed against exactly the fields it sets of StudentWorkSchema
 * (unknown fields refused) and only what parsed is written. An invalid patch throws a ZodError
 * before anything is written, which aborts the transaction.
 */
const WorkPatchSchema = StudentWorkSchema.partial().strict();

export function updateWork(tx: Transaction, paths: Paths, assignmentId: string, workId: string, patch: WorkPatch): void {
  // Partial: a field absent from the patch stays absent (nothing defaulted in); strict: no unknown field.
  const valid = WorkPatchSchema.parse(patch);
  tx.update(paths.work(assignmentId, workId), valid);
}
