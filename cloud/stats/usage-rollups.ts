import { type DocumentData, FieldValue } from '@google-cloud/firestore';
import { z } from 'zod';
import { type Day, localDay } from '../../shared/rules/streak';
import { zodConverter } from '../store/converter';
import type { Paths } from '../store/paths';

/**
 * Product-usage counters for the admin dashboard (PRD "Product Usage Metrics"), one UTC day at a
 * time: `usageRollups/{YYYY-MM-DD}_{shard}`. Every teacher's events land on the same day, so the
 * day is split over {@link USAGE_SHARDS} documents picked at random per write; that keeps each
 * document well under Firestore's sustained one-write-per-second guidance while grading fans out.
 * Readers sum the shards of a day ({@link readUsageDay}); docs/api.md documents the shape.
 */
export const USAGE_SHARDS = 4;

const count = z.number().int().min(0).default(0);
const counts = <K extends string>(keys: readonly K[]) => {
  const shape = Object.fromEntries(keys.map((k) => [k, count])) as Record<K, typeof count>;
  return z.object(shape).prefault({} as never);
};

export const EDIT_PIECES = ['qualitativeFeedback', 'feedbackItem', 'criterionLevel', 'summary', 'question', 'assignmentSummary'] as const;
export type EditPiece = (typeof EDIT_PIECES)[number];
const SECTIONS = ['qualitativeFeedback', 'feedbackItems', 'criterionLevels'] as const;

export const UsageDaySchema = z.object({
  day: z.string(),
  assignmentsCreated: count,
  /** Works submitted; `rejectedAtIntake` failed before grading (empty or over-long Docs). */
  works: counts(['submitted', 'rejectedAtIntake', 'graded', 'retried']),
  rubrics: counts(['generated', 'pasted']),
  /** Feedback tone chosen per assignment ("feedback customization"). */
  tones: counts(['encouraging', 'neutral', 'critical']),
  /** LLM tasks that stored a result, per kind. */
  tasks: counts(['rubric', 'feedback', 'summary']),
  /** Teacher edits per piece of feedback ("feedback editing frequency"). */
  edits: counts(EDIT_PIECES),
  /** Times feedback was inserted into a student's Doc, and which sections went in. */
  feedbackSent: count,
  sectionsSent: counts(SECTIONS),
  assignmentsDeleted: count,
});
export type UsageDay = z.infer<typeof UsageDaySchema>;

/** A partial tree of counter increments, e.g. `{ works: { graded: 1 } }`. */
export type UsageDelta = { [K in keyof Omit<UsageDay, 'day'>]?: UsageDay[K] extends number ? number : Partial<Record<keyof UsageDay[K], number>> };

/** The UTC day an event is counted on. */
export function usageDay(at: Date): Day {
  return localDay(at, 'UTC');
}

/** The shard document one write goes to. */
export function usageShardRef(paths: Paths, day: Day, shard = Math.floor(Math.random() * USAGE_SHARDS)) {
  return paths.raw('usageRollups').doc(`${day}_${shard}`);
}

/** The merge data that applies `delta` as increments (zero entries are left out). */
export function usageIncrements(day: Day, delta: UsageDelta): DocumentData {
  const out: DocumentData = { day };
  for (const [key, value] of Object.entries(delta)) {
    if (typeof value === 'number') {
      if (value !== 0) out[key] = FieldValue.increment(value);
    } else if (value) {
      const inner = Object.fromEntries(Object.entries(value as Record<string, number>).filter(([, n]) => n !== 0).map(([k, n]) => [k, FieldValue.increment(n)]));
      if (Object.keys(inner).length > 0) out[key] = inner;
    }
  }
  return out;
}

const converter = zodConverter(UsageDaySchema);

/** One UTC day's counters, summed over its shards (zeros when nothing happened). */
export async function readUsageDay(paths: Paths, day: Day): Promise<UsageDay> {
  const refs = Array.from({ length: USAGE_SHARDS }, (_, i) => usageShardRef(paths, day, i).withConverter(converter));
  const snaps = await paths.db.getAll(...refs);
  const total = UsageDaySchema.parse({ day });
  for (const snap of snaps) {
    const part = snap.data();
    if (part) addInto(total as unknown as Record<string, unknown>, part as unknown as Record<string, unknown>);
  }
  return total;
}

function addInto(into: Record<string, unknown>, from: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(from)) {
    if (typeof v === 'number') into[k] = ((into[k] as number | undefined) ?? 0) + v;
    else if (v && typeof v === 'object') addInto(into[k] as Record<string, unknown>, v as Record<string, unknown>);
  }
}
