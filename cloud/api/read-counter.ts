import type { DocumentReference, DocumentSnapshot, Firestore, Transaction } from '@google-cloud/firestore';

/**
 * Counts the document reads one request makes, so the "at most two reads per detail card" promise
 * is measured rather than assumed: the API reports the count in the `x-gradebot-doc-reads` header,
 * which the tests and bench/api.ts read.
 */
export class ReadCounter {
  count = 0;

  add(n: number): void {
    this.count += n;
  }

  /** `ref.get()`, counted. */
  async get<T>(ref: DocumentReference<T>): Promise<DocumentSnapshot<T>> {
    this.count += 1;
    return ref.get();
  }

  /** `db.getAll(...refs)`: several documents in one round trip, counted. */
  async getAll<T extends unknown[]>(db: Firestore, ...refs: { [K in keyof T]: DocumentReference<T[K]> }): Promise<{ [K in keyof T]: DocumentSnapshot<T[K]> }> {
    this.count += refs.length;
    return (await db.getAll(...(refs as DocumentReference[]))) as { [K in keyof T]: DocumentSnapshot<T[K]> };
  }

  /** `tx.getAll(...refs)`, counted. */
  async txGetAll<T extends unknown[]>(tx: Transaction, ...refs: { [K in keyof T]: DocumentReference<T[K]> }): Promise<{ [K in keyof T]: DocumentSnapshot<T[K]> }> {
    this.count += refs.length;
    return (await tx.getAll(...(refs as DocumentReference<unknown>[]))) as { [K in keyof T]: DocumentSnapshot<T[K]> };
  }
}

/** The response header carrying the count. */
export const READS_HEADER = 'x-gradebot-doc-reads';
