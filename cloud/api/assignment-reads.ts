import type { Transaction } from '@google-cloud/firestore';
import { type AssignmentDetail, assignmentDetailFrom } from '../../shared/api';
import type { Assignment, AssignmentSummary } from '../../shared/domain';
import { estimateForAssignment } from '../../shared/rules/estimate';
import { withKnownRetries } from '../../shared/rules/estimate-retries';
import { NotFoundError } from '../errors';
import type { Paths } from '../store/paths';
import type { ReadCounter } from './read-counter';

/**
 * Reads of one assignment on behalf of its owner. Another teacher's assignment is "not found",
 * exactly like a missing one, so ids reveal nothing.
 */

export const ASSIGNMENT_NOT_FOUND = 'That assignment';

/** The assignment, if `teacherId` owns it; one read. */
export async function ownedAssignment(paths: Paths, reads: ReadCounter, teacherId: string, assignmentId: string): Promise<Assignment> {
  const a = (await reads.get(paths.assignment(assignmentId))).data();
  return owned(a, teacherId);
}

/** Ownership check on an assignment already read. */
export function owned(a: Assignment | undefined, teacherId: string): Assignment {
  if (!a || a.userId !== teacherId) throw new NotFoundError(ASSIGNMENT_NOT_FOUND);
  return a;
}

/** What the estimate needs besides the assignment: parallelism, and the clock and threshold of a stall. */
export interface DetailView {
  parallelism: number;
  now: () => Date;
  /** TASKS_STALL_AFTER_SECONDS: past it an open assignment's card says it is stalled, not a time. */
  stallAfterMs: number;
}

/**
 * The detail card from the assignment and its summary (the estimate worded by shared/rules/estimate,
 * and by estimate-retries while Claude's failures are being retried).
 */
export function detailOf(a: Assignment, summary: AssignmentSummary | null, view: DetailView): AssignmentDetail {
  const now = view.now();
  const e = withKnownRetries(estimateForAssignment(a, view.parallelism, { now, stallAfterMs: view.stallAfterMs }), a, now);
  return assignmentDetailFrom(a, summary, { text: e.text, remainingSeconds: e.remainingSeconds });
}

/**
 * Everything the detail card shows from at most two reads whatever the number of works: the
 * assignment document (fields, rubric, progress, the compact work list, timings) and, once the
 * summary is stored, the summary document.
 */
export async function assignmentDetail(paths: Paths, reads: ReadCounter, teacherId: string, assignmentId: string, view: DetailView): Promise<AssignmentDetail> {
  const a = await ownedAssignment(paths, reads, teacherId, assignmentId);
  const summary = a.progress.summaryDone ? ((await reads.get(paths.summary(assignmentId))).data() ?? null) : null;
  return detailOf(a, summary, view);
}

/** The same inside a transaction (reads first, as Firestore requires). */
export async function txAssignmentAndSummary(tx: Transaction, paths: Paths, reads: ReadCounter, teacherId: string, assignmentId: string) {
  const [aSnap, sSnap] = await reads.txGetAll<[Assignment, AssignmentSummary]>(tx, paths.assignment(assignmentId), paths.summary(assignmentId));
  return { assignment: owned(aSnap.data(), teacherId), summary: sSnap.data() ?? null };
}
