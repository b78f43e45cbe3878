import type { DocumentReference, Transaction } from '@google-cloud/firestore';
import { renderPrompt } from '../../../prompts/render';
import { FEEDBACK_PROMPT_VERSION } from '../../../prompts/version';
import type { PromptExample } from '../../../prompts/format';
import { promptExamples } from '../../calibration/anchors';
import { checkList, createFeedbackOutputSchema, type FeedbackOutput } from '../../../prompts/schemas';
import { aiText, type Assignment, assignmentTimeZone, type Feedback, type Rubric, rubricRevision, type StudentWork } from '../../../shared/domain';
import { verifyEvidence } from '../../../shared/rules/evidence';
import type { PipelineDeps } from '../context';
import { afterTerminal, owedSummary, timed, withWork } from '../assignment-state';
import { PermanentTaskError } from '../failures';
import { recordWorkGraded } from '../../stats/record';
import { recordAssignmentTransition } from '../../metrics/processing-rollups';
import { readStudentText, syncTextPurgeDates, textDeletedReason } from '../../retention/student-texts';
import type { FeedbackPayload, TaskPayload } from '../payloads';
import type { TaskSpec } from '../task-spec';
import { assignmentTransaction } from '../transact';
import { updateWork } from '../work-patch';
import { promptAssignment } from './prompt-data';

interface FeedbackData {
  assignment: Assignment;
  work: StudentWork;
  rubric: Rubric;
  text: string;
  /** The teacher's examples in force (calibration), in the cached prefix; usually none. */
  examples: PromptExample[];
}

/** The stored feedback: evidence verified against the student's text, levels resolved to ids. */
export function toFeedback(out: FeedbackOutput, rubric: Rubric, studentText: string): { feedback: Feedback; droppedEvidenceCount: number } {
  const items = out.feedbackItems.map((item, i) => ({ id: `f${i + 1}`, kind: item.kind, title: aiText(item.title), description: aiText(item.description), evidence: item.evidence }));
  const verified = verifyEvidence(items, studentText);
  const criterionLevels = rubric.criteria.map((c) => {
    const chosen = out.criterionLevels[c.id];
    const level = c.levels.find((l) => l.title === chosen?.level);
    if (!chosen || !level) throw new PermanentTaskError("Claude's feedback did not match the rubric. Retry this work.", `no valid level for criterion ${c.id}`);
    return { criterionId: c.id, levelId: level.id, originalLevelId: level.id, levelEditedAt: null, explanation: aiText(chosen.explanation) };
  });
  return {
    feedback: {
      qualitativeFeedback: aiText(out.qualitativeFeedback),
      feedbackItems: verified.items,
      criterionLevels,
      summary: aiText(out.summary),
      question: aiText(out.question),
      checks: checkList(out.checks),
      writingGradeLevel: out.writingGradeLevel,
      droppedEvidenceCount: verified.droppedCount,
    },
    droppedEvidenceCount: verified.droppedCount,
  };
}

type Loaded = { kind: 'open'; assignment: Assignment; work: StudentWork } | { kind: 'done'; reason: string; followUps: TaskPayload[] };

/** Read the assignment and the work (in `tx` when given); say whether this delivery still has the work to do. */
async function load(tx: Transaction | undefined, deps: PipelineDeps, p: FeedbackPayload): Promise<Loaded> {
  const get = <T>(ref: DocumentReference<T>) => (tx ? tx.get(ref) : ref.get());
  const [aSnap, wSnap] = await Promise.all([get(deps.paths.assignment(p.assignmentId)), get(deps.paths.work(p.assignmentId, p.workId))]);
  const a = aSnap.data();
  const w = wSnap.data();
  if (!a || !w) return { kind: 'done', reason: 'assignment or work not found', followUps: [] };
  if (a.status === 'review') return { kind: 'done', reason: 'the rubric is waiting for review', followUps: [] };
  if (w.attempts !== p.attempt) return { kind: 'done', reason: `attempt ${p.attempt} superseded by ${w.attempts}`, followUps: [] };
  // Already terminal: a duplicate delivery. The summary may still be owed if the first one died after committing.
  if (w.status === 'completed' || w.status === 'failed') return { kind: 'done', reason: `work already ${w.status}`, followUps: owedSummary(a) };
  return { kind: 'open', assignment: a, work: w };
}

