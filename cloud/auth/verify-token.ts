import { OAuth2Client } from 'google-auth-library';
import { AuthError } from '../errors';

/** Who a verified token says the caller is. */
export interface VerifiedIdentity {
  sub: string;
  email: string;
  issuer: string;
  audience: string;
}

export interface TokenVerifierOptions {
  /** Issuers to accept (Google's in production, the local issuer locally). */
  issuers: string[];
  /** Where PEM certificates by key id are published; unset → Google's federated sign-on certs. */
  certsUrl?: string;
  /** Injected for tests; defaults to global fetch. */
  fetch?: typeof fetch;
}

export interface VerifyOptions {
  audience: string | string[];
  /** Require `email_verified: true` (default true: we key behaviour on the email). */
  requireVerifiedEmail?: boolean;
}

export type TokenVerifier = (token: string | undefined, opts: VerifyOptions) => Promise<VerifiedIdentity>;

const CERTS_TTL_MS = 5 * 60_000;

/**
 * The one place ID tokens are verified: signature (RS256 against the issuer's published keys),
 * issuer, audience, expiry (google-auth-library), then `email_verified`. Production and local differ
 * only in where the keys come from.
 */
export function createTokenVerifier(opts: TokenVerifierOptions): TokenVerifier {
  const client = new OAuth2Client();
  const doFetch = opts.fetch ?? fetch;
  let cached: { certs: Record<string, string>; at: number } | undefined;

  const loadCerts = async (): Promise<Record<string, string>> => {
    if (cached && Date.now() - cached.at < CERTS_TTL_MS) return cached.certs;
    let certs: Record<string, string>;
    if (opts.certsUrl) {
      const res = await doFetch(opts.certsUrl);
      if (!res.ok) throw new Error(`Could not load signing certificates from ${opts.certsUrl}: ${res.status}`);
      certs = (await res.json()) as Record<string, string>;
    } else {
      certs = (await client.getFederatedSignonCertsAsync()).certs as Record<string, string>;
    }
    cached = { certs, at: Date.now() };
    return certs;
  };

  return async (token, { audience, requireVerifiedEmail = true }) => {
    if (!token) throw new AuthError('no token');
    let certs = await loadCerts();
    const verify = () => client.verifySignedJwtWithCertsAsync(token, certs, audience, opts.issuers);
    let ticket;
    try {
      ticket = await verify();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // Keys rotate: an unknown key id gets one fresh look at the published certificates.
      if (!message.startsWith('No pem found')) throw new AuthError(firstLine(message));
      cached = undefined;
      certs = await loadCerts();
      try {
        ticket = await verify();
      } catch (retryErr) {
        throw new AuthError(firstLine(retryErr instanceof Error ? retryErr.message : String(retryErr)));
      }
    }
    const payload = ticket.getPayload();
    if (!payload?.sub || !payload.email) throw new AuthError('token has no subject or email');
    if (requireVerifiedEmail && payload.email_verified !== true) throw new AuthError('email not verified');
    return { sub: payload.sub, email: payload.email.toLowerCase(), issuer: payload.iss, audience: String(payload.aud) };
  };
}

/** google-auth-library puts the whole token in some messages; keep logs to the reason. */
function firstLine(message: string): string {
  return message.split(':')[0]!.slice(0, 200);
}
