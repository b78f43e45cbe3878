import { type DocumentData, FieldValue } from '@google-cloud/firestore';
import type { FeedbackTone, RubricMode, SentSection } from '../../shared/domain';
import { localDay } from '../../shared/rules/streak';
import type { Paths } from '../store/paths';
import { type EditPiece, type UsageDelta, usageDay, usageIncrements, usageShardRef } from './usage-rollups';
import { userStatsRef } from './user-stats-doc';
import { mergeInto, type StatsWriter } from './writer';

/**
 * The events that move a teacher's stats (`userStats/{uid}`) and the product-usage rollups
 * (`usageRollups`). Each is two blind merges of increments — no reads — so it can join the
 * transaction or batch that records the event itself, and is counted exactly when that commits.
 *
 * `timeZone` is the teacher's (`User.timeZone`): the streak and the chart count the teacher's
 * calendar days, which only the zone at the time of the event can tell.
 */

interface TeacherEvent {
  userId: string;
  timeZone: string;
  at: Date;
}

type StatsTotals = 'assignments' | 'worksSubmitted' | 'worksGraded' | 'gradingTasks' | 'feedbackSent' | 'edits';

interface StatsDelta {
  totals: Partial<Record<StatsTotals, number>>;
  /** Count a work graded on the event's day (the chart). */
  graded?: number;
  /** The event is grading activity on its day (the streak). */
  active?: boolean;
}

async function record(writer: StatsWriter, paths: Paths, e: { userId: string; at: Date; timeZone?: string }, stats: StatsDelta, usage: UsageDelta): Promise<void> {
  // An empty map in a merge would replace the stored one, so only non-empty parts are written.
  const data: DocumentData = {};
  const totals = Object.entries(stats.totals).filter(([, n]) => n !== 0);
  if (totals.length > 0) data.totals = Object.fromEntries(totals.map(([k, n]) => [k, FieldValue.increment(n)]));
  if (e.timeZone !== undefined && (stats.graded || stats.active)) {
    const day = localDay(e.at, e.timeZone);
    if (stats.graded) data.graded = { [day]: FieldValue.increment(stats.graded) };
    if (stats.active) data.active = { [day]: FieldValue.increment(1) };
  }
  if (Object.keys(data).length > 0) await mergeInto(writer, userStatsRef(paths, e.userId), { ...data, updatedAt: e.at });
  await mergeInto(writer, usageShardRef(paths, usageDay(e.at)), usageIncrements(usageDay(e.at), usage));
}

/**
 * A new assignment was admitted (not a replay of a retried request). `works` counts every Doc
 * submitted; `rejectedAtIntake` those that failed before grading (empty, over-long).
 */
export function recordAssignmentCreated(
  writer: StatsWriter,
  paths: Paths,
  e: TeacherEvent & { works: number; rejectedAtIntake: number; rubricMode: RubricMode; feedbackTone: FeedbackTone },
): Promise<void> {
  return record(
    writer,
    paths,
    e,
    { totals: { assignments: 1, worksSubmitted: e.works }, active: true },
    {
      assignmentsCreated: 1,
      works: { submitted: e.works, rejectedAtIntake: e.rejectedAtIntake },
      rubrics: e.rubricMode === 'generate' ? { generated: 1 } : { pasted: 1 },
      tones: { [e.feedbackTone]: 1 },
    },
  );
}

/**
 * A student work's feedback was stored (status → completed). For the pipeline: call it with the
 * transaction that marks the work completed, so a re-delivered task counts once.
 */
export function recordWorkGraded(writer: StatsWriter, paths: Paths, e: TeacherEvent): Promise<void> {
  return record(writer, paths, e, { totals: { worksGraded: 1, gradingTasks: 1 }, graded: 1, active: true }, { works: { graded: 1 }, tasks: { feedback: 1 } });
}

/**
 * A rubric or summary task stored its result. For the pipeline, in the transaction that stores it.
 * (Feedback tasks use {@link recordWorkGraded}.)
 */
export function recordTaskCompleted(writer: StatsWriter, paths: Paths, e: { userId: string; at: Date; kind: 'rubric' | 'summary' }): Promise<void> {
  return record(writer, paths, e, { totals: { gradingTasks: 1 } }, { tasks: { [e.kind]: 1 } });
}

/** The teacher saved an edit to one piece of feedback. */
export function recordFeedbackEdited(writer: StatsWriter, paths: Paths, e: TeacherEvent & { piece: EditPiece }): Promise<void> {
  return record(writer, paths, e, { totals: { edits: 1 }, active: true }, { edits: { [e.piece]: 1 } });
}

/** The add-on inserted feedback sections into a student's Doc. */
export function recordFeedbackSent(writer: StatsWriter, paths: Paths, e: TeacherEvent & { sections: readonly SentSection[] }): Promise<void> {
  const sectionsSent = Object.fromEntries(e.sections.map((s) => [s, 1]));
  return record(writer, paths, e, { totals: { feedbackSent: 1 }, active: true }, { feedbackSent: 1, sectionsSent });
}

/** The teacher asked for a failed work to be graded again (usage only). */
export function recordWorkRetried(writer: StatsWriter, paths: Paths, e: { userId: string; at: Date }): Promise<void> {
  return record(writer, paths, e, { totals: {} }, { works: { retried: 1 } });
}

/**
 * An assignment was deleted (usage only). The teacher's stats keep the grading that happened: a
 * streak or a chart square is history, not a pointer to stored data.
 */
export function recordAssignmentDeleted(writer: StatsWriter, paths: Paths, e: { userId: string; at: Date }): Promise<void> {
  return record(writer, paths, e, { totals: {} }, { assignmentsDeleted: 1 });
}