/**
 * Feedback: grade one work against the rubric. Storing it makes the work terminal exactly once
 * (checked in the transaction), and the transaction that leaves no open work starts the summary.
 */
export const feedbackTask: TaskSpec<'feedback', FeedbackData, FeedbackOutput> = {
  kind: 'feedback',
  template: 'feedback',

  // Plain reads: the work was marked "processing" when its task was queued (fan-out or Retry), and
  // only the storing transaction decides; a transaction here would only contend on the assignment.
  async collect(deps, payload) {
    const l = await load(undefined, deps, payload);
    if (l.kind === 'done') return { kind: 'skip', reason: l.reason, followUps: l.followUps };
    const { assignment: a, work: w } = l;
    if (!a.rubric) throw new PermanentTaskError('The rubric is missing. Retry this work.', 'feedback task without a rubric');
    const text = await readStudentText(deps.paths, a.id, w.id);
    if (text.kind === 'deleted') throw new PermanentTaskError(textDeletedReason(deps.settings.retentionDays), 'work text purged');
    if (text.kind === 'not-kept') throw new PermanentTaskError("This Doc's text was not kept. Create a new assignment to grade it.", 'work text not kept');
    const examples = await promptExamples(deps.paths, a, w.id);
    return { kind: 'run', data: { assignment: a, work: w, rubric: a.rubric, text: text.text, examples } };
  },

  prompt: (d) => renderPrompt('feedback', { assignment: promptAssignment(d.assignment), rubric: d.rubric, studentText: d.text, settings: d.assignment.gradingSettings, examples: d.examples }),
  schema: (d) => createFeedbackOutputSchema(d.rubric),
  attribution: (d) => ({ userId: d.assignment.userId, assignmentId: d.assignment.id, workId: d.work.id }),

  async store(deps, payload, data, output, ctx) {
    const { feedback, droppedEvidenceCount } = toFeedback(output, data.rubric, data.text);
    return assignmentTransaction(deps, payload.assignmentId, async (tx) => {
      const l = await load(tx, deps, payload);
      if (l.kind === 'done') return { stored: false, followUps: l.followUps };
      const now = deps.now();
      const gradedWith = { model: deps.settings.feedbackModel, promptVersion: FEEDBACK_PROMPT_VERSION };
      const work: StudentWork = { ...l.work, status: 'completed', failureReason: null, feedback, gradedWith, completedAt: now, updatedAt: now };
      // The chosen levels and the rubric revision ride on the work's line: the class list totals points from one read.
      const levelIds = Object.fromEntries(feedback.criterionLevels.map((x) => [x.criterionId, x.levelId]));
      const graded = timed(withWork(l.assignment, work.id, { status: 'completed', failureReason: null, levelIds, rubricRevision: rubricRevision(data.rubric) }, now), 'feedback', ctx.elapsedMs);
      const { assignment, followUps } = afterTerminal(graded, now, deps.settings.retentionDays);
      tx.set(deps.paths.work(work.assignmentId, work.id), work);
      tx.set(deps.paths.assignment(assignment.id), assignment);
      syncTextPurgeDates(tx, deps.paths, l.assignment, assignment);
      recordAssignmentTransition(tx, deps.paths, l.assignment, assignment);
      // In the transaction that flips the work to completed: a redelivery finds it done and counts nothing.
      await recordWorkGraded(tx, deps.paths, { userId: assignment.userId, timeZone: assignmentTimeZone(assignment), at: now });
      ctx.clearMemo(tx);
      return { stored: true, followUps, droppedEvidenceCount };
    });
  },

  async fail(deps, payload, reason) {
    return assignmentTransaction(deps, payload.assignmentId, async (tx) => {
      const l = await load(tx, deps, payload);
      if (l.kind === 'done') return { followUps: l.followUps };
      const now = deps.now();
      updateWork(tx, deps.paths, payload.assignmentId, payload.workId, { status: 'failed', failureReason: reason, updatedAt: now });
      const failed = withWork(l.assignment, payload.workId, { status: 'failed', failureReason: reason }, now);
      const { assignment, followUps } = afterTerminal(failed, now, deps.settings.retentionDays);
      tx.set(deps.paths.assignment(assignment.id), assignment);
      syncTextPurgeDates(tx, deps.paths, l.assignment, assignment);
      recordAssignmentTransition(tx, deps.paths, l.assignment, assignment);
      return { followUps };
    });
  },
};
