import type { PromptAssignment } from '../../../prompts/render';
import type { Assignment } from '../../../shared/domain';

/** The assignment's fields every prompt shows. */
export function promptAssignment(a: Assignment): PromptAssignment {
  return { title: a.title, subject: a.subject, gradeLevel: a.gradeLevel, instructions: a.instructions, feedbackTone: a.feedbackTone };
}
