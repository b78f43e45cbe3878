import type { Transaction, WriteBatch } from '@google-cloud/firestore';
import type { Assignment, StudentText } from '../../shared/domain';
import type { Paths } from '../store/paths';

/**
 * The student texts (`assignments/{id}/texts/{workId}`): written once at admission, read by the
 * feedback task, and given their purge date when the assignment completes. Kept out of the work
 * document because Firestore's TTL deletes whole documents and the feedback must outlive the text.
 */

/** A transaction or a batch: the write that creates the works creates their texts. */
export type TextWriter = Transaction | WriteBatch;

/** At admission, next to the work: the Doc's text, or null for a Doc that will not be graded. */
export function createStudentText(w: TextWriter, paths: Paths, assignmentId: string, workId: string, text: string | null): void {
  const doc: StudentText = { text, purgeTextAt: null };
  // Transaction and WriteBatch share `create` but no common type.
  (w as WriteBatch).create(paths.text(assignmentId, workId), doc);
}

/** Where a work's text stands, for the pipeline and for what the teacher is told. */
export type TextState = { kind: 'stored'; text: string } | { kind: 'not-kept' } | { kind: 'deleted' };

export async function readStudentText(paths: Paths, assignmentId: string, workId: string, tx?: Transaction): Promise<TextState> {
  const ref = paths.text(assignmentId, workId);
  const t = (tx ? await tx.get(ref) : await ref.get()).data();
  if (!t) return { kind: 'deleted' };
  return t.text === null ? { kind: 'not-kept' } : { kind: 'stored', text: t.text };
}

/** The assignment's text is due for deletion at `now` (deleted or about to be, by TTL or cleanup). */
export function textsDue(a: Pick<Assignment, 'purgeTextAt'>, now: Date): boolean {
  return a.purgeTextAt !== null && a.purgeTextAt.getTime() <= now.getTime();
}

/** Why a work cannot be graded again once retention took its text, worded for the teacher. */
export function textDeletedReason(retentionDays: number): string {
  return `The student's text was deleted ${retentionDays} days after grading finished, as the privacy policy says. To grade this Doc again, create a new assignment with it.`;
}

/**
 * Call in the transaction that writes `after` over `before`: when the assignment's purge date
 * changed (set on completion, cleared when a retry reopens it), every text of the assignment gets
 * the same date, so the TTL policy and the cleanup delete exactly what the assignment promises.
 *
 * Blind merges, no reads: the callers write after their reads, and Firestore transactions forbid
 * reading after writing. A text already deleted comes back as a stub without text (it reads as
 * "not kept") that expires with the others; retries refuse once the date has passed, so this only
 * happens to data from before texts had their own documents.
 */
export function syncTextPurgeDates(w: TextWriter, paths: Paths, before: Pick<Assignment, 'purgeTextAt'>, after: Pick<Assignment, 'id' | 'purgeTextAt' | 'works'>): void {
  if ((before.purgeTextAt?.getTime() ?? null) === (after.purgeTextAt?.getTime() ?? null)) return;
  for (const work of after.works) {
    (w as WriteBatch).set(paths.text(after.id, work.id).withConverter(null), { purgeTextAt: after.purgeTextAt }, { merge: true });
  }
}
