import { z } from 'zod';
import { LlmRequestTypeSchema } from './common';

export const LlmRequestStatusSchema = z.enum(['succeeded', 'failed']);
export type LlmRequestStatus = z.infer<typeof LlmRequestStatusSchema>;

export const TokenUsageSchema = z.object({
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  cacheCreationInputTokens: z.number().int().min(0),
  cacheReadInputTokens: z.number().int().min(0),
});
export type TokenUsage = z.infer<typeof TokenUsageSchema>;

/** One record per LLM call: what it was for, what it used and what it cost. */
export const LlmRequestSchema = TokenUsageSchema.extend({
  id: z.string().min(1),
  requestType: LlmRequestTypeSchema,
  model: z.string().min(1),
  totalTokens: z.number().int().min(0),
  costUsd: z.number().min(0),
  durationMs: z.number().int().min(0),
  /** The provider's request id, for correlation with its logs. */
  providerRequestId: z.string().nullable(),
  userId: z.string().min(1),
  assignmentId: z.string().min(1),
  workId: z.string().nullable(),
  status: LlmRequestStatusSchema,
  error: z.string().nullable(),
  createdAt: z.date(),
});
export type LlmRequest = z.infer<typeof LlmRequestSchema>;
