import type { EditableText, StudentWork } from '../domain';

/**
 * The one place that decides whether the teacher reviewed a work's feedback, so agreement is
 * counted only over feedback a teacher looked at (a level left as it was on an unread work says
 * nothing). Today: the teacher edited any piece of it, or inserted it into the student's Doc.
 * An explicit "Approve" mark plugs in here (issue 14) and nowhere else.
 */
export function isReviewed(work: Pick<StudentWork, 'feedback' | 'sent'>): boolean {
  const f = work.feedback;
  if (!f) return false;
  if (work.sent.length > 0) return true;
  const touched = (t: EditableText) => t.editedAt !== null;
  return (
    touched(f.qualitativeFeedback) ||
    touched(f.summary) ||
    touched(f.question) ||
    f.feedbackItems.some((i) => touched(i.title) || touched(i.description)) ||
    f.criterionLevels.some((l) => l.levelEditedAt !== null || touched(l.explanation))
  );
}
