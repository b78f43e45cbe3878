import { type DocumentData, FieldValue, type Transaction } from '@google-cloud/firestore';
import { z } from 'zod';
import type { Assignment, StudentWork } from '../../shared/domain';
import { addQuality, emptyQuality, isZeroQuality, pooled, type QualityCounts, qualityDelta, workQuality } from '../../shared/rules/feedback-quality';
import { timestampsToDates } from '../store/converter';
import type { Paths } from '../store/paths';
import { mergeInto, type StatsWriter } from '../stats/writer';

/**
 * Feedback-quality rollups (`qualityRollups`): how much of the AI's feedback teachers kept, over
 * reviewed works only. Three kinds of document, all blind increments of a work's share
 * (shared/rules/feedback-quality.ts) so no reader ever scans works:
 *
 * - `assignment_<id>`: per criterion (the card's "You kept 31 of 35 levels", per-criterion kappa);
 * - `teacher_<uid>`: lifetime, matrices pooled by scale size;
 * - `day_<YYYY-MM-DD>_<shard>`: the UTC day the work was graded, overall and by model, feedback
 *   prompt version and tone (the admin "Feedback quality" page). Sharded like the usage rollups:
 *   every teacher's reviews land on the same few days.
 *
 * A work's share moves whenever its review state or its feedback changes (an edit, an insert, a
 * re-grade that replaces reviewed feedback): the caller passes the work before and after, in the
 * transaction that writes it, and the difference is added — a work is never counted twice.
 */
export const QUALITY_SHARDS = 4;

const n = z.number().default(0);
const part = z.object({ total: n, edited: n }).prefault({});
export const QualityCountsSchema = z
  .object({
    works: n,
    levels: n,
    exact: n,
    adjacent: n,
    qualitative: part,
    items: part,
    explanations: part,
    matrices: z.record(z.string(), z.record(z.string(), z.number())).default({}),
  })
  .prefault({});

const byKey = z.record(z.string(), QualityCountsSchema).default({});
export const QualityDaySchema = z.object({ kind: z.literal('day'), day: z.string(), total: QualityCountsSchema, model: byKey, prompt: byKey, tone: byKey });
export type QualityDay = z.infer<typeof QualityDaySchema>;
export const AssignmentQualitySchema = z.object({ kind: z.literal('assignment'), assignmentId: z.string(), userId: z.string(), counts: QualityCountsSchema });
export const TeacherQualitySchema = z.object({ kind: z.literal('teacher'), userId: z.string(), counts: QualityCountsSchema });

/** Where each dimension of a graded work is counted: older works graded before this was recorded say "unknown". */
export interface QualityKeys {
  day: string;
  model: string;
  prompt: string;
  tone: string;
}

export function qualityKeys(a: Pick<Assignment, 'feedbackTone' | 'createdAt'>, w: Pick<StudentWork, 'completedAt' | 'gradedWith'>): QualityKeys {
  return {
    day: (w.completedAt ?? a.createdAt).toISOString().slice(0, 10),
    model: w.gradedWith?.model ?? 'unknown',
    prompt: w.gradedWith?.promptVersion ?? 'unknown',
    tone: a.feedbackTone,
  };
}

/** The merge data adding `q` (negative entries subtract; zeros are left out). */
export function qualityIncrements(q: QualityCounts): DocumentData {
  const tree = (o: Record<string, unknown>): DocumentData | undefined => {
    const out: DocumentData = {};
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'number') {
        if (v !== 0) out[k] = FieldValue.increment(v);
      } else if (v && typeof v === 'object') {
        const inner = tree(v as Record<string, unknown>);
        if (inner) out[k] = inner;
      }
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };
  return tree(q as unknown as Record<string, unknown>) ?? {};
}

export const assignmentQualityRef = (paths: Paths, assignmentId: string) => paths.raw('qualityRollups').doc(`assignment_${assignmentId}`);
export const teacherQualityRef = (paths: Paths, userId: string) => paths.raw('qualityRollups').doc(`teacher_${userId}`);
export const qualityDayRef = (paths: Paths, day: string, shard = Math.floor(Math.random() * QUALITY_SHARDS)) => paths.raw('qualityRollups').doc(`day_${day}_${shard}`);

/** Apply a share's change to every rollup (blind merges: join the caller's transaction). */
export async function recordQualityDelta(writer: StatsWriter, paths: Paths, a: Pick<Assignment, 'id' | 'userId'>, keys: QualityKeys, delta: QualityCounts): Promise<void> {
  if (isZeroQuality(delta)) return;
  const pool = pooled(delta);
  const inc = qualityIncrements(pool);
  await mergeInto(writer, assignmentQualityRef(paths, a.id), { kind: 'assignment', assignmentId: a.id, userId: a.userId, counts: qualityIncrements(delta) });
  await mergeInto(writer, teacherQualityRef(paths, a.userId), { kind: 'teacher', userId: a.userId, counts: inc });
  await mergeInto(writer, qualityDayRef(paths, keys.day), { kind: 'day', day: keys.day, total: inc, model: { [keys.model]: inc }, prompt: { [keys.prompt]: inc }, tone: { [keys.tone]: inc } });
}

