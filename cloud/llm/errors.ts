import Anthropic from '@anthropic-ai/sdk';
import { GradeBotError } from '../errors';

/** Why an LLM call failed; decides whether the pipeline retries. */
export type LlmFailureKind =
  | 'rate_limited'
  | 'overloaded'
  | 'server_error'
  | 'timeout'
  | 'connection'
  | 'circuit_open'
  | 'bad_request'
  | 'auth'
  | 'not_found'
  | 'refusal'
  | 'invalid_output'
  | 'unknown';

const RETRYABLE: ReadonlySet<LlmFailureKind> = new Set(['rate_limited', 'overloaded', 'server_error', 'timeout', 'connection', 'circuit_open']);

/** What a teacher reads on the work's card; no internals, no student text. */
const TEACHER_MESSAGE: Record<LlmFailureKind, string> = {
  rate_limited: 'Claude is handling many requests right now. GradeBot will try again shortly.',
  overloaded: 'Claude is busy right now. GradeBot will try again shortly.',
  server_error: 'Claude had a temporary problem. GradeBot will try again shortly.',
  timeout: 'Claude took too long to answer. GradeBot will try again shortly.',
  connection: 'GradeBot could not reach Claude. It will try again shortly.',
  circuit_open: 'Claude has been failing repeatedly, so GradeBot paused for a moment. It will try again shortly.',
  bad_request: 'GradeBot sent Claude a request it could not accept. Please retry; if it happens again, contact support.',
  auth: 'GradeBot is not authorised to use Claude right now. Please contact support.',
  not_found: 'The AI model GradeBot is configured to use is not available. Please contact support.',
  refusal: 'Claude declined to give feedback on this work. Please review it yourself.',
  invalid_output: "Claude's answer did not have the expected form, even after one correction. Please retry this work.",
  unknown: 'Something went wrong while asking Claude for feedback. Please retry.',
};

/**
 * An LLM call that failed. `retryable` tells the pipeline whether to let the task be retried
 * (and `retryAfterMs` how long to wait); `message` is worded for a teacher, `detail` for logs.
 */
export class LlmError extends GradeBotError {
  readonly retryable: boolean;
  constructor(
    readonly kind: LlmFailureKind,
    readonly detail: string,
    readonly extra: { status?: number; retryAfterMs?: number; providerRequestId?: string | null; cause?: unknown; noRetry?: boolean } = {},
  ) {
    super(RETRYABLE.has(kind) ? 'unavailable' : 'internal', TEACHER_MESSAGE[kind], { kind });
    this.name = 'LlmError';
    this.retryable = RETRYABLE.has(kind);
    if (extra.cause !== undefined) (this as { cause?: unknown }).cause = extra.cause;
  }
  get status(): number | undefined {
    return this.extra.status;
  }
  get retryAfterMs(): number | undefined {
    return this.extra.retryAfterMs;
  }
  get providerRequestId(): string | null {
    return this.extra.providerRequestId ?? null;
  }
}

/** Anthropic answers 429 and 529 with how long to wait; the SDK has already waited if it was short. */
export function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The one place that turns anything a call can throw into an `LlmError`. */
export function toLlmError(err: unknown): LlmError {
  if (err instanceof LlmError) return err;
  if (err instanceof Anthropic.APIConnectionTimeoutError) return new LlmError('timeout', err.message, { cause: err });
  if (err instanceof Anthropic.APIUserAbortError) return new LlmError('timeout', 'request aborted', { cause: err });
  if (err instanceof Anthropic.APIConnectionError) return new LlmError('connection', err.message, { cause: err });
  if (err instanceof Anthropic.APIError) {
    const status = err.status ?? 0;
    // `x-should-retry: false` (our own transports set it: the task's LLM budget ran out) ends the call.
    const noRetry = err.headers?.get('x-should-retry') === 'false';
    const base = { status, providerRequestId: err.requestID ?? null, cause: err, retryAfterMs: retryAfterMs(err.headers), ...(noRetry ? { noRetry } : {}) };
    const detail = `${status} ${err.type ?? ''} ${err.apiMessage ?? err.message}`.trim();
    if (status === 429) return new LlmError('rate_limited', detail, base);
    if (status === 529 || err.type === 'overloaded_error') return new LlmError('overloaded', detail, base);
    if (status === 408 || status === 504) return new LlmError('timeout', detail, base);
    if (status === 409 || status >= 500) return new LlmError('server_error', detail, base);
    if (status === 401 || status === 403) return new LlmError('auth', detail, base);
    if (status === 404) return new LlmError('not_found', detail, base);
    if (status >= 400) return new LlmError('bad_request', detail, base);
    return new LlmError('unknown', detail, base);
  }
  if (err instanceof Error && (err as { code?: string }).code === 'EOPENBREAKER') {
    return new LlmError('circuit_open', 'circuit breaker is open', { cause: err });
  }
  return new LlmError('unknown', err instanceof Error ? err.message : String(err), { cause: err });
}
