import { DOCUMENT_LIMITS, DOCUMENT_REASONS } from '../../shared/api';
import type { AssignmentStatus, StudentWorkStatus } from '../../shared/domain';
import { COLORS, colored, esc } from '../ui/text';

/** "In progress" / "Rubric ready for review" / "Complete", colored (cards have no chip widget). */
export function assignmentBadge(status: AssignmentStatus): string {
  if (status === 'complete') return colored('● Complete', COLORS.done);
  if (status === 'review') return colored('● Rubric ready for review', COLORS.progress);
  return colored('● In progress', COLORS.progress);
}

export const WORK_STATUS_LABEL: Record<StudentWorkStatus, string> = {
  pending: 'Waiting',
  processing: 'Grading…',
  completed: 'Feedback ready',
  failed: 'Failed',
};

export function workBadge(status: StudentWorkStatus, failureReason: string | null = null): string {
  const label = WORK_STATUS_LABEL[status];
  if (status === 'completed') return colored(label, COLORS.done);
  if (status === 'failed') return colored(`${label}${failureReason ? `: ${esc(failureReason)}` : ''}`, COLORS.error);
  return colored(label, COLORS.progress);
}

/**
 * What the teacher can do about a work that failed because of the Doc itself (empty, or over the word
 * limit): the API keeps no text for those, so Retry cannot help and is not offered. Undefined when
 * Retry may help. The work view carries only the reason, worded by shared/api's DOCUMENT_REASONS,
 * so it is compared with those constants (the add-on's limit is the default one, as in Submit).
 */
export function cannotRetryAdvice(failureReason: string | null): string | undefined {
  if (failureReason === DOCUMENT_REASONS.tooLong()) {
    return `Shorten the Doc to ${DOCUMENT_LIMITS.maxWords.toLocaleString('en-US')} words or fewer and grade it in a new assignment.`;
  }
  if (failureReason === DOCUMENT_REASONS.empty) return "Add the student's writing to the Doc and grade it in a new assignment.";
  return undefined;
}

/** A failed work's badge with what to do instead of Retry, when Retry cannot help. */
export function failedWorkLine(status: StudentWorkStatus, failureReason: string | null): string {
  const advice = status === 'failed' ? cannotRetryAdvice(failureReason) : undefined;
  return advice ? `${workBadge(status, failureReason)}<br>${colored(esc(advice), COLORS.muted)}` : workBadge(status, failureReason);
}

/**
 * Known check types as a teacher reads them; others are shown by their type name. The first four are
 * the types the feedback task stores (prompts/schemas/feedback.ts FEEDBACK_CHECKS).
 */
export const CHECK_LABELS: Record<string, string> = {
  ai_generated_signal: 'AI-generated likelihood',
  prompt_adherence: 'Follows the instructions',
  evidence_use: 'Use of evidence',
  conventions: 'Spelling, grammar and punctuation',
  ai_generated: 'AI-generated likelihood',
  plagiarism_risk: 'Plagiarism risk',
  off_topic: 'Off-topic',
};

/** Checks that guess at AI use: always shown with {@link AI_CHECK_CAUTION}. */
export const AI_CHECK_TYPES: ReadonlySet<string> = new Set(['ai_generated_signal', 'ai_generated']);

export const AI_CHECK_CAUTION = 'This is a signal, not proof: AI detectors make mistakes. Talk with the student before drawing conclusions.';

export const TONE_LABELS = { encouraging: 'Encouraging', neutral: 'Objective', critical: 'Critical' } as const;
