import { FieldPath, FieldValue } from '@google-cloud/firestore';
import { z } from 'zod';
import { addDays, computeStreak, type Day, DAY_PATTERN } from '../../shared/rules/streak';
import { zodConverter } from '../store/converter';
import type { Paths } from '../store/paths';

const count = z.number().int().min(0).default(0);
const dayCounts = z.record(z.string().regex(DAY_PATTERN), z.number().int().min(0)).default({});

/**
 * `userStats/{userId}`: one small document per teacher that the home card's stats are computed
 * from, kept up to date by blind increments as things happen (see record.ts). Day keys are the
 * teacher's calendar days (their time zone at the time of the event). Maps hold about a year:
 * older keys are pruned when the stats are read, after folding them into `longestStreak`.
 */
export const UserStatsSchema = z.object({
  totals: z
    .object({
      assignments: count,
      /** Works submitted with the assignments (including ones that failed at intake). */
      worksSubmitted: count,
      worksGraded: count,
      /** LLM tasks that stored a result: rubrics, feedback, summaries. */
      gradingTasks: count,
      /** Times feedback was inserted into a student's Doc. */
      feedbackSent: count,
      /** Pieces of feedback the teacher edited. */
      edits: count,
    })
    .prefault({}),
  /** Works graded per day: the contribution chart. */
  graded: dayCounts,
  /** Any grading activity per day (created, graded, edited, sent): the streak. */
  active: dayCounts,
  /** The longest streak found in days since pruned. */
  longestStreak: count,
  updatedAt: z.date().optional(),
});
export type UserStats = z.infer<typeof UserStatsSchema>;

const converter = zodConverter(UserStatsSchema);

/** Days kept in the maps: the chart's 371 at most, plus a margin for zone changes. */
export const STATS_KEEP_DAYS = 400;

export function userStatsRef(paths: Paths, userId: string) {
  return paths.raw('userStats').doc(userId);
}

/** The teacher's stats (empty ones before any activity). One document read. */
export async function readUserStats(paths: Paths, userId: string): Promise<UserStats> {
  const snap = await userStatsRef(paths, userId).withConverter(converter).get();
  return snap.data() ?? UserStatsSchema.parse({});
}

/**
 * Drops day keys older than {@link STATS_KEEP_DAYS} before `today`, first folding the history they
 * hold into `longestStreak`, so the document stays bounded (a few KB) for life. Only old keys are
 * touched: increments racing this land on recent keys and are kept.
 */
export async function pruneUserStats(paths: Paths, userId: string, stats: UserStats, today: Day): Promise<boolean> {
  const cutoff = addDays(today, -STATS_KEEP_DAYS);
  const oldGraded = Object.keys(stats.graded).filter((d) => d < cutoff);
  const oldActive = Object.keys(stats.active).filter((d) => d < cutoff);
  if (oldGraded.length === 0 && oldActive.length === 0) return false;
  const longest = computeStreak(Object.keys(stats.active), today, stats.longestStreak).longest;
  const args: unknown[] = [];
  for (const d of oldGraded) args.push(new FieldPath('graded', d), FieldValue.delete());
  for (const d of oldActive) args.push(new FieldPath('active', d), FieldValue.delete());
  await userStatsRef(paths, userId).update(new FieldPath('longestStreak'), longest, ...args);
  return true;
}
