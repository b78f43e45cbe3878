/** Anthropic's error types and the status each comes with. */
export const API_ERRORS = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
} as const;
export type ApiErrorType = keyof typeof API_ERRORS;

/** The body the API sends with an error, which the SDK turns into its typed errors. */
export function errorBody(type: ApiErrorType, message: string, requestId: string) {
  return { type: 'error', error: { type, message }, request_id: requestId };
}
