import type { LlmRequest, LlmRequestStatus, LlmRequestType } from '../../shared/domain';
import { type BilledTokens, costUsd } from '../../shared/rules/pricing';

/** The `request_completed` event: one API call, as the cost subscriber needs it. */
export interface LlmCallEvent {
  /** Deterministic per API call (see `recordId`). */
  recordId: string;
  requestType: LlmRequestType;
  model: string;
  tokens: BilledTokens;
  durationMs: number;
  providerRequestId: string | null;
  userId: string;
  assignmentId: string;
  workId: string | null;
  status: LlmRequestStatus;
  /** Why the call failed, for operators (never student text). */
  error: string | null;
  at: Date;
}

export interface LlmEventMap extends Record<string, unknown> {
  request_completed: LlmCallEvent;
}

export const NO_TOKENS: BilledTokens = { inputTokens: 0, outputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0 };

const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 200);

/**
 * The cost record's document id: the caller's stable step id plus the provider's id for this
 * very call. Writing the same call twice (event and fallback, a retried write) hits the same
 * document; a genuinely new call — even for the same step — is a new, separately billed record.
 */
export function recordId(callId: string, providerId: string): string {
  return `${safe(callId)}__${safe(providerId)}`;
}

/** Event → stored record; the cost is computed here, from the model's price. */
export function toLlmRequest(e: LlmCallEvent): LlmRequest {
  const t = e.tokens;
  const cacheCreation = t.cacheWrite5mTokens + t.cacheWrite1hTokens;
  return {
    id: e.recordId,
    requestType: e.requestType,
    model: e.model,
    inputTokens: t.inputTokens,
    outputTokens: t.outputTokens,
    cacheCreationInputTokens: cacheCreation,
    cacheReadInputTokens: t.cacheReadTokens,
    totalTokens: t.inputTokens + t.outputTokens + cacheCreation + t.cacheReadTokens,
    costUsd: costUsd(e.model, t),
    durationMs: Math.max(0, Math.round(e.durationMs)),
    providerRequestId: e.providerRequestId,
    userId: e.userId,
    assignmentId: e.assignmentId,
    workId: e.workId,
    status: e.status,
    error: e.error,
    createdAt: e.at,
  };
}
