/**
 * The backend's error vocabulary. Domain code throws these; the function wrapper alone turns them
 * into HTTP statuses (which also decides whether Cloud Tasks retries).
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  payload_too_large: 413,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  free_limit: 402,
  paid_limit: 429,
  /** Retry refused: this work or this teacher used the Retries allowed (details: scope, limit, retryAfterSeconds). */
  retry_limit: 429,
  /** The request body is not parseable JSON. */
  invalid_json: 400,
  unavailable: 503,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export class GradeBotError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra, safe-to-show details (field errors, a checkout URL, a reset date). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'GradeBotError';
  }
}

export class AuthError extends GradeBotError {
  constructor(
    /** Why the token was refused (for logs; the caller gets a generic message). */
    readonly reason: string,
  ) {
    super('unauthenticated', 'Sign-in expired or invalid. Reopen GradeBot and try again.');
    this.name = 'AuthError';
  }
}

export class NotFoundError extends GradeBotError {
  constructor(what: string) {
    super('not_found', `${what} was not found.`);
    this.name = 'NotFoundError';
  }
}

export class ValidationError extends GradeBotError {
  constructor(message: string, fields: Record<string, string[]>) {
    super('validation_failed', message, { fields });
    this.name = 'ValidationError';
  }
}
