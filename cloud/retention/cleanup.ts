import type { BulkWriter, Firestore, Query, QueryDocumentSnapshot } from '@google-cloud/firestore';
import type { Logger } from '../log';
import type { Paths } from '../store/paths';

const DAY_MS = 86_400_000;

export interface RetentionCleanupInput {
  db: Firestore;
  paths: Paths;
  /** The time the run treats as now: texts due at or before it are deleted. */
  now: Date;
  /** Documents per query page (and per BulkWriter flush). */
  limit?: number;
  /** Pages per kind in one run: a run is bounded; what is left waits for the next run. */
  maxBatches?: number;
  /** Pipeline memos (`taskRuns`) older than this many days are left-overs and are deleted too. */
  retentionDays: number;
  logger?: Logger;
}

export interface RetentionReport {
  /** Student texts deleted (their purge date had passed). */
  textsDeleted: number;
  /** Left-over pipeline memos deleted (they hold the model's answer, evidence quotes included). */
  taskRunsDeleted: number;
  /** Documents that changed between the query and the delete and were left alone. */
  skipped: number;
  /** False when a kind hit `maxBatches`: more is due, the next run continues. */
  complete: boolean;
}

export const DEFAULT_CLEANUP_LIMIT = 500;
export const DEFAULT_CLEANUP_MAX_BATCHES = 20;

/**
 * The scheduled half of retention (the other is Firestore's TTL policy on `texts.purgeTextAt`,
 * production only): delete every student text whose purge date has passed, and pipeline memos the
 * pipeline left behind. It is what deletes text against the emulator, and in production it catches
 * up on anything TTL has not reached yet (TTL deletes within about a day).
 *
 * Idempotent: it deletes by query, so a second run finds nothing. Bounded: at most
 * `limit × maxBatches` documents per kind. Each delete carries the document's update time as a
 * precondition, so a text whose purge date a retry cleared a moment ago is not deleted.
 */
export async function runRetentionCleanup(input: RetentionCleanupInput): Promise<RetentionReport> {
  const limit = input.limit ?? DEFAULT_CLEANUP_LIMIT;
  const maxBatches = input.maxBatches ?? DEFAULT_CLEANUP_MAX_BATCHES;
  const { paths, now } = input;
  const writer = input.db.bulkWriter();
  try {
    // Raw documents and no fields: the cleanup needs references only, never the text itself, and
    // must not stop at a document that no longer fits its schema.
    const texts = await deleteMatching(writer, paths.allTexts().withConverter(null).where('purgeTextAt', '<=', now).orderBy('purgeTextAt').select(), limit, maxBatches);
    const memoCutoff = new Date(now.getTime() - input.retentionDays * DAY_MS);
    const runs = await deleteMatching(writer, paths.raw('taskRuns').where('createdAt', '<=', memoCutoff).orderBy('createdAt').select(), limit, maxBatches);
    const report: RetentionReport = {
      textsDeleted: texts.deleted,
      taskRunsDeleted: runs.deleted,
      skipped: texts.skipped + runs.skipped,
      complete: texts.complete && runs.complete,
    };
    input.logger?.info('retention cleanup', { ...report, now: now.toISOString() });
    return report;
  } finally {
    await writer.close();
  }
}

async function deleteMatching(writer: BulkWriter, query: Query, limit: number, maxBatches: number): Promise<{ deleted: number; skipped: number; complete: boolean }> {
  let deleted = 0;
  let skipped = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const snap = await query.limit(limit).get();
    if (snap.empty) return { deleted, skipped, complete: true };
    const pending = snap.docs.map((d: QueryDocumentSnapshot) => writer.delete(d.ref, { lastUpdateTime: d.updateTime }));
    // A BulkWriter sends partial batches only on flush: flush before waiting on the deletes.
    await writer.flush();
    const outcomes = await Promise.allSettled(pending);
    for (const o of outcomes) {
      if (o.status === 'fulfilled') deleted++;
      else skipped++;
    }
    // Everything on this page was skipped: asking again would return the same documents.
    if (snap.size < limit || outcomes.every((o) => o.status === 'rejected')) return { deleted, skipped, complete: snap.size < limit };
  }
  return { deleted, skipped, complete: false };
}
