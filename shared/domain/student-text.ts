import { z } from 'zod';

/**
 * The exported text of one student's Doc, kept apart from the work (`assignments/{id}/texts/{workId}`)
 * so that retention can delete it — a Firestore TTL policy deletes whole documents — while the
 * feedback on the work document stays. Never logged.
 *
 * Every work gets one at creation. Its states:
 * - `text` a string: stored, the pipeline grades it;
 * - `text` null: never kept (the Doc was empty or too long, so it was not graded);
 * - no document: deleted by retention (or with the assignment).
 */
export const StudentTextSchema = z.object({
  // A stub written by a purge-date merge onto a missing document reads as "not kept".
  text: z.string().nullable().default(null),
  /**
   * When the text is due for deletion: the assignment's `purgeTextAt`, copied here when the
   * assignment completes and cleared when a retry reopens it. The production TTL field; the
   * scheduled cleanup deletes on the same field.
   */
  purgeTextAt: z.date().nullable().default(null),
});
export type StudentText = z.infer<typeof StudentTextSchema>;
