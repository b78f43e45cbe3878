import { FieldPath, type Transaction } from '@google-cloud/firestore';
import type { Plan, User } from '../../shared/domain/user';
import { checkQuota, type QuotaLimits } from '../../shared/rules/quota';
import { GradeBotError, NotFoundError } from '../errors';
import type { Paths } from '../store/paths';
import { QuotaExceededError } from './errors';

export interface ReserveQuotaOptions {
  /**
   * The id of the assignment being created, derived by the API from the client's request id (the
   * same request retried → the same id). If that assignment already exists the create is a replay:
   * nothing is counted and the caller must answer with the existing assignment.
   */
  idempotencyKey: string;
  limits: QuotaLimits;
}

export type QuotaReservation =
  | { kind: 'reserved'; month: string; plan: Plan; used: number; limit: number; /** The user document as read (the teacher's defaults). */ user: User }
  | { kind: 'replayed'; month: string };

/**
 * Counts one assignment against the teacher's quota month, inside the caller's transaction.
 *
 * Contract for the caller (the API's create):
 * 1. Call it first in `db.runTransaction`, before any write (it reads; Firestore wants reads first).
 * 2. On `replayed`, write nothing and answer with the existing assignment `idempotencyKey`.
 * 3. On `reserved`, `tx.create` the assignment with id `idempotencyKey` and `quotaMonth: month`, in
 *    the same transaction, so a concurrent retry of the same request fails or replays, never counts.
 * 4. `QuotaExceededError` propagates out of the transaction (nothing is written); for `free_limit`
 *    attach the checkout URL with `withCheckoutUrl`.
 *
 * Race-proof because the user document is read and written in the transaction: concurrent creates
 * serialize on it, and each sees the count the previous one committed.
 */
export async function reserveQuota(
  tx: Transaction,
  paths: Paths,
  userId: string,
  now: Date,
  opts: ReserveQuotaOptions,
): Promise<QuotaReservation> {
  const [assignmentSnap, userSnap] = await Promise.all([tx.get(paths.assignment(opts.idempotencyKey)), tx.get(paths.user(userId))]);
  const existing = assignmentSnap.data();
  if (existing) {
    if (existing.userId !== userId) throw new GradeBotError('conflict', 'That request id is already in use.');
    return { kind: 'replayed', month: existing.quotaMonth };
  }
  const user = userSnap.data();
  if (!user) throw new NotFoundError('Your GradeBot account');
  const check = checkQuota(user, now, opts.limits);
  if (check.kind !== 'ok') throw new QuotaExceededError(check);
  const used = check.used + 1;
  tx.update(paths.user(userId), new FieldPath('usage', check.month), used, 'updatedAt', now);
  return { kind: 'reserved', month: check.month, plan: check.plan, used, limit: check.limit, user };
}
