import type { DocumentReference } from '@google-cloud/firestore';
import { z } from 'zod';
import { IdSchema, SentSectionSchema } from '../../shared/domain';
import { zodConverter } from '../store/converter';
import type { Paths } from '../store/paths';

/**
 * One recorded insertion of feedback into a student's Doc, by the add-on's insert id:
 * `assignments/{id}/works/{workId}/inserts/{insertId}`. Its existence makes POST …/sent idempotent;
 * it lives under the work, so deleting the assignment (recursiveDelete) deletes it. Ids, sections
 * and a time only — no student text.
 */
export const SentInsertSchema = z.object({
  insertId: IdSchema,
  sections: z.array(SentSectionSchema).min(1),
  at: z.date(),
});
export type SentInsert = z.infer<typeof SentInsertSchema>;

const converter = zodConverter(SentInsertSchema);

export function sentInsertRef(paths: Paths, assignmentId: string, workId: string, insertId: string): DocumentReference<SentInsert> {
  return paths.inserts(assignmentId, workId).doc(insertId).withConverter(converter);
}
