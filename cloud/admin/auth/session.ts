import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** Who is signed in to the dashboard, until when. */
export interface AdminSession {
  sub: string;
  email: string;
  /** Expiry, ms since the epoch. */
  exp: number;
  /** Random per sign-in: ties the sign-out token to this session. */
  nonce: string;
}

const SessionSchema = z.object({ sub: z.string().min(1), email: z.string().min(3), exp: z.number().int(), nonce: z.string().min(8) });

export interface SessionCodec {
  /** A new session for a verified admin, as the cookie value. */
  issue(identity: { sub: string; email: string }): { value: string; session: AdminSession };
  /** The session a cookie value carries, if its signature is ours and it has not expired. */
  read(value: string | undefined): AdminSession | undefined;
  /** The token the sign-out form must carry (CSRF: only our own page knows it). */
  signOutToken(session: AdminSession): string;
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/**
 * Stateless sessions: `base64url(json).base64url(hmac-sha256)`, in an HttpOnly, SameSite=Lax cookie
 * with a short lifetime. Nothing is stored server-side, so any instance can check any session, and
 * the allow-list is re-checked on every request (removing an email locks it out at once).
 */
export function createSessionCodec(opts: { secret: string; ttlMs: number; now: () => Date }): SessionCodec {
  const mac = (data: string) => createHmac('sha256', opts.secret).update(data).digest();
  return {
    issue(identity) {
      const session: AdminSession = { sub: identity.sub, email: identity.email, exp: opts.now().getTime() + opts.ttlMs, nonce: randomBytes(12).toString('base64url') };
      const payload = b64(JSON.stringify(session));
      return { value: `${payload}.${b64(mac(`session:${payload}`))}`, session };
    },
    read(value) {
      if (!value) return undefined;
      const [payload, sig, extra] = value.split('.');
      if (!payload || !sig || extra !== undefined) return undefined;
      const expected = mac(`session:${payload}`);
      const given = Buffer.from(sig, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      let parsed;
      try {
        parsed = SessionSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
      } catch {
        return undefined;
      }
      if (!parsed.success || parsed.data.exp <= opts.now().getTime()) return undefined;
      return parsed.data;
    },
    signOutToken: (session) => b64(mac(`signout:${session.nonce}`)),
  };
}

/** Constant-time comparison of two tokens (strings). */
export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A request's cookies by name (first wins), from the Cookie header. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of (header ?? '').split(';')) {
    const part = raw.trim();
    const i = part.indexOf('=');
    if (i < 1) continue;
    const name = part.slice(0, i).trim();
    if (!(name in out)) {
      try {
        out[name] = decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        // a malformed value is ignored, as if absent
      }
    }
  }
  return out;
}

export interface CookieOptions {
  maxAgeSeconds: number;
  secure: boolean;
  httpOnly?: boolean;
  /** The dashboard's path (see links.ts); `/` unless told otherwise. */
  path?: string;
}

/** A Set-Cookie header value: Path (default `/`), SameSite=Lax, HttpOnly unless told otherwise. */
export function setCookie(name: string, value: string, o: CookieOptions): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${o.path ?? '/'}`,
    `Max-Age=${Math.max(0, Math.floor(o.maxAgeSeconds))}`,
    'SameSite=Lax',
    o.httpOnly === false ? null : 'HttpOnly',
    o.secure ? 'Secure' : null,
  ]
    .filter(Boolean)
    .join('; ');
}
