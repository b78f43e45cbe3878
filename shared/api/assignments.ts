import { z } from 'zod';
import {
  ASSIGNMENT_LIMITS,
  AssignmentStatusSchema,
  FeedbackItemKindSchema,
  FeedbackToneSchema,
  GradingSettingsSchema,
  IdSchema,
  ProcessFlagSchema,
  RubricModeSchema,
  StudentWorkStatusSchema,
} from '../domain';
import { ApiEditableTextSchema, EditTextSchema, IsoDateTimeSchema, PageQuerySchema, pageOf } from './common';
import { DOCUMENT_LIMITS, SubmittedDocumentSchema } from './documents';
import { AgreementViewSchema } from './quality';
import { CalibrationViewSchema } from './calibration';

const required = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `Keep ${label} under ${max.toLocaleString('en-US')} characters`);

/** The form's fields: what the add-on validates before it reads any Doc, and the API again. */
export const AssignmentFieldsSchema = z.object({
  title: required('a title', ASSIGNMENT_LIMITS.title),
  subject: required('a subject', ASSIGNMENT_LIMITS.subject),
  gradeLevel: required('a grade level', ASSIGNMENT_LIMITS.gradeLevel),
  instructions: required('the instructions', ASSIGNMENT_LIMITS.instructions),
  rubricMode: RubricModeSchema,
  /** Required (non-empty) when rubricMode is "paste"; ignored otherwise. */
  pastedRubric: z.string().trim().max(ASSIGNMENT_LIMITS.pastedRubric, 'Keep the rubric under 20,000 characters').nullable().default(null),
  feedbackTone: FeedbackToneSchema,
  /** Pause after the rubric so the teacher reviews it ("Rubric ready for review"); absent: no pause. */
  reviewRubric: z.boolean().optional(),
  /** Feedback language, length and focus; absent: the teacher's saved defaults. */
  gradingSettings: GradingSettingsSchema.optional(),
});

function checkPastedRubric(v: { rubricMode: string; pastedRubric: string | null }, ctx: z.RefinementCtx): void {
  if (v.rubricMode === 'paste' && !v.pastedRubric) {
    ctx.addIssue({ code: 'custom', path: ['pastedRubric'], message: 'Paste your rubric, or choose "Generate with AI"' });
  }
}

export const AssignmentFieldsInputSchema = AssignmentFieldsSchema.superRefine(checkPastedRubric);
export type AssignmentFields = z.infer<typeof AssignmentFieldsSchema>;

/**
 * POST /assignments. `clientRequestId` makes retries safe: the add-on makes one per draft and sends
 * it again if a submit times out; the API answers a repeated id with the assignment it already made.
 */
export const CreateAssignmentRequestSchema = AssignmentFieldsSchema.extend({
  clientRequestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, "_" or "-"'),
  documents: z
    .array(SubmittedDocumentSchema)
    .min(1, 'Select at least one student Doc')
    .max(DOCUMENT_LIMITS.maxDocuments, `Select at most ${DOCUMENT_LIMITS.maxDocuments} student Docs`),
}).superRefine((v, ctx) => {
  checkPastedRubric(v, ctx);
  const seen = new Set<string>();
  v.documents.forEach((d, i) => {
    if (seen.has(d.googleDocId)) ctx.addIssue({ code: 'custom', path: ['documents', i, 'googleDocId'], message: `"${d.title}" is chosen twice` });
    seen.add(d.googleDocId);
  });
});
export type CreateAssignmentRequest = z.infer<typeof CreateAssignmentRequestSchema>;
export type CreateAssignmentRequestInput = z.input<typeof CreateAssignmentRequestSchema>;

/** What the AI wrote before the teacher's edit (null: unedited, or written by the teacher). */
export const RubricOriginalViewSchema = z.object({ title: z.string(), description: z.string(), points: z.number().nullable() }).nullable();
export type RubricOriginalView = z.infer<typeof RubricOriginalViewSchema>;

export const RubricLevelViewSchema = z.object({
  id: IdSchema,
  title: z.string(),
  description: z.string(),
  position: z.number().int(),
  /** Null when the rubric gives this level no points. */
  points: z.number().nullable().default(null),
  original: RubricOriginalViewSchema.default(null),
  /** Written by the teacher. */
  added: z.boolean().default(false),
});
export type RubricLevelView = z.infer<typeof RubricLevelViewSchema>;
export const RubricCriterionViewSchema = z.object({
  id: IdSchema,
  title: z.string(),
  description: z.string(),
  position: z.number().int(),
  /** Best first. */
  levels: z.array(RubricLevelViewSchema),
  original: RubricOriginalViewSchema.default(null),
  added: z.boolean().default(false),
  /** Changed by the teacher after grading started on an earlier revision. */
  revision: z.number().int().min(0).default(0),
});
export type RubricCriterionView = z.infer<typeof RubricCriterionViewSchema>;
export const RubricViewSchema = z.object({
  source: z.enum(['generated', 'pasted']),
  criteria: z.array(RubricCriterionViewSchema),
  /** The teacher's grading-relevant changes so far (0: as made). */
  revision: z.number().int().min(0).default(0),
  /** The most a work can score ("/ 16"), or null when the rubric is not fully scored. */
  maxPoints: z.number().nullable().default(null),
  editedAt: IsoDateTimeSchema.nullable().default(null),
});
export type RubricView = z.infer<typeof RubricViewSchema>;

