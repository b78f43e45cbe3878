import { z } from 'zod';
import { FeedbackToneSchema, IdSchema, RubricModeSchema } from './common';
import { CalibrationSchema } from './calibration';
import { GradingSettingsSchema } from './grading-settings';
import { PipelineStateSchema } from './pipeline-state';
import { RubricSchema } from './rubric';
import { StudentWorkStatusSchema } from './student-work';
import { ProcessFlagSchema } from './writing-process';

/**
 * pending → processing (the rubric task started) → review (the rubric waits for the teacher, when they
 * asked to review it) → processing (grading) → complete; a Retry or a re-grade reopens a complete one.
 */
export const AssignmentStatusSchema = z.enum(['pending', 'processing', 'review', 'complete']);
export type AssignmentStatus = z.infer<typeof AssignmentStatusSchema>;

export const ASSIGNMENT_LIMITS = {
  title: 200,
  subject: 100,
  gradeLevel: 50,
  instructions: 20_000,
  pastedRubric: 20_000,
  maxDocuments: 35,
} as const;

/** The compact per-work line the detail card shows, kept on the assignment so one read renders it. */
export const WorkEntrySchema = z.object({
  id: IdSchema,
  title: z.string(),
  googleDocId: z.string(),
  status: StudentWorkStatusSchema,
  failureReason: z.string().nullable(),
  /** The grading attempt in force (the work's `attempts`); the feedback task's name carries it. */
  attempt: z.number().int().min(0).optional(),
  /** The level chosen per criterion (criterion id → level id), so the class list can total points from one read. */
  levelIds: z.record(z.string(), IdSchema).optional(),
  /** The rubric revision this work was graded with (shared/domain/rubric.ts). */
  rubricRevision: z.number().int().min(0).optional(),
  /**
   * When Claude failed this work's task with a retryable error that the queue retries (after the
   * LLM client's inline retries), when the next delivery is due: the estimate says "Claude is busy
   * — retrying" until then. Past, or on a work no longer open, it means nothing.
   */
  retryAt: z.date().nullable().optional(),
  /** Set when the writing process has something to look at (shared/rules/writing-process processFlag). */
  processFlag: ProcessFlagSchema.nullable().optional(),
});
export type WorkEntry = z.infer<typeof WorkEntrySchema>;

export const ProgressSchema = z.object({
  total: z.number().int().min(0),
  completed: z.number().int().min(0),
  failed: z.number().int().min(0),
  rubricDone: z.boolean(),
  summaryDone: z.boolean(),
});
export type Progress = z.infer<typeof ProgressSchema>;

export const AssignmentSchema = z.object({
  id: IdSchema,
  userId: z.string().min(1),
  title: z.string().min(1).max(ASSIGNMENT_LIMITS.title),
  subject: z.string().min(1).max(ASSIGNMENT_LIMITS.subject),
  gradeLevel: z.string().min(1).max(ASSIGNMENT_LIMITS.gradeLevel),
  instructions: z.string().min(1).max(ASSIGNMENT_LIMITS.instructions),
  rubricMode: RubricModeSchema,
  rawRubricText: z.string().max(ASSIGNMENT_LIMITS.pastedRubric).nullable(),
  feedbackTone: FeedbackToneSchema,
  /** Feedback language, length and focus for this assignment (absent: DEFAULT_GRADING_SETTINGS). */
  gradingSettings: GradingSettingsSchema.optional(),
  status: AssignmentStatusSchema,
  rubric: RubricSchema.nullable(),
  progress: ProgressSchema,
  works: z.array(WorkEntrySchema).max(ASSIGNMENT_LIMITS.maxDocuments),
  /** Sum of the LLM cost of this assignment, USD. */
  costUsd: z.number().min(0),
  totalProcessingMs: z.number().int().min(0).nullable(),
  /** The month (YYYY-MM, see shared/rules/quota) this assignment counted against. */
  quotaMonth: z.string().regex(/^\d{4}-\d{2}$/),
  createdAt: z.date(),
  updatedAt: z.date(),
  processingStartedAt: z.date().nullable(),
  completedAt: z.date().nullable(),
  /** When student text is due for deletion: set on completion, copied onto each text document (their TTL field). */
  purgeTextAt: z.date().nullable(),
  /**
   * The teacher's IANA time zone when the assignment was created (the API's, passed to admission),
   * so the worker can count grading on the teacher's calendar day. Absent on older documents: UTC.
   */
  timeZone: z.string().min(1).max(100).optional(),
  /**
   * The teacher asked to review the rubric before grading: the rubric task stores it and the
   * assignment waits in "review" until Start grading. Absent on older documents: no pause.
   */
  reviewRubric: z.boolean().optional(),
  /**
   * The teacher's agreement with the AI so far, over reviewed works (shared/rules/feedback-quality):
   * kept here so one read renders the card's "You kept 31 of 35 levels"; the full counts are in the
   * quality rollups. Absent until the first review.
   */
  quality: z.object({ reviewedWorks: z.number().int(), levels: z.number().int(), kept: z.number().int() }).optional(),
  /** The teacher's examples and the re-grades they anchored (issue 16); absent until examples are chosen. */
  calibration: CalibrationSchema.optional(),
  /** The pipeline's rounds and measured timings (set at creation by the admission service). */
  pipeline: PipelineStateSchema.optional(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

/** The zone the teacher's stats count this assignment's events in. */
export const assignmentTimeZone = (a: Pick<Assignment, 'timeZone'>): string => a.timeZone ?? 'UTC';
