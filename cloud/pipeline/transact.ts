import type { Transaction } from '@google-cloud/firestore';
import type { AdmissionDeps } from './context';
import { createKeyedLock } from './keyed-lock';

// One per process unless the caller injects its own (see keyed-lock.ts for why).
const processLocks = createKeyedLock();

/** A Firestore transaction that writes the assignment document, queued behind others of the same assignment. */
export function assignmentTransaction<T>(deps: Pick<AdmissionDeps, 'db' | 'locks'>, assignmentId: string, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return (deps.locks ?? processLocks).run(assignmentId, () => deps.db.runTransaction(fn));
}