/**
 * A work changed (edited, inserted, approved, re-graded): move its share from `before` to `after`.
 * Each side is counted under its own keys (a re-grade can change the day, model and prompt).
 * Returns the change of the share (for the assignment's own counters).
 */
export async function recordQualityChange(
  writer: StatsWriter,
  paths: Paths,
  a: Pick<Assignment, 'id' | 'userId' | 'rubric' | 'feedbackTone' | 'createdAt'>,
  before: StudentWork,
  after: StudentWork,
): Promise<QualityCounts> {
  const was = workQuality(before, a.rubric);
  const now = workQuality(after, a.rubric);
  const kb = qualityKeys(a, before);
  const ka = qualityKeys(a, after);
  const delta = qualityDelta(now, was);
  if (JSON.stringify(kb) === JSON.stringify(ka)) {
    await recordQualityDelta(writer, paths, a, ka, delta);
  } else {
    await recordQualityDelta(writer, paths, a, kb, qualityDelta(emptyQuality(), was));
    await recordQualityDelta(writer, paths, a, ka, now);
  }
  return delta;
}

/**
 * {@link recordQualityChange} in a transaction that does not write the assignment itself: the
 * rollups and the assignment's own counters move together (blind increments; no extra read).
 */
export async function recordWorkQuality(
  tx: Transaction,
  paths: Paths,
  a: Pick<Assignment, 'id' | 'userId' | 'rubric' | 'feedbackTone' | 'createdAt'>,
  before: StudentWork,
  after: StudentWork,
): Promise<void> {
  const delta = await recordQualityChange(tx, paths, a, before, after);
  const update = assignmentQualityUpdate(delta);
  if (update) tx.update(paths.assignment(a.id), update);
}

const parse = <S extends z.ZodType>(schema: S, data: unknown): z.infer<S> => schema.parse(timestampsToDates(data));

/** One assignment's counts (zeros before any review). */
export async function readAssignmentQuality(paths: Paths, assignmentId: string): Promise<QualityCounts> {
  const snap = await assignmentQualityRef(paths, assignmentId).get();
  return snap.exists ? parse(AssignmentQualitySchema, snap.data()).counts : emptyQuality();
}

/** Several assignments' counts at once, in order (one batched read). */
export async function readAssignmentsQuality(paths: Paths, assignmentIds: readonly string[]): Promise<QualityCounts[]> {
  if (assignmentIds.length === 0) return [];
  const snaps = await paths.db.getAll(...assignmentIds.map((id) => assignmentQualityRef(paths, id)));
  return snaps.map((s) => (s.exists ? parse(AssignmentQualitySchema, s.data()).counts : emptyQuality()));
}

/** Every teacher's lifetime counts (one document per teacher who reviewed anything). */
export async function readTeachersQuality(paths: Paths): Promise<{ userId: string; counts: QualityCounts }[]> {
  const snap = await paths.raw('qualityRollups').where('kind', '==', 'teacher').get();
  return snap.docs.map((d) => parse(TeacherQualitySchema, d.data()));
}

/** Days from..to (inclusive, UTC), shards summed; days with nothing are absent. */
export async function readQualityDays(paths: Paths, q: { from: string; to: string }): Promise<Map<string, QualityDay>> {
  const snap = await paths.raw('qualityRollups').where('day', '>=', q.from).where('day', '<=', q.to).get();
  const out = new Map<string, QualityDay>();
  for (const doc of snap.docs) {
    const d = parse(QualityDaySchema, doc.data());
    const into = out.get(d.day);
    out.set(d.day, into ? addDay(into, d) : d);
  }
  return out;
}

function addByKey(a: Record<string, QualityCounts>, b: Record<string, QualityCounts>): Record<string, QualityCounts> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = out[k] ? addQuality(out[k]!, v) : v;
  return out;
}

/** Two days' (or shards') counts added, dimension by dimension. */
export function addDay(a: QualityDay, b: QualityDay): QualityDay {
  return { kind: 'day', day: a.day, total: addQuality(a.total, b.total), model: addByKey(a.model, b.model), prompt: addByKey(a.prompt, b.prompt), tone: addByKey(a.tone, b.tone) };
}

/**
 * The assignment document's own counters (`quality`, the card's line) moved by `delta`, as an
 * update of increments for the transaction that already writes the work. Undefined: nothing moves.
 */
export function assignmentQualityUpdate(delta: QualityCounts): Record<string, FieldValue> | undefined {
  if (delta.works === 0 && delta.levels === 0 && delta.exact === 0) return undefined;
  return {
    'quality.reviewedWorks': FieldValue.increment(delta.works),
    'quality.levels': FieldValue.increment(delta.levels),
    'quality.kept': FieldValue.increment(delta.exact),
  };
}