/** A total of points ("13 / 16"); see shared/rules/points.ts. */
export const WorkTotalViewSchema = z.object({ earned: z.number(), possible: z.number() });

export const ProgressViewSchema = z.object({
  total: z.number().int().min(0),
  completed: z.number().int().min(0),
  failed: z.number().int().min(0),
  rubricDone: z.boolean(),
  summaryDone: z.boolean(),
});
export type ProgressView = z.infer<typeof ProgressViewSchema>;

/** The time estimate as the detail card shows it; the API words it (PRD "Processing Time Estimation"). */
export const EstimateViewSchema = z.object({
  /** "Calculating estimated completion time...", "Estimated time remaining: 4 minutes", "Total processing time: …". */
  text: z.string().min(1).max(300),
  remainingSeconds: z.number().int().min(0).nullable(),
});
export type EstimateView = z.infer<typeof EstimateViewSchema>;

export const WorkLineSchema = z.object({
  id: IdSchema,
  title: z.string(),
  googleDocId: z.string(),
  status: StudentWorkStatusSchema,
  /** Worded for a teacher; set when status is "failed". */
  failureReason: z.string().nullable(),
  /** Points earned of the possible, when the rubric gives points and the work is graded. */
  total: WorkTotalViewSchema.nullable().default(null),
  /** Graded with an earlier revision of the rubric than the current one. */
  outdated: z.boolean().default(false),
  /** Something in the writing process to look at (one addition brought most of the text); null: nothing. */
  processFlag: ProcessFlagSchema.nullable().optional(),
});
export type WorkLine = z.infer<typeof WorkLineSchema>;

export const FeedbackItemViewSchema = z.object({
  id: IdSchema,
  kind: FeedbackItemKindSchema,
  title: ApiEditableTextSchema,
  description: ApiEditableTextSchema,
  evidence: z.string(),
});
export type FeedbackItemView = z.infer<typeof FeedbackItemViewSchema>;

/** The class-wide summary, present once every work is done. */
export const SummaryViewSchema = z.object({
  studentWorkCount: z.number().int().min(0),
  qualitativeInsights: ApiEditableTextSchema,
  feedbackItems: z.array(FeedbackItemViewSchema),
  nextSteps: z.array(z.string()),
});
export type SummaryView = z.infer<typeof SummaryViewSchema>;

/** GET /assignments/:assignmentId — everything the detail card shows, from at most two reads. */
export const AssignmentDetailSchema = z.object({
  id: IdSchema,
  title: z.string(),
  subject: z.string(),
  gradeLevel: z.string(),
  instructions: z.string(),
  rubricMode: RubricModeSchema,
  feedbackTone: FeedbackToneSchema,
  status: AssignmentStatusSchema,
  createdAt: IsoDateTimeSchema,
  completedAt: IsoDateTimeSchema.nullable(),
  /** Null until the rubric task has stored it ("GradeBot is creating your rubric…"). */
  rubric: RubricViewSchema.nullable(),
  progress: ProgressViewSchema,
  estimate: EstimateViewSchema,
  works: z.array(WorkLineSchema),
  summary: SummaryViewSchema.nullable(),
  /** The teacher asked to review the rubric before grading. */
  reviewRubric: z.boolean().default(false),
  /** How many works a re-grade would cover: every graded work, or those graded with an earlier rubric. */
  regrade: z.object({ all: z.number().int().min(0), changed: z.number().int().min(0) }).default({ all: 0, changed: 0 }),
  /** The teacher's agreement with the AI's levels so far (issue 16); null before any review. */
  agreement: AgreementViewSchema.nullable().optional(),
  /** The grading settings in force for this assignment (issue 16). */
  gradingSettings: GradingSettingsSchema.optional(),
  /** Examples of the teacher's standard and the re-grades they anchored (issue 16). */
  calibration: CalibrationViewSchema.nullable().optional(),
});
export type AssignmentDetail = z.infer<typeof AssignmentDetailSchema>;

/** POST /assignments answers with the new assignment's detail, so the add-on shows it without a second call. */
export const CreateAssignmentResponseSchema = z.object({
  assignment: AssignmentDetailSchema,
  /** False when `clientRequestId` was seen before and this is the assignment made then. */
  created: z.boolean(),
});
export type CreateAssignmentResponse = z.infer<typeof CreateAssignmentResponseSchema>;

/** GET /assignments?cursor=&limit= — newest first. */
export const ListAssignmentsQuerySchema = PageQuerySchema;
export const AssignmentListItemSchema = z.object({
  id: IdSchema,
  title: z.string(),
  subject: z.string(),
  gradeLevel: z.string(),
  status: AssignmentStatusSchema,
  createdAt: IsoDateTimeSchema,
  progress: ProgressViewSchema,
});
export type AssignmentListItem = z.infer<typeof AssignmentListItemSchema>;
export const AssignmentPageSchema = pageOf(AssignmentListItemSchema);
export type AssignmentPage = z.infer<typeof AssignmentPageSchema>;

/** PATCH /assignments/:assignmentId/summary — answers with the updated detail. */
export const SummaryEditSchema = z.object({ target: z.literal('qualitativeInsights'), text: EditTextSchema });
export type SummaryEdit = z.infer<typeof SummaryEditSchema>;

/** DELETE /assignments/:assignmentId — the assignment, its works and every stored student text are gone. */
export const DeleteAssignmentResponseSchema = z.object({ deleted: z.literal(true), id: IdSchema });
export type DeleteAssignmentResponse = z.infer<typeof DeleteAssignmentResponseSchema>;
