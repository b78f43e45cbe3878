import type { BulkWriter, DocumentData, Firestore, Query } from '@google-cloud/firestore';
import { assignmentQualityRef, teacherQualityRef } from '../quality/quality-rollups';
import { GradeBotError } from '../errors';
import type { Logger } from '../log';
import type { Paths } from '../store/paths';
import { getUser } from '../store/users-repo';
import { cancelSubscriptions, type SubscriptionsApi } from './cancel-subscriptions';
import { deleteAssignmentData } from './delete-assignment';

export interface AccountDeletionDeps {
  db: Firestore;
  paths: Paths;
  /** The Stripe client (cloud/billing/stripe-client.ts); only subscriptions are touched. */
  stripe: SubscriptionsApi;
  logger: Logger;
}

export interface AccountDeletionResult {
  assignments: number;
  /** Stripe subscriptions cancelled now. */
  subscriptionsCanceled: string[];
  /** The teacher's cost records, processing metrics and cost rollups deleted. */
  costRecords: number;
}

const PAGE = 300;
const PARALLEL_ASSIGNMENTS = 8;

/**
 * Delete a teacher's account and everything GradeBot holds about them (docs/retention.md):
 *
 * 1. cancel any Stripe subscription that can still bill — first, and if Stripe cannot be reached
 *    nothing is deleted (503), so no one pays for an account that is gone;
 * 2. every assignment with its works, feedback, texts, summary and pipeline memos;
 * 3. the teacher's cost records (`llmRequests`), processing metrics and per-teacher and
 *    per-assignment cost rollups — day, model and request-type totals stay, they name no one;
 * 4. the stats document; the Stripe event markers keep their ids (replays stay no-ops) but lose the
 *    teacher's id;
 * 5. the user document, last, so an interrupted deletion can simply be run again.
 *
 * Idempotent. Work in flight for the teacher (a grading task between its LLM call and its store)
 * may still write a cost record in the seconds after; see docs/retention.md.
 */
export async function deleteAccount(deps: AccountDeletionDeps, userId: string): Promise<AccountDeletionResult> {
  const { db, paths, logger } = deps;
  const user = await getUser(paths, userId);
  let subscriptionsCanceled: string[] = [];
  if (user) {
    try {
      subscriptionsCanceled = await cancelSubscriptions(deps.stripe, user);
    } catch (err) {
      logger.warn('account deletion stopped: subscription not cancelled', { userId, err: err instanceof Error ? err.message : String(err) });
      throw new GradeBotError('unavailable', 'Stripe could not cancel your subscription just now, so nothing was deleted. Please try again in a few minutes.');
    }
  }

  const writer = db.bulkWriter();
  try {
    const assignmentIds: string[] = [];
    for (;;) {
      const page = await paths.assignments().withConverter(null).where('userId', '==', userId).select().limit(PAGE).get();
      if (page.empty) break;
      // A few at a time through the one BulkWriter: a paid account can hold thousands.
      for (let i = 0; i < page.docs.length; i += PARALLEL_ASSIGNMENTS) {
        const chunk = page.docs.slice(i, i + PARALLEL_ASSIGNMENTS);
        await Promise.all(chunk.map((d) => deleteAssignmentData(db, paths, d.id, writer)));
        assignmentIds.push(...chunk.map((d) => d.id));
      }
    }

    const rollups = paths.raw('costRollups');
    let costRecords = 0;
    costRecords += await deleteAll(writer, paths.llmRequests().withConverter(null).where('userId', '==', userId));
    costRecords += await deleteAll(writer, paths.processingMetrics().withConverter(null).where('userId', '==', userId));
    costRecords += await deleteAll(writer, rollups.where('dimension', '==', 'user').where('key', '==', userId));
    for (const id of assignmentIds) costRecords += await deleteAll(writer, rollups.where('dimension', '==', 'assignment').where('key', '==', id));

    const markers = await paths.raw('stripeEvents').where('userId', '==', userId).select().get();
    const pending = markers.docs.map((d) => writer.update(d.ref, { userId: null }));
    pending.push(writer.delete(paths.raw('userStats').doc(userId)));
    // Saved calibration examples hold students' text; the feedback-quality rollups name the teacher.
    for (const d of (await paths.exampleSets(userId).withConverter(null).select().get()).docs) pending.push(writer.delete(d.ref));
    pending.push(writer.delete(teacherQualityRef(paths, userId)));
    for (const id of assignmentIds) pending.push(writer.delete(assignmentQualityRef(paths, id)));
    await writer.flush();
    await Promise.all(pending);

    // Last: while it exists, a retry of this deletion still finds the Stripe customer.
    await paths.user(userId).delete();
    const result = { assignments: assignmentIds.length, subscriptionsCanceled, costRecords };
    logger.info('account deleted', { userId, ...result, subscriptionsCanceled: subscriptionsCanceled.length });
    return result;
  } finally {
    await writer.close();
  }
}

/** Delete every document the query matches, a page at a time (the query sees fewer each round). */
async function deleteAll(writer: BulkWriter, query: Query<unknown, DocumentData>): Promise<number> {
  let count = 0;
  for (;;) {
    const page = await query.select().limit(PAGE).get();
    if (page.empty) return count;
    const pending = page.docs.map((d) => writer.delete(d.ref));
    await writer.flush();
    await Promise.all(pending);
    count += page.size;
  }
}
