import { z } from 'zod';
import { TaskKindSchema } from './common';

export const ProcessingMetricStatusSchema = z.enum(['completed', 'failed']);

/** One record per pipeline run of a task: how long each step took and what the LLM call used. */
export const ProcessingMetricSchema = z.object({
  id: z.string().min(1),
  kind: TaskKindSchema,
  userId: z.string().min(1),
  assignmentId: z.string().min(1),
  workId: z.string().nullable(),
  startedAt: z.date(),
  completedAt: z.date(),
  durationMs: z.number().int().min(0),
  stepsMs: z.record(z.string(), z.number().int().min(0)),
  status: ProcessingMetricStatusSchema,
  error: z.string().nullable(),
  retryCount: z.number().int().min(0),
  promptLength: z.number().int().min(0).nullable(),
  promptTemplate: z.string(),
  model: z.string().nullable(),
  inputTokens: z.number().int().min(0).nullable(),
  outputTokens: z.number().int().min(0).nullable(),
  costUsd: z.number().min(0).nullable(),
  droppedEvidenceCount: z.number().int().min(0).nullable(),
});
export type ProcessingMetric = z.infer<typeof ProcessingMetricSchema>;
