import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AdminConfig } from '../../config/admin';
import type { TokenVerifier } from '../../auth/verify-token';
import { AuthError } from '../../errors';
import { requestContext } from '../../http/function-host';
import type { Request, Response } from '../../http/types';
import type { AdminLinks } from '../links';
import { adminSecurityHeaders } from '../render/security-headers';
import { type AdminSession, createSessionCodec, parseCookies, sameToken, setCookie } from './session';
import { deniedPage, problemPage, signInPage } from './sign-in-pages';

export interface AdminAuthDeps {
  verifyToken: TokenVerifier;
  /** ADMIN_OAUTH_CLIENT_ID: the audience our ID tokens must carry. */
  audience: string;
  /** The allow-list, lower-case. */
  adminEmails: readonly string[];
  /** Links under the dashboard's public URL: redirects, cookie paths, GIS's absolute `login_uri`. */
  links: AdminLinks;
  localIssuerUrl: string | undefined;
  session: AdminConfig['session'];
  now: () => Date;
}

type Next = (err?: unknown) => void;

/** GIS's name for the double-submit CSRF cookie and form field. */
const CSRF = 'g_csrf_token';
const NEXT_COOKIE = 'gradebot_admin_next';

const CallbackBody = z.object({ credential: z.string().min(20).max(8000), g_csrf_token: z.string().min(8).max(200) });
const SignOutBody = z.object({ token: z.string().min(8).max(200) });

/** Only our own app paths may be returned to after sign-in (no open redirect). */
export const safeNext = (p: string | undefined): string => (p && /^\/(?![/\\])[\w\-./?=&%~]*$/.test(p) && p.length < 500 ? p : '/');

/**
 * The session cookie's name. `__Host-` requires `Path=/`; under a path prefix the cookie is scoped
 * to the dashboard's path instead (not sent to the project's other functions on the same host), so
 * it becomes `__Secure-` (still Secure-only, not settable over http).
 */
export function sessionCookieName(configured: string, cookiePath: string): string {
  return cookiePath !== '/' && configured.startsWith('__Host-') ? `__Secure-${configured.slice('__Host-'.length)}` : configured;
}

/**
 * Dashboard sign-in: Google Identity Services (or the local issuer) posts an ID token to
 * `/auth/callback`; it is verified by the shared verification module with the admin audience,
 * the email checked against the allow-list, and a short signed session cookie set. Every other
 * route goes through {@link AdminAuth.requireAdmin}.
 */
export function createAdminAuth(d: AdminAuthDeps) {
  const codec = createSessionCodec({ secret: d.session.secret, ttlMs: d.session.ttlMs, now: d.now });
  const allowed = new Set(d.adminEmails.map((e) => e.toLowerCase()));
  const { links } = d;
  const sessionCookie = sessionCookieName(d.session.cookieName, links.cookiePath);
  const cookie = (name: string, value: string, maxAgeSeconds: number) => setCookie(name, value, { maxAgeSeconds, secure: d.session.secure, path: links.cookiePath });
  const signInLink = { href: '/signin', label: 'Sign in' };

  const page = (res: Response, status: number, body: string, gis = false) => {
    res.set(adminSecurityHeaders({ googleSignIn: gis })).status(status).type('html').send(body);
  };

  function signIn(req: Request, res: Response): void {
    const local = d.localIssuerUrl !== undefined;
    const csrfToken = local ? randomBytes(18).toString('base64url') : undefined;
    if (csrfToken) res.append('Set-Cookie', cookie(CSRF, csrfToken, 600));
    const notice = req.query.signed_out !== undefined ? 'You are signed out.' : req.query.expired !== undefined ? 'Please sign in to continue.' : undefined;
    page(res, 200, signInPage({ clientId: d.audience, links, loginUri: links.absolute('/auth/callback'), localIssuerUrl: d.localIssuerUrl, csrfToken, notice, noAdminsConfigured: allowed.size === 0 }), !local);
  }

  async function callback(req: Request, res: Response): Promise<void> {
    const { logger } = requestContext(res);
    const body = CallbackBody.safeParse(req.body ?? {});
    const cookies = parseCookies(req.get('cookie'));
    // Double-submit check, as Google documents for GIS: the cookie and the field must agree.
    if (!body.success || !sameToken(cookies[CSRF], body.data.g_csrf_token)) {
      logger.info('admin sign-in refused', { reason: body.success ? 'csrf mismatch' : 'bad form' });
      return page(res, 400, problemPage(links, 'Sign-in could not be completed', 'The sign-in form was incomplete or did not come from this page. Please try again.', signInLink));
    }
    let identity;
    try {
      identity = await d.verifyToken(body.data.credential, { audience: d.audience });
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      logger.info('admin sign-in refused', { reason: err.reason });
      return page(res, 401, problemPage(links, 'Sign-in failed', 'Google did not vouch for that sign-in (expired or invalid). Please try again.', signInLink));
    }
    res.append('Set-Cookie', cookie(CSRF, '', 0));
    if (!allowed.has(identity.email)) {
      logger.warn('admin sign-in by a non-admin', { sub: identity.sub });
      return page(res, 403, deniedPage(links, identity.email));
    }
    const { value } = codec.issue(identity);
    logger.info('admin signed in', { sub: identity.sub });
    res.append('Set-Cookie', cookie(sessionCookie, value, d.session.ttlMs / 1000));
    res.append('Set-Cookie', cookie(NEXT_COOKIE, '', 0));
    res.redirect(303, links.href(safeNext(cookies[NEXT_COOKIE])));
  }

  function signOut(req: Request, res: Response): void {
    const session = codec.read(parseCookies(req.get('cookie'))[sessionCookie]);
    const body = SignOutBody.safeParse(req.body ?? {});
    if (session && !(body.success && sameToken(body.data.token, codec.signOutToken(session)))) {
      return page(res, 403, problemPage(links, 'Not signed out', 'The sign-out request did not come from the dashboard.'));
    }
    res.append('Set-Cookie', cookie(sessionCookie, '', 0));
    res.redirect(303, links.href('/signin?signed_out=1'));
  }

  /**
   * The guard for every dashboard route: no valid session → the sign-in page (GET) or 401; a
   * session whose email has since left the allow-list → 403. Sets `res.locals.admin`.
   */
  function requireAdmin(req: Request, res: Response, next: Next): void {
    const session = codec.read(parseCookies(req.get('cookie'))[sessionCookie]);
    if (!session) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return page(res, 401, problemPage(links, 'Signed out', 'Please sign in again.', signInLink));
      res.append('Set-Cookie', cookie(NEXT_COOKIE, safeNext(req.url), 600));
      return res.redirect(303, links.href('/signin?expired=1'));
    }
    if (!allowed.has(session.email)) return page(res, 403, deniedPage(links, session.email));
    res.locals.admin = { email: session.email, signOutToken: codec.signOutToken(session) };
    next();
  }

  return { signIn, callback, signOut, requireAdmin };
}
export type AdminAuth = ReturnType<typeof createAdminAuth>;

/** The signed-in admin, as {@link AdminAuth.requireAdmin} left it. */
export function signedInAdmin(res: Response): { email: string; signOutToken: string } {
  return res.locals.admin as { email: string; signOutToken: string };
}
export type { AdminSession };
