import { createHash } from 'node:crypto';
import { feedbackTemplate } from './templates/feedback';

/**
 * The feedback prompt's version: a short hash of its template, so every change to the wording is a
 * new version without anyone remembering to bump a number. Stored with each work's feedback
 * (`gradedWith.promptVersion`) for the "Feedback quality" dashboard's per-version agreement.
 */
export const FEEDBACK_PROMPT_VERSION = `feedback-${createHash('sha256').update(JSON.stringify(feedbackTemplate)).digest('hex').slice(0, 8)}`;
