import { FieldValue } from '@google-cloud/firestore';
import { z } from 'zod';
import type { LlmRequest } from '../../shared/domain';
import { zodConverter } from '../store/converter';
import type { Paths } from '../store/paths';

/** The ways the dashboard slices cost; each has one rollup document per day and key. */
export const ROLLUP_DIMENSIONS = ['total', 'user', 'assignment', 'model', 'requestType'] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

const count = z.number().int().min(0);
export const CostRollupSchema = z.object({
  /** UTC calendar day, YYYY-MM-DD. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  dimension: z.enum(ROLLUP_DIMENSIONS),
  /** The user id, assignment id, model, request type, or "all" for the total. */
  key: z.string().min(1),
  requests: count,
  failedRequests: count,
  inputTokens: count,
  outputTokens: count,
  cacheCreationInputTokens: count,
  cacheReadInputTokens: count,
  costUsd: z.number().min(0),
  durationMsSum: count,
  updatedAt: z.date(),
});
export type CostRollup = z.infer<typeof CostRollupSchema>;
const rollupConverter = zodConverter(CostRollupSchema);

const SUMMED = ['requests', 'failedRequests', 'inputTokens', 'outputTokens', 'cacheCreationInputTokens', 'cacheReadInputTokens', 'costUsd', 'durationMsSum'] as const;

/** Cost figures summed over a range for one key. */
export type CostTotals = Pick<CostRollup, (typeof SUMMED)[number]> & { key: string };

export interface CostLedger {
  /**
   * Store one call's record and add it to the day's rollups and the assignment's `costUsd`, all
   * in one transaction that reads only the record; a record whose id already exists changes
   * nothing. Resolves `created`.
   */
  record(request: LlmRequest): Promise<{ created: boolean }>;
  /** Daily rollups of one dimension (optionally one key) for days from..to inclusive, oldest first, shards summed. */
  readRollups(q: { from: string; to: string; dimension: RollupDimension; key?: string }): Promise<CostRollup[]>;
  /** The same range summed per key, most expensive first: "cost per user this month". */
  readTotals(q: { from: string; to: string; dimension: RollupDimension }): Promise<CostTotals[]>;
}

/** UTC day of a date, as rollups key it. */
export const utcDay = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * Every call of every teacher increments the same `total`, `model` and `requestType` documents;
 * Firestore sustains about one write per second per document, so those are split into shards
 * (picked by record id) and summed on read. Per-user and per-assignment documents see a few
 * writes a second at most and stay whole.
 */
export const ROLLUP_SHARDS: Record<RollupDimension, number> = { total: 8, model: 8, requestType: 8, user: 1, assignment: 1 };

const rollupId = (day: string, dimension: RollupDimension, key: string, shard: number) =>
  `${day}__${dimension}__${encodeURIComponent(key).replace(/\./g, '%2E')}${ROLLUP_SHARDS[dimension] > 1 ? `__s${shard}` : ''}`;

function shardOf(recordId: string, dimension: RollupDimension): number {
  let h = 0;
  for (const ch of recordId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % ROLLUP_SHARDS[dimension];
}

/** gRPC NOT_FOUND (5): the commit's `update` found no document. */
const isNotFound = (err: unknown): boolean => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 5;

export function createCostLedger({ paths, now = () => new Date() }: { paths: Paths; now?: () => Date }): CostLedger {
  const rollups = paths.raw('costRollups');

  /**
   * The transaction reads only the request record (create-if-absent keeps it exactly-once). The
   * assignment's `costUsd` is a blind increment: reading the assignment would make every parallel
   * call of one assignment, and the pipeline's own transactions on it, abort each other.
   */
  async function record(r: LlmRequest): Promise<{ created: boolean }> {
    try {
      return await write(r, r.costUsd > 0);
    } catch (err) {
      // `update` needs the document: an assignment deleted meanwhile (or a call with no stored
      // assignment) fails the commit with NOT_FOUND, and nothing was written. Record it without.
      if (!isNotFound(err)) throw err;
      return write(r, false);
    }
  }

  function write(r: LlmRequest, addToAssignment: boolean): Promise<{ created: boolean }> {
    const requestRef = paths.llmRequest(r.id);
    return paths.db.runTransaction(async (tx) => {
      const existing = await tx.get(requestRef);
      if (existing.exists) return { created: false };
      tx.create(requestRef, r);
      const day = utcDay(r.createdAt);
      const keys: Record<RollupDimension, string> = {
        total: 'all',
        user: r.userId,
        assignment: r.assignmentId,
        model: r.model,
        requestType: r.requestType,
      };
      for (const dimension of ROLLUP_DIMENSIONS) {
        tx.set(
          rollups.doc(rollupId(day, dimension, keys[dimension], shardOf(r.id, dimension))),
          {
            day,
            dimension,
            key: keys[dimension],
            requests: FieldValue.increment(1),
            failedRequests: FieldValue.increment(r.status === 'failed' ? 1 : 0),
            inputTokens: FieldValue.increment(r.inputTokens),
            outputTokens: FieldValue.increment(r.outputTokens),
            cacheCreationInputTokens: FieldValue.increment(r.cacheCreationInputTokens),
            cacheReadInputTokens: FieldValue.increment(r.cacheReadInputTokens),
            costUsd: FieldValue.increment(r.costUsd),
            durationMsSum: FieldValue.increment(r.durationMs),
            updatedAt: now(),
          },
          { merge: true },
        );
      }
      // Raw reference: a cost total must not depend on the rest of the assignment document parsing.
      if (addToAssignment) tx.update(paths.assignment(r.assignmentId).withConverter(null), { costUsd: FieldValue.increment(r.costUsd) });
      return { created: true };
    });
  }

  async function readRollups(q: { from: string; to: string; dimension: RollupDimension; key?: string }): Promise<CostRollup[]> {
    // Needs a composite index (dimension, key, day) in production; see docs/llm.md.
    let query = rollups.withConverter(rollupConverter).where('dimension', '==', q.dimension);
    if (q.key !== undefined) query = query.where('key', '==', q.key);
    const snap = await query.where('day', '>=', q.from).where('day', '<=', q.to).orderBy('day').get();
    const merged = new Map<string, CostRollup>();
    for (const doc of snap.docs) {
      const r = doc.data();
      const id = `${r.day}\u0000${r.key}`;
      const m = merged.get(id);
      if (!m) {
        merged.set(id, { ...r });
        continue;
      }
      for (const f of SUMMED) m[f] += r[f];
      if (r.updatedAt > m.updatedAt) m.updatedAt = r.updatedAt;
    }
    return [...merged.values()];
  }

  async function readTotals(q: { from: string; to: string; dimension: RollupDimension }): Promise<CostTotals[]> {
    const byKey = new Map<string, CostTotals>();
    for (const r of await readRollups(q)) {
      const t = byKey.get(r.key) ?? { key: r.key, requests: 0, failedRequests: 0, inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0, durationMsSum: 0 };
      for (const f of SUMMED) t[f] += r[f];
      byKey.set(r.key, t);
    }
    return [...byKey.values()].sort((a, b) => b.costUsd - a.costUsd);
  }

  return { record, readRollups, readTotals };
}
