import { workFeedbackText } from '../../../prompts/format';
import { renderPrompt } from '../../../prompts/render';
import { type SummaryOutput, SummaryOutputSchema } from '../../../prompts/schemas';
import { aiText, type Assignment, type AssignmentSummary, type Rubric, type StudentWork } from '../../../shared/domain';
import { completed, isOpen, pipelineOf, timed } from '../assignment-state';
import { PermanentTaskError } from '../failures';
import { recordTaskCompleted } from '../../stats/record';
import { recordAssignmentTransition } from '../../metrics/processing-rollups';
import { syncTextPurgeDates } from '../../retention/student-texts';
import type { TaskSpec } from '../task-spec';
import { assignmentTransaction } from '../transact';
import { promptAssignment } from './prompt-data';

interface SummaryData {
  assignment: Assignment;
  rubric: Rubric;
  graded: StudentWork[];
  failedCount: number;
}

function staleReason(a: Assignment | undefined, round: number): string | undefined {
  if (!a) return 'assignment not found';
  const p = pipelineOf(a);
  if (round !== p.summaryRound) return `round ${round} superseded by ${p.summaryRound}`;
  if (p.summaryStoredRound >= round) return 'summary already stored';
  if (p.summaryFailureReason !== null) return 'summary already failed';
  return undefined;
}

/** A graded work's feedback, as the teacher left it (edits included), for the summary prompt. */
function feedbackForPrompt(w: StudentWork, rubric: Rubric): string {
  const f = w.feedback!;
  const levelTitle = (criterionId: string, levelId: string) => {
    const c = rubric.criteria.find((x) => x.id === criterionId);
    return { criterion: c?.title ?? criterionId, level: c?.levels.find((l) => l.id === levelId)?.title ?? levelId };
  };
  const items = (kind: 'strength' | 'opportunity') => f.feedbackItems.filter((i) => i.kind === kind).map((i) => ({ title: i.title.current, description: i.description.current }));
  return workFeedbackText({ levels: f.criterionLevels.map((l) => levelTitle(l.criterionId, l.levelId)), strengths: items('strength'), opportunities: items('opportunity'), summary: f.summary.current });
}

/** After the summary is settled, the assignment completes if no work was reopened meanwhile. */
function settle(a: Assignment, now: Date, retentionDays: number): Assignment {
  return a.works.some(isOpen) ? a : completed(a, now, retentionDays);
}

/**
 * Summary: the class-wide report from every graded work's feedback. Its round is started by the
 * transaction that closed the last open work; storing it completes the assignment. A retried work
 * reopens the assignment and, once terminal, starts the next round, which replaces this summary.
 */
export const summaryTask: TaskSpec<'summary', SummaryData, SummaryOutput> = {
  kind: 'summary',
  template: 'summary',

  async collect(deps, payload) {
    const a = (await deps.paths.assignment(payload.assignmentId).get()).data();
    const stale = staleReason(a, payload.round);
    if (stale || !a) return { kind: 'skip', reason: stale ?? 'assignment not found', followUps: [] };
    if (!a.rubric) throw new PermanentTaskError('The rubric is missing, so there is nothing to summarise.', 'summary without a rubric');
    // No orderBy: an equality filter alone needs no composite index; position orders in memory.
    const snap = await deps.paths.works(a.id).where('status', '==', 'completed').get();
    const graded = snap.docs.map((d) => d.data()).filter((w) => w.feedback !== null).sort((x, y) => x.position - y.position);
    if (graded.length === 0) throw new PermanentTaskError('No work was graded, so there is nothing to summarise.', 'summary without graded works');
    return { kind: 'run', data: { assignment: a, rubric: a.rubric, graded, failedCount: a.works.filter((w) => w.status === 'failed').length } };
  },

  prompt: (d) =>
    renderPrompt('summary', {
      assignment: promptAssignment(d.assignment),
      rubric: d.rubric,
      works: d.graded.map((w, i) => ({ n: i + 1, text: feedbackForPrompt(w, d.rubric) })),
      failedCount: d.failedCount,
    }),
  schema: () => SummaryOutputSchema,
  attribution: (d) => ({ userId: d.assignment.userId, assignmentId: d.assignment.id, workId: null }),

  async store(deps, payload, data, output, ctx) {
    const ref = deps.paths.assignment(payload.assignmentId);
    return assignmentTransaction(deps, payload.assignmentId, async (tx) => {
      const a = (await tx.get(ref)).data();
      if (staleReason(a, payload.round) || !a) return { stored: false, followUps: [] };
      const now = deps.now();
      const summary: AssignmentSummary = {
        assignmentId: a.id,
        // Counted by us, not taken from the model.
        studentWorkCount: data.graded.length,
        qualitativeInsights: aiText(output.overallPerformance),
        feedbackItems: [
          ...output.commonStrengths.map((s, i) => ({ id: `s${i + 1}`, kind: 'strength' as const, title: aiText(s.title), description: aiText(s.description), evidence: '' })),
          ...output.commonOpportunities.map((o, i) => ({ id: `o${i + 1}`, kind: 'opportunity' as const, title: aiText(o.title), description: aiText(o.description), evidence: '' })),
        ],
        nextSteps: output.nextSteps,
        createdAt: now,
        updatedAt: now,
      };
      const p = pipelineOf(a);
      const next = timed(
        { ...a, progress: { ...a.progress, summaryDone: true }, pipeline: { ...p, summaryStoredRound: payload.round }, updatedAt: now },
        'summary',
        ctx.elapsedMs,
      );
      tx.set(deps.paths.summary(a.id), summary);
      const settled = settle(next, now, deps.settings.retentionDays);
      tx.set(ref, settled);
      syncTextPurgeDates(tx, deps.paths, a, settled);
      recordAssignmentTransition(tx, deps.paths, a, settled);
      await recordTaskCompleted(tx, deps.paths, { userId: a.userId, at: now, kind: 'summary' });
      ctx.clearMemo(tx);
      return { stored: true, followUps: [] };
    });
  },

  async fail(deps, payload, reason) {
    const ref = deps.paths.assignment(payload.assignmentId);
    return assignmentTransaction(deps, payload.assignmentId, async (tx) => {
      const a = (await tx.get(ref)).data();
      if (staleReason(a, payload.round) || !a) return { followUps: [] };
      const now = deps.now();
      // The works keep their feedback; only the class report is missing. The assignment completes.
      const next = { ...a, pipeline: { ...pipelineOf(a), summaryFailureReason: reason }, updatedAt: now };
      const settled = settle(next, now, deps.settings.retentionDays);
      tx.set(ref, settled);
      syncTextPurgeDates(tx, deps.paths, a, settled);
      recordAssignmentTransition(tx, deps.paths, a, settled);
      return { followUps: [] };
    });
  },
};
