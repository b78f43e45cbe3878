import { type DocumentData, type DocumentReference, Firestore, type Transaction, type WriteBatch } from '@google-cloud/firestore';

/**
 * Where a stats update goes. Pass the transaction (or batch) that records the event itself — the
 * work marked completed, the edit saved — so a re-delivered task or a retried request counts once:
 * the counter moves exactly when the event commits. Pass the Firestore client only for events that
 * have no write of their own to join.
 */
export type StatsWriter = Transaction | WriteBatch | Firestore;

/**
 * A blind merge (no read): counters are `FieldValue.increment`s, so concurrent events never
 * conflict in a transaction and the caller's transaction never has to read our documents.
 */
export async function mergeInto(writer: StatsWriter, ref: DocumentReference<DocumentData>, data: DocumentData): Promise<void> {
  if (writer instanceof Firestore) {
    await ref.set(data, { merge: true });
    return;
  }
  // Transaction and WriteBatch have the same `set` shape but no common type.
  (writer as WriteBatch).set(ref, data, { merge: true });
}
