import { z } from 'zod';
import { EditableTextSchema, IdSchema } from './common';
import { FeedbackItemSchema } from './student-work';

export const AssignmentSummarySchema = z.object({
  assignmentId: IdSchema,
  studentWorkCount: z.number().int().min(0),
  qualitativeInsights: EditableTextSchema,
  /** Common strengths and opportunities across the class. */
  feedbackItems: z.array(FeedbackItemSchema),
  nextSteps: z.array(z.string()),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type AssignmentSummary = z.infer<typeof AssignmentSummarySchema>;
