import type { PromptExample } from '../../../prompts/format';
import { renderPrompt } from '../../../prompts/render';
import { createFeedbackOutputSchema, type FeedbackOutput } from '../../../prompts/schemas';
import type { Assignment, Calibration, Rubric } from '../../../shared/domain';
import { promptExamples } from '../../calibration/anchors';
import { looAgreement } from '../../../shared/rules/calibration';
import { readStudentText } from '../../retention/student-texts';
import { PermanentTaskError } from '../failures';
import type { FeedbackPayload } from '../payloads';
import type { TaskSpec } from '../task-spec';
import { assignmentTransaction } from '../transact';
import { promptAssignment } from './prompt-data';

interface CheckData {
  assignment: Assignment;
  rubric: Rubric;
  text: string;
  examples: PromptExample[];
}

/** The calibration round this delivery belongs to, if it is still waiting for this work. */
function openCheck(a: Assignment | undefined, p: FeedbackPayload): Calibration | undefined {
  const c = a?.calibration;
  return c && c.round === p.looRound && c.looPending.includes(p.workId) ? c : undefined;
}

/** The calibration with one example's result in (null: its call failed), and "after" once all are in. */
function withResult(a: Assignment, c: Calibration, workId: string, levels: { criterionId: string; levelId: string }[] | null): Calibration {
  const loo = { ...c.loo, [workId]: levels };
  const looPending = c.looPending.filter((id) => id !== workId);
  return { ...c, loo, looPending, after: looPending.length === 0 ? looAgreement(a, { ...c, loo }) : c.after };
}

/**
 * The leave-one-out check of a calibration round: one example work graded with the *other*
 * examples as anchors, so the detail card can show whether the examples moved the model towards
 * the teacher ("before": the AI's first levels on the examples; "after": these). Only the levels
 * are stored, on the assignment's calibration; the example keeps its feedback and review.
 */
export const calibrationCheckTask: TaskSpec<'feedback', CheckData, FeedbackOutput> = {
  kind: 'feedback',
  template: 'feedback',

  async collect(deps, payload) {
    const a = (await deps.paths.assignment(payload.assignmentId).get()).data();
    if (!openCheck(a, payload) || !a?.rubric) return { kind: 'skip', reason: 'calibration check superseded or done', followUps: [] };
    const text = await readStudentText(deps.paths, a.id, payload.workId);
    if (text.kind !== 'stored') throw new PermanentTaskError("The example's text is no longer stored.", 'example text purged');
    const examples = await promptExamples(deps.paths, a, payload.workId);
    return { kind: 'run', data: { assignment: a, rubric: a.rubric, text: text.text, examples } };
  },

  prompt: (d) => renderPrompt('feedback', { assignment: promptAssignment(d.assignment), rubric: d.rubric, studentText: d.text, settings: d.assignment.gradingSettings, examples: d.examples }),
  schema: (d) => createFeedbackOutputSchema(d.rubric),
  attribution: (d) => ({ userId: d.assignment.userId, assignmentId: d.assignment.id, workId: null }),

  async store(deps, payload, data, output, ctx) {
    const levels = data.rubric.criteria.flatMap((c) => {
      const level = c.levels.find((l) => l.title === output.criterionLevels[c.id]?.level);
      return level ? [{ criterionId: c.id, levelId: level.id }] : [];
    });
    return assignmentTransaction(deps, payload.assignmentId, async (tx) => {
      const a = (await tx.get(deps.paths.assignment(payload.assignmentId))).data();
      const c = openCheck(a, payload);
      if (!a || !c) return { stored: false, followUps: [] };
      tx.set(deps.paths.assignment(a.id), { ...a, calibration: withResult(a, c, payload.workId, levels), updatedAt: deps.now() });
      ctx.clearMemo(tx);
      return { stored: true, followUps: [] };
    });
  },

  async fail(deps, payload) {
    return assignmentTransaction(deps, payload.assignmentId, async (tx) => {
      const a = (await tx.get(deps.paths.assignment(payload.assignmentId))).data();
      const c = openCheck(a, payload);
      if (a && c) tx.set(deps.paths.assignment(a.id), { ...a, calibration: withResult(a, c, payload.workId, null), updatedAt: deps.now() });
      return { followUps: [] };
    });
  },
};
