import type { TeacherIdentity } from '../demo/demo-teacher';
import type { LocalIssuer } from '../issuer/local-issuer';
import type { DriveServer } from '../drive-server/server';

/** The two tokens Apps Script hands an add-on execution. */
export interface ExecutionTokens {
  /** ScriptApp.getIdentityToken(): an OpenID Connect ID token for the add-on's OAuth client. */
  identity: string;
  /** ScriptApp.getOAuthToken(): the user's access token for the script's scopes (drive.file). */
  oauth: string;
}

export interface TokenSource {
  tokensFor(teacher: TeacherIdentity): ExecutionTokens;
}

// Google's access tokens last an hour; hand out the same one for half of that, as Apps Script
// reuses a token across executions, then a fresh one well before it can expire mid-call.
const OAUTH_REUSE_MS = 30 * 60 * 1000;

/**
 * Tokens from the local stand-ins: ID tokens signed by the local issuer with the add-on's client id
 * as audience (the API verifies them exactly as it verifies Google's), and Drive tokens from the
 * local Drive's token control.
 */
export function localTokenSource(o: {
  issuer: Pick<LocalIssuer, 'signIdToken'>;
  drive: Pick<DriveServer, 'issueOAuthToken'>;
  addonAudience: string;
  now?: () => number;
}): TokenSource {
  const now = o.now ?? Date.now;
  const oauth = new Map<string, { token: string; at: number }>();
  return {
    tokensFor(t) {
      let cached = oauth.get(t.email);
      if (!cached || now() - cached.at > OAUTH_REUSE_MS) {
        cached = { token: o.drive.issueOAuthToken(t.email), at: now() };
        oauth.set(t.email, cached);
      }
      return { identity: o.issuer.signIdToken({ sub: t.sub, email: t.email, aud: o.addonAudience, name: t.name }), oauth: cached.token };
    },
  };
}
