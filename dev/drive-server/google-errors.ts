import type { Json } from './doc-model';

/**
 * An answer in Google's error format. Drive v3 still sends the legacy `errors` array with a
 * `reason`; Docs v1 sends the google.rpc `status` name (and `details` for bad JSON).
 */
export class GoogleApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly body: { error: { [key: string]: Json } },
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.error.message));
    this.name = 'GoogleApiError';
  }
}

const STATUS_BY_CODE: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  501: 'UNIMPLEMENTED',
};

/** A Drive v3 error: `{error: {code, message, errors: [{message, domain, reason, location?}]}}`. */
export function driveError(code: number, reason: string, message: string, location?: { name: string; type: 'parameter' | 'header' }): GoogleApiError {
  const item: { [key: string]: Json } = { message, domain: 'global', reason };
  if (location) Object.assign(item, { location: location.name, locationType: location.type });
  return new GoogleApiError(code, { error: { code, message, errors: [item] } });
}

/** A Docs v1 error: `{error: {code, message, status, details?}}`. */
export function docsError(code: number, message: string, status = STATUS_BY_CODE[code] ?? 'UNKNOWN', details?: Json[]): GoogleApiError {
  const error: { [key: string]: Json } = { code, message, status };
  if (details) error.details = details;
  return new GoogleApiError(code, { error });
}

const SIGN_IN_HELP = 'Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

/** The 401 each API sends for a missing, unknown or expired bearer token. */
export function authError(api: 'drive' | 'docs', problem: 'missing' | 'invalid'): GoogleApiError {
  const message = problem === 'missing' ? `Request is missing required authentication credential. ${SIGN_IN_HELP}` : `Request had invalid authentication credentials. ${SIGN_IN_HELP}`;
  const headers: Record<string, string> = {
    'www-authenticate': problem === 'missing' ? 'Bearer realm="https://accounts.google.com/"' : 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
  };
  const error: { [key: string]: Json } = { code: 401, message, status: 'UNAUTHENTICATED' };
  if (api === 'drive') {
    const [reason, short] = problem === 'missing' ? ['required', 'Login Required.'] : ['authError', 'Invalid Credentials'];
    error.errors = [{ message: short, domain: 'global', reason, location: 'Authorization', locationType: 'header' }];
  }
  return new GoogleApiError(401, { error }, headers);
}
