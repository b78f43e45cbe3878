import { CLIENT_HEADERS, TimeZoneSchema } from '../../shared/api';
import type { User } from '../../shared/domain';
import { isKnownTimeZone } from '../../shared/rules/quota';
import type { TokenVerifier } from '../auth/verify-token';
import { AuthError, NotFoundError } from '../errors';
import type { Request } from '../http/types';
import type { Paths } from '../store/paths';
import { ensureUser, getUser } from '../store/users-repo';
import type { ReadCounter } from './read-counter';

/** The caller of a route, once their token is verified. */
export interface Teacher {
  /** Google's `sub`: the user document's id. */
  id: string;
  email: string;
  /** The teacher's time zone: the user document's, as of this request. */
  timeZone: string;
  /** The user document (read once per request, and only by routes that need it). */
  user(): Promise<User>;
  /** Drop this instance's memory that the user document exists (the account was just deleted). */
  forget(): void;
}

export interface AuthenticatorOptions {
  paths: Paths;
  verifyToken: TokenVerifier;
  /** The add-on's OAuth client id: the only audience accepted. */
  audience: string;
  now: () => Date;
  /** How long this instance trusts that a teacher's user document is ensured (0: every request). */
  cacheMs: number;
  maxCacheEntries?: number;
}

const BEARER = /^bearer +([A-Za-z0-9_.~+/=-]+)$/i;

/**
 * Verifies the add-on's Google ID token and makes sure the teacher has a user document (created
 * on first sight, keyed on `sub`; email and zone follow the latest sign-in). The "ensured" fact is
 * remembered per instance for `cacheMs`, keyed on everything ensureUser would update, so that
 * polling a card costs no user read while a new email or zone is still written at once.
 */
export function createAuthenticator(opts: AuthenticatorOptions) {
  const max = opts.maxCacheEntries ?? 10_000;
  const ensured = new Map<string, { until: number; timeZone: string }>();

  return async function authenticate(req: Request, reads: ReadCounter): Promise<Teacher> {
    const header = req.get('authorization');
    const token = header ? BEARER.exec(header.trim())?.[1] : undefined;
    if (header !== undefined && token === undefined) throw new AuthError('malformed authorization header');
    const who = await opts.verifyToken(token, { audience: opts.audience });

    const zoneHeader = req.get(CLIENT_HEADERS.timeZone);
    const zone = zoneHeader && TimeZoneSchema.safeParse(zoneHeader).success && isKnownTimeZone(zoneHeader) ? zoneHeader : undefined;
    const key = `${who.sub}\n${who.email}\n${zone ?? ''}`;
    const now = opts.now().getTime();
    const hit = ensured.get(key);

    let loaded: User | undefined;
    let timeZone: string;
    if (hit && hit.until > now) {
      timeZone = hit.timeZone;
    } else {
      // An empty zone is not a known one, so ensureUser keeps the stored zone (or UTC for a new teacher).
      loaded = await ensureUser(opts.paths, { id: who.sub, email: who.email, timeZone: zone ?? '' }, opts.now());
      reads.add(1);
      timeZone = loaded.timeZone;
      if (opts.cacheMs > 0) {
        ensured.delete(key);
        ensured.set(key, { until: now + opts.cacheMs, timeZone });
        if (ensured.size > max) ensured.delete(ensured.keys().next().value as string);
      }
    }

    let pending: Promise<User> | undefined;
    return {
      id: who.sub,
      email: who.email,
      timeZone,
      user: () => {
        if (loaded) return Promise.resolve(loaded);
        pending ??= (async () => {
          reads.add(1);
          const user = await getUser(opts.paths, who.sub);
          if (!user) throw new NotFoundError('Your GradeBot account');
          return user;
        })();
        return pending;
      },
      forget: () => {
        ensured.delete(key);
      },
    };
  };
}

export type Authenticate = ReturnType<typeof createAuthenticator>;
