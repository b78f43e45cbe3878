import { z } from 'zod';
import { IdSchema, SentSectionSchema, StudentWorkStatusSchema, WritingProcessSchema } from '../domain';
import { FeedbackItemViewSchema, RubricCriterionViewSchema, WorkTotalViewSchema } from './assignments';
import { ApiEditableTextSchema, EditTextSchema, HttpUrlSchema, IsoDateTimeSchema } from './common';

export const CriterionLevelViewSchema = z.object({
  criterionId: IdSchema,
  /** The level the teacher settled on (the AI's, unless edited). */
  levelId: IdSchema,
  originalLevelId: IdSchema,
  levelEditedAt: IsoDateTimeSchema.nullable(),
  explanation: ApiEditableTextSchema,
});
export type CriterionLevelView = z.infer<typeof CriterionLevelViewSchema>;

export const CheckViewSchema = z.object({
  /** e.g. "ai_generated", "plagiarism_risk", "off_topic" — the card words the known ones. */
  type: z.string(),
  /** 0–100. */
  score: z.number().int().min(0).max(100),
  explanation: z.string(),
});
export type CheckView = z.infer<typeof CheckViewSchema>;

export const FeedbackViewSchema = z.object({
  qualitativeFeedback: ApiEditableTextSchema,
  feedbackItems: z.array(FeedbackItemViewSchema),
  criterionLevels: z.array(CriterionLevelViewSchema),
  summary: ApiEditableTextSchema,
  question: ApiEditableTextSchema,
  checks: z.array(CheckViewSchema),
  writingGradeLevel: z.number(),
  /** Evidence quotes the AI gave that are not in the student's text: dropped, so every quote shown is verified. */
  droppedEvidenceCount: z.number().int().min(0).default(0),
});
export type FeedbackView = z.infer<typeof FeedbackViewSchema>;

export const SentRecordSchema = z.object({ sections: z.array(SentSectionSchema).min(1), at: IsoDateTimeSchema });

/**
 * GET /assignments/:assignmentId/works/:workId — one student's full feedback, with the rubric's
 * criteria so the card can name each chosen level and offer the others when the teacher edits one.
 */
export const WorkViewSchema = z.object({
  id: IdSchema,
  assignmentId: IdSchema,
  assignmentTitle: z.string(),
  title: z.string(),
  googleDocId: z.string(),
  url: HttpUrlSchema,
  status: StudentWorkStatusSchema,
  failureReason: z.string().nullable(),
  wordCount: z.number().int().min(0),
  /** Null until graded. */
  feedback: FeedbackViewSchema.nullable(),
  /** Writing-process evidence from the Doc's revision history, read at Submit; null when none was read. */
  writingProcess: WritingProcessSchema.nullable().default(null),
  rubric: z.array(RubricCriterionViewSchema),
  /** Points earned of the possible ("13 / 16"), when the rubric gives points. */
  total: WorkTotalViewSchema.nullable().default(null),
  /** Graded with an earlier revision of the rubric than the current one (a re-grade would change it). */
  outdated: z.boolean().default(false),
  /** Every time the teacher inserted feedback into the Doc, oldest first. */
  sent: z.array(SentRecordSchema),
});
export type WorkView = z.infer<typeof WorkViewSchema>;

/**
 * PATCH /assignments/:assignmentId/works/:workId — one piece of feedback per request, named by
 * `target`. The AI's original stays; the answer is the whole updated {@link WorkView}.
 */
export const WorkEditSchema = z.discriminatedUnion('target', [
  z.object({ target: z.literal('qualitativeFeedback'), text: EditTextSchema }),
  z.object({ target: z.literal('summary'), text: EditTextSchema }),
  z.object({ target: z.literal('question'), text: EditTextSchema }),
  z
    .object({ target: z.literal('feedbackItem'), itemId: IdSchema, title: EditTextSchema.optional(), description: EditTextSchema.optional() })
    .refine((v) => v.title !== undefined || v.description !== undefined, { message: 'Change the title or the description', path: ['title'] }),
  z.object({ target: z.literal('criterionLevel'), criterionId: IdSchema, levelId: IdSchema, explanation: EditTextSchema }),
]);
export type WorkEdit = z.infer<typeof WorkEditSchema>;
export type WorkEditTarget = WorkEdit['target'];

/** POST .../works/:workId/retry — answers with the assignment's detail, the work back to pending. */
export const RetryWorkRequestSchema = z.object({}).strict();

/**
 * POST .../works/:workId/sent — which sections the add-on inserted into the student's Doc.
 * `insertId` names this insertion (the add-on makes one per Insert card): a call repeated with the
 * same id — a retry after a timeout, a second click — records and counts nothing more and answers
 * the work as recorded. Without it every call is a new insertion (older add-ons).
 */
export const MarkSentRequestSchema = z.object({
  sections: z
    .array(SentSectionSchema)
    .min(1, 'Choose at least one section')
    .refine((s) => new Set(s).size === s.length, 'Each section once'),
  insertId: IdSchema.optional(),
});
export type MarkSentRequest = z.infer<typeof MarkSentRequestSchema>;

/**
 * GET /works/by-doc/:googleDocId — the Docs homepage asks "is the open Doc a student work of mine?".
 * `latest` is the newest match in full (one call renders the card); `matches` lists all, newest first.
 */
export const DocWorksResponseSchema = z.object({
  latest: WorkViewSchema.nullable(),
  matches: z
    .array(z.object({ assignmentId: IdSchema, assignmentTitle: z.string(), workId: IdSchema, status: StudentWorkStatusSchema, createdAt: IsoDateTimeSchema }))
    .max(20),
});
export type DocWorksResponse = z.infer<typeof DocWorksResponseSchema>;
