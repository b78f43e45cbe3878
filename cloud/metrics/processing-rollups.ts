import { type DocumentData, type DocumentReference, FieldValue, type Transaction, type WriteBatch } from '@google-cloud/firestore';
import { z } from 'zod';
import type { Assignment, ProcessingMetric } from '../../shared/domain';
import { zodConverter } from '../store/converter';
import type { Paths } from '../store/paths';
import { BUCKET_KEYS, bucketKey, type Histogram } from './duration-histogram';

/**
 * Processing-time rollups: per UTC day and key, how many task runs there were, how many failed or
 * were retries, and a fixed-bucket histogram of completed runs' durations (p50/p95 without reading
 * the runs). Keys are the task kinds plus whole assignments, split at the PRD's 25-work mark.
 */
export const PROCESSING_KEYS = ['rubric', 'feedback', 'summary', 'assignment_upto25', 'assignment_over25'] as const;
export type ProcessingKey = (typeof PROCESSING_KEYS)[number];

const collection = (paths: Paths) => paths.raw('processingRollups');

/** Every pipeline run of a kind lands on the same day document: split like the cost rollups. */
export const PROCESSING_SHARDS = 8;

const count = z.number().int().min(0).default(0);
export const ProcessingRollupSchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  key: z.enum(PROCESSING_KEYS),
  /** Runs recorded (task deliveries that ran; whole assignments for the assignment keys). */
  runs: count,
  completed: count,
  failures: count,
  /** Runs that were a redelivery (Cloud Tasks retry count > 0). */
  retries: count,
  /** Sum of completed runs' durations, for the mean. */
  durationMsSum: count,
  /** Completed runs' durations by bucket (see duration-histogram.ts). */
  histogram: z.record(z.string(), z.number().int().min(0)).default({}),
});
export type ProcessingRollup = z.infer<typeof ProcessingRollupSchema>;
const converter = zodConverter(ProcessingRollupSchema);

/** A transaction or a batch: the write that records the run itself, so the rollup counts once. */
export type RollupWriter = Transaction | WriteBatch;

const utcDay = (d: Date) => d.toISOString().slice(0, 10);

function shardOf(id: string): number {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % PROCESSING_SHARDS;
}

function rollupRef(paths: Paths, day: string, key: ProcessingKey, shard: number): DocumentReference<DocumentData> {
  return collection(paths).doc(`${day}__${key}__s${shard}`);
}

interface Run {
  id: string;
  day: string;
  key: ProcessingKey;
  completed: boolean;
  retry: boolean;
  durationMs: number;
}

function addRun(writer: RollupWriter, paths: Paths, r: Run): void {
  const data: DocumentData = {
    day: r.day,
    key: r.key,
    runs: FieldValue.increment(1),
    completed: FieldValue.increment(r.completed ? 1 : 0),
    failures: FieldValue.increment(r.completed ? 0 : 1),
    retries: FieldValue.increment(r.retry ? 1 : 0),
    durationMsSum: FieldValue.increment(r.completed ? Math.max(0, Math.round(r.durationMs)) : 0),
  };
  if (r.completed) data.histogram = { [bucketKey(r.durationMs)]: FieldValue.increment(1) };
  // Transaction and WriteBatch have the same `set` shape but no common type.
  (writer as WriteBatch).set(rollupRef(paths, r.day, r.key, shardOf(r.id)), data, { merge: true });
}

/**
 * Add one ProcessingMetric to its day's rollup, as blind increments in `writer`. Call it in the
 * transaction or batch that creates the metric document (with `create`, so a duplicate delivery
 * fails instead of counting twice) — or use {@link recordProcessingMetric}, which does both.
 */
export function recordProcessingRollup(writer: RollupWriter, paths: Paths, metric: ProcessingMetric): void {
  addRun(writer, paths, {
    id: metric.id,
    day: utcDay(metric.completedAt),
    key: metric.kind,
    completed: metric.status === 'completed',
    retry: metric.retryCount > 0,
    durationMs: metric.durationMs,
  });
}

/**
 * Store a ProcessingMetric and its rollup exactly once: a metric whose id exists changes nothing.
 * Resolves `created`.
 */
export async function recordProcessingMetric(paths: Paths, metric: ProcessingMetric): Promise<{ created: boolean }> {
  const ref = paths.processingMetric(metric.id);
  return paths.db.runTransaction(async (tx) => {
    if ((await tx.get(ref)).exists) return { created: false };
    tx.create(ref, metric);
    recordProcessingRollup(tx, paths, metric);
    return { created: true };
  });
}

/** One processing round of a whole assignment, from the pipeline's start to its completion. */
export interface AssignmentProcessed {
  assignmentId: string;
  /** Works in the assignment (the PRD's target is for 25). */
  works: number;
  /** completedAt − processingStartedAt of this round. */
  durationMs: number;
  completedAt: Date;
}

/**
 * Add a completed assignment round to the "whole assignment" rollup. Call it in the transaction
 * that moves the assignment to `complete` (only when it does), so a redelivery counts nothing.
 */
export function recordAssignmentProcessed(writer: RollupWriter, paths: Paths, a: AssignmentProcessed): void {
  addRun(writer, paths, {
    id: `${a.assignmentId}@${a.completedAt.getTime()}`,
    day: utcDay(a.completedAt),
    key: a.works <= 25 ? 'assignment_upto25' : 'assignment_over25',
    completed: true,
    retry: false,
    durationMs: a.durationMs,
  });
}

/**
 * For the pipeline: call with the assignment as read and as about to be written, in the same
 * transaction; it records a whole-assignment round only when this write completes the assignment.
 */
export function recordAssignmentTransition(writer: RollupWriter, paths: Paths, before: Pick<Assignment, 'status' | 'processingStartedAt' | 'createdAt'>, after: Pick<Assignment, 'id' | 'status' | 'works' | 'completedAt'>): void {
  if (before.status === 'complete' || after.status !== 'complete' || !after.completedAt) return;
  const since = before.processingStartedAt ?? before.createdAt;
  recordAssignmentProcessed(writer, paths, { assignmentId: after.id, works: after.works.length, durationMs: Math.max(0, after.completedAt.getTime() - since.getTime()), completedAt: after.completedAt });
}

/**
 * Rollups for days from..to inclusive (YYYY-MM-DD), shards summed, one per day and key, oldest
 * first. Reads at most days × keys × shards documents, however many runs there were.
 */
export async function readProcessingRollups(paths: Paths, q: { from: string; to: string }): Promise<ProcessingRollup[]> {
  const snap = await collection(paths).withConverter(converter).where('day', '>=', q.from).where('day', '<=', q.to).orderBy('day').get();
  const merged = new Map<string, ProcessingRollup>();
  for (const doc of snap.docs) {
    const r = doc.data();
    const id = `${r.day}\u0000${r.key}`;
    const m = merged.get(id);
    if (!m) merged.set(id, { ...r, histogram: { ...r.histogram } });
    else mergeRollup(m, r);
  }
  return [...merged.values()];
}

/** Adds `from` into `into` (counts and histogram). */
export function mergeRollup(into: Omit<ProcessingRollup, 'day' | 'key'>, from: Omit<ProcessingRollup, 'day' | 'key'>): void {
  into.runs += from.runs;
  into.completed += from.completed;
  into.failures += from.failures;
  into.retries += from.retries;
  into.durationMsSum += from.durationMsSum;
  const h: Histogram = into.histogram;
  for (const k of BUCKET_KEYS) if (from.histogram[k]) h[k] = (h[k] ?? 0) + from.histogram[k]!;
}
