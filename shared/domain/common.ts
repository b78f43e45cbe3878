import { z } from 'zod';

/** Firestore document ids we create: url-safe, bounded. */
export const IdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be 1–128 letters, digits, "_" or "-"');

/** A Google Doc id as Drive issues them. */
export const GoogleDocIdSchema = z.string().regex(/^[A-Za-z0-9_-]{10,128}$/, 'is not a Google Doc id');

/**
 * A piece of feedback the teacher may edit. The AI's text stays in `original`; `current` is what the
 * teacher sees and sends; `editedAt` says when the teacher last changed it (null: never).
 */
export const EditableTextSchema = z.object({
  original: z.string(),
  current: z.string(),
  editedAt: z.date().nullable(),
});
export type EditableText = z.infer<typeof EditableTextSchema>;

export function aiText(text: string): EditableText {
  return { original: text, current: text, editedAt: null };
}

export const FeedbackToneSchema = z.enum(['encouraging', 'neutral', 'critical']);
export type FeedbackTone = z.infer<typeof FeedbackToneSchema>;

export const RubricModeSchema = z.enum(['generate', 'paste']);
export type RubricMode = z.infer<typeof RubricModeSchema>;

/** The four LLM task kinds' request types, as the cost records name them. */
export const LlmRequestTypeSchema = z.enum(['rubric_generation', 'student_feedback', 'assignment_summary']);
export type LlmRequestType = z.infer<typeof LlmRequestTypeSchema>;

export const TaskKindSchema = z.enum(['rubric', 'feedback', 'summary']);
export type TaskKind = z.infer<typeof TaskKindSchema>;
