import { z } from 'zod';
import { EditableTextSchema, IdSchema } from './common';
import { SelectedDocumentSchema } from './selected-document';
import { WritingProcessSchema } from './writing-process';

export const StudentWorkStatusSchema = z.enum(['pending', 'processing', 'completed', 'failed']);
export type StudentWorkStatus = z.infer<typeof StudentWorkStatusSchema>;

export const FeedbackItemKindSchema = z.enum(['strength', 'opportunity']);
export type FeedbackItemKind = z.infer<typeof FeedbackItemKindSchema>;

export const FeedbackItemSchema = z.object({
  id: IdSchema,
  kind: FeedbackItemKindSchema,
  title: EditableTextSchema,
  description: EditableTextSchema,
  /** A verbatim quote from the student's text (checked before it is stored). */
  evidence: z.string(),
});
export type FeedbackItem = z.infer<typeof FeedbackItemSchema>;

export const StudentWorkCriterionLevelSchema = z.object({
  criterionId: IdSchema,
  levelId: IdSchema,
  /** The level the AI chose; `levelId` is what the teacher settled on. */
  originalLevelId: IdSchema,
  levelEditedAt: z.date().nullable(),
  explanation: EditableTextSchema,
});
export type StudentWorkCriterionLevel = z.infer<typeof StudentWorkCriterionLevelSchema>;

export const StudentWorkCheckSchema = z.object({
  type: z.string().min(1).max(100),
  score: z.number().int().min(0).max(100),
  explanation: z.string().max(2000),
});
export type StudentWorkCheck = z.infer<typeof StudentWorkCheckSchema>;

/** Sections a teacher can insert into the student's Doc. */
export const SentSectionSchema = z.enum(['qualitativeFeedback', 'feedbackItems', 'criterionLevels']);
export type SentSection = z.infer<typeof SentSectionSchema>;

export const FeedbackSchema = z.object({
  qualitativeFeedback: EditableTextSchema,
  feedbackItems: z.array(FeedbackItemSchema),
  criterionLevels: z.array(StudentWorkCriterionLevelSchema),
  summary: EditableTextSchema,
  question: EditableTextSchema,
  checks: z.array(StudentWorkCheckSchema),
  writingGradeLevel: z.number().min(0).max(20),
  /** Evidence quotes the model gave that are not in the student's text, dropped before storing. */
  droppedEvidenceCount: z.number().int().min(0),
});
export type Feedback = z.infer<typeof FeedbackSchema>;

export const StudentWorkSchema = z.object({
  id: IdSchema,
  assignmentId: IdSchema,
  userId: z.string().min(1),
  position: z.number().int().min(0),
  selectedDocument: SelectedDocumentSchema,
  // The student's text is not here: it lives in its own document (student-text.ts) so retention
  // can delete it without touching the feedback.
  wordCount: z.number().int().min(0),
  status: StudentWorkStatusSchema,
  /** Why the work failed, worded for a teacher. */
  failureReason: z.string().nullable(),
  feedback: FeedbackSchema.nullable(),
  /**
   * Writing-process evidence the add-on read at Submit; null or absent when it read none (older
   * works). No default: partial updates (work-patch.ts) parse against this schema and must not
   * write a default over it.
   */
  writingProcess: WritingProcessSchema.nullable().optional(),
  /** Every time the teacher inserted feedback into the Doc. */
  sent: z.array(z.object({ sections: z.array(SentSectionSchema).min(1), at: z.date() })),
  attempts: z.number().int().min(0),
  /** What wrote the current feedback (the feedback-quality rollups' model and prompt version). Absent on older works. */
  gradedWith: z.object({ model: z.string().min(1).max(100), promptVersion: z.string().min(1).max(100) }).optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
  completedAt: z.date().nullable(),
});
export type StudentWork = z.infer<typeof StudentWorkSchema>;
