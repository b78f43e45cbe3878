import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { TimeZoneSchema } from '../../shared/api';
import { GradeBotError } from '../errors';

/**
 * Short-lived signed URLs for the contribution chart. The add-on's card shows images through
 * Google's image proxy, which sends no Authorization header, so the URL itself is the credential:
 * an HMAC over the teacher, the zone the chart is drawn in and an expiry. Expiries are rounded up
 * to the minute so that repeated GET /stats calls within a minute give the same URL and the proxy
 * can serve its cached copy.
 */

/** Where the chart is served on the api function. */
export const CHART_PATH = '/charts/contribution.png';

const ROUND_SECONDS = 60;

export interface ChartSigner {
  secret: string;
  ttlSeconds: number;
  baseUrl: string;
}

function signature(secret: string, userId: string, timeZone: string, exp: number): string {
  return createHmac('sha256', secret).update(`chart.v1\n${userId}\n${timeZone}\n${exp}`).digest('base64url');
}

/** A URL that renders `userId`'s chart in `timeZone` until `expiresAt`. */
export function signChartUrl(s: ChartSigner, userId: string, timeZone: string, now: Date): { url: string; expiresAt: Date } {
  const exp = Math.ceil((now.getTime() / 1000 + s.ttlSeconds) / ROUND_SECONDS) * ROUND_SECONDS;
  const query = new URLSearchParams({ u: userId, tz: timeZone, exp: String(exp), sig: signature(s.secret, userId, timeZone, exp) });
  return { url: `${s.baseUrl}${CHART_PATH}?${query.toString()}`, expiresAt: new Date(exp * 1000) };
}

const ChartQuerySchema = z.object({
  u: z.string().min(1).max(255),
  tz: TimeZoneSchema,
  exp: z.coerce.number().int().positive(),
  sig: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});

/**
 * Who a chart request is for, or a `forbidden` error for a missing, altered or expired signature
 * (the same answer for each, so the URL reveals nothing to someone probing it).
 */
export function verifyChartQuery(secret: string, query: unknown, now: Date): { userId: string; timeZone: string; expiresAt: Date } {
  const parsed = ChartQuerySchema.safeParse(query);
  const refused = new GradeBotError('forbidden', 'This chart link is invalid or has expired. Refresh GradeBot to get a new one.');
  if (!parsed.success) throw refused;
  const { u, tz, exp, sig } = parsed.data;
  const expected = Buffer.from(signature(secret, u, tz, exp));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused;
  if (exp * 1000 <= now.getTime()) throw refused;
  return { userId: u, timeZone: tz, expiresAt: new Date(exp * 1000) };
}
