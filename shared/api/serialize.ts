import { type Assignment, type AssignmentSummary, DEFAULT_GRADING_SETTINGS, type FeedbackItem, type Rubric, type RubricOriginal, rubricRevision, type StudentWork } from '../domain';
import { rubricMaxPoints, workTotal } from '../rules/points';
import { isOutdated, regradeTargets } from '../rules/regrade';
import type { AssignmentDetail, AssignmentListItem, EstimateView, FeedbackItemView, RubricView, SummaryView } from './assignments';
import { toApiEditableText } from './common';
import { agreementViewFrom } from './quality';
import { calibrationViewFrom } from './calibration';
import type { WorkView } from './works';

/**
 * Domain models → the contract's views. The API answers with these so every route serializes dates,
 * edits and ordering the same way; nothing here reads a store.
 */

const originalView = (o: RubricOriginal | undefined) => (o ? { title: o.title, description: o.description, points: o.points ?? null } : null);

export function rubricView(r: Rubric): RubricView {
  const byPosition = <T extends { position: number }>(xs: T[]) => [...xs].sort((a, b) => a.position - b.position);
  return {
    source: r.source,
    criteria: byPosition(r.criteria).map((c) => ({
      id: c.id,
      title: c.title,
      description: c.description,
      position: c.position,
      levels: byPosition(c.levels).map((l) => ({
        id: l.id,
        title: l.title,
        description: l.description,
        position: l.position,
        points: l.points ?? null,
        original: originalView(l.original),
        added: l.added ?? false,
      })),
      original: originalView(c.original),
      added: c.added ?? false,
      revision: c.revision ?? 0,
    })),
    revision: rubricRevision(r),
    maxPoints: rubricMaxPoints(r.criteria),
    editedAt: r.editedAt ? r.editedAt.toISOString() : null,
  };
}

export function feedbackItemView(i: FeedbackItem): FeedbackItemView {
  return { id: i.id, kind: i.kind, title: toApiEditableText(i.title), description: toApiEditableText(i.description), evidence: i.evidence };
}

export function summaryView(s: AssignmentSummary): SummaryView {
  return {
    studentWorkCount: s.studentWorkCount,
    qualitativeInsights: toApiEditableText(s.qualitativeInsights),
    feedbackItems: s.feedbackItems.map(feedbackItemView),
    nextSteps: s.nextSteps,
  };
}

/** The detail card's data from the assignment document and (when complete) its summary. */
export function assignmentDetailFrom(a: Assignment, summary: AssignmentSummary | null, estimate: EstimateView): AssignmentDetail {
  return {
    id: a.id,
    title: a.title,
    subject: a.subject,
    gradeLevel: a.gradeLevel,
    instructions: a.instructions,
    rubricMode: a.rubricMode,
    feedbackTone: a.feedbackTone,
    status: a.status,
    createdAt: a.createdAt.toISOString(),
    completedAt: a.completedAt ? a.completedAt.toISOString() : null,
    rubric: a.rubric ? rubricView(a.rubric) : null,
    progress: { ...a.progress },
    estimate,
    works: a.works.map((w) => ({
      id: w.id,
      title: w.title,
      googleDocId: w.googleDocId,
      status: w.status,
      failureReason: w.failureReason,
      total: a.rubric && w.status === 'completed' && w.levelIds ? workTotal(a.rubric.criteria, w.levelIds) : null,
      outdated: isOutdated(w, a.rubric),
      processFlag: w.processFlag ?? null,
    })),
    summary: summary ? summaryView(summary) : null,
    reviewRubric: a.reviewRubric ?? false,
    regrade: { all: regradeTargets(a.works, a.rubric, 'all').length, changed: regradeTargets(a.works, a.rubric, 'changed').length },
    agreement: agreementViewFrom(a),
    gradingSettings: a.gradingSettings ?? DEFAULT_GRADING_SETTINGS,
    calibration: calibrationViewFrom(a),
  };
}

export function assignmentListItemFrom(a: Assignment): AssignmentListItem {
  return {
    id: a.id,
    title: a.title,
    subject: a.subject,
    gradeLevel: a.gradeLevel,
    status: a.status,
    createdAt: a.createdAt.toISOString(),
    progress: { ...a.progress },
  };
}

/** One student's feedback; the assignment gives its title and rubric. */
export function workViewFrom(w: StudentWork, a: Pick<Assignment, 'title' | 'rubric'> & Partial<Pick<Assignment, 'works'>>): WorkView {
  const f = w.feedback;
  const chosen = f ? Object.fromEntries(f.criterionLevels.map((l) => [l.criterionId, l.levelId])) : {};
  const entry = a.works?.find((e) => e.id === w.id);
  return {
    id: w.id,
    assignmentId: w.assignmentId,
    assignmentTitle: a.title,
    title: w.selectedDocument.title,
    googleDocId: w.selectedDocument.googleDocId,
    url: w.selectedDocument.url,
    status: w.status,
    failureReason: w.failureReason,
    wordCount: w.wordCount,
    feedback: f
      ? {
          qualitativeFeedback: toApiEditableText(f.qualitativeFeedback),
          feedbackItems: f.feedbackItems.map(feedbackItemView),
          criterionLevels: f.criterionLevels.map((l) => ({
            criterionId: l.criterionId,
            levelId: l.levelId,
            originalLevelId: l.originalLevelId,
            levelEditedAt: l.levelEditedAt ? l.levelEditedAt.toISOString() : null,
            explanation: toApiEditableText(l.explanation),
          })),
          summary: toApiEditableText(f.summary),
          question: toApiEditableText(f.question),
          checks: f.checks.map((c) => ({ ...c })),
          writingGradeLevel: f.writingGradeLevel,
          droppedEvidenceCount: f.droppedEvidenceCount,
        }
      : null,
    writingProcess: w.writingProcess ?? null,
    rubric: a.rubric ? rubricView(a.rubric).criteria : [],
    total: a.rubric && f && w.status === 'completed' ? workTotal(a.rubric.criteria, chosen) : null,
    outdated: entry ? isOutdated(entry, a.rubric) : false,
    sent: w.sent.map((s) => ({ sections: [...s.sections], at: s.at.toISOString() })),
  };
}
