import type { Server } from 'node:http';
import type { Firestore } from '@google-cloud/firestore';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createAdminHandler } from '../../cloud/admin/create-admin-handler';
import { loadConfig } from '../../cloud/config';
import { loadAdminConfig } from '../../cloud/config/admin';
import { buildDeps } from '../../cloud/deps';
import { hostFunction } from '../../cloud/http/function-host';
import { silentLogger } from '../../cloud/log';
import { freePort } from '../../dev/free-port';
import { type LocalIssuer, startLocalIssuer } from '../../dev/issuer/local-issuer';
import { testFirestore } from '../support/firestore';

// The admin function over HTTP: who gets in, how sessions and CSRF checks hold, and what the
// pages and exports answer — real tokens from the local issuer, checked by the shared verifier.

const ADMIN = 'ops@gradebot.example';
let issuer: LocalIssuer;
let db: Firestore;
let base: string;
let revokedBase: string;
const servers: Server[] = [];
let audience: string;

async function serve(name: string, adminEmails: string, issuerPort: string): Promise<string> {
  const port = await freePort();
  const env = { GRADEBOT_ENV: 'test', ISSUER_PORT: issuerPort, ADMIN_PORT: String(port), ADMIN_EMAILS: adminEmails };
  const config = { ...loadConfig(env), admin: loadAdminConfig(env, { local: true }) };
  audience = config.auth.adminAudience;
  const deps = { ...buildDeps(config, { db, logger: silentLogger }), config };
  http(name, hostFunction(createAdminHandler(deps), { name: 'admin', logger: silentLogger, projectId: config.projectId }));
  const server = getTestServer(name);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  servers.push(server);
  return config.urls.admin;
}

beforeAll(async () => {
  issuer = await startLocalIssuer({ port: 0 });
  db = testFirestore();
  const issuerPort = new URL(issuer.url).port;
  base = await serve('admin', ADMIN, issuerPort);
  // The same secret, but the admin has since been removed from the allow-list.
  revokedBase = await serve('admin-revoked', 'someone.else@gradebot.example', issuerPort);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  await issuer.close();
  await db.terminate();
});

const get = (url: string, cookie = '') => fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
const post = (url: string, form: Record<string, string>, cookie = '') =>
  fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) }, body: new URLSearchParams(form) });
const cookiesOf = (res: Response) => res.headers.getSetCookie();
const cookieValue = (res: Response, name: string) => cookiesOf(res).find((c) => c.startsWith(`${name}=`))?.split(';')[0];

/** Sign in as `email` the way the issuer's page does; returns the callback's response. */
function callback(email: string, opts: { aud?: string; exp?: number; csrf?: string | null } = {}) {
  const credential = issuer.signIdToken({ sub: `sub-${email}`, email, aud: opts.aud ?? audience, ...(opts.exp ? { exp: opts.exp, iat: opts.exp - 3600 } : {}) });
  const csrf = opts.csrf === undefined ? 'csrf-token-1234567890' : opts.csrf;
  return post(`${base}/auth/callback`, { credential, ...(csrf ? { g_csrf_token: 'csrf-token-1234567890' } : {}) }, csrf ? `g_csrf_token=${csrf}; gradebot_admin_next=/usage` : '');
}

async function adminCookie(): Promise<string> {
  const res = await callback(ADMIN);
  return cookieValue(res, 'gradebot_admin')!;
}

test('no session: pages redirect to the sign-in page, which offers the local issuer with a CSRF token', async () => {
  const res = await get(`${base}/margins?period=7d`);
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/signin?expired=1');
  expect(cookieValue(res, 'gradebot_admin_next')).toBe(`gradebot_admin_next=${encodeURIComponent('/margins?period=7d')}`);

  const page = await get(`${base}/signin`);
  expect(page.status).toBe(200);
  const body = await page.text();
  const csrf = cookiesOf(page).find((c) => c.startsWith('g_csrf_token='))!;
  expect(csrf).toMatch(/HttpOnly; ?|SameSite=Lax/);
  const link = new URL(body.match(/id="local-signin" href="([^"]+)"/)![1]!.replace(/&amp;/g, '&'));
  expect(link.origin + link.pathname).toBe(`${issuer.url}/signin`);
  expect(Object.fromEntries(link.searchParams)).toEqual({ client_id: audience, login_uri: `${base}/auth/callback`, g_csrf_token: csrf.split(';')[0]!.split('=')[1] });
  expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(page.headers.get('content-security-policy')).not.toContain('script-src');
  expect(body).not.toContain('<script');
});

test('an admin signs in: a short-lived HttpOnly session, then back to the page they asked for', async () => {
  const res = await callback(ADMIN);
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/usage');
  const session = cookiesOf(res).find((c) => c.startsWith('gradebot_admin='))!;
  expect(session).toContain('HttpOnly');
  expect(session).toContain('SameSite=Lax');
  expect(session).toContain('Max-Age=3600');
  const page = await get(`${base}/`, session.split(';')[0]);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('<h1>Overview</h1>');
  expect(html).not.toContain('<script');
  expect(page.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
});

test.each([
  ['a form without the CSRF cookie', () => callback(ADMIN, { csrf: null }), 400],
  ['a CSRF cookie that does not match the field', () => callback(ADMIN, { csrf: 'another-token-000000' }), 400],
  ['a token for another audience (the add-on’s)', () => callback(ADMIN, { aud: 'gradebot-addon.local' }), 401],
  // Past google-auth-library's five minutes of allowed clock skew.
  ['an expired token', () => callback(ADMIN, { exp: Math.floor(Date.now() / 1000) - 600 }), 401],
  ['a garbage credential', () => post(`${base}/auth/callback`, { credential: 'x'.repeat(40), g_csrf_token: 'csrf-token-1234567890' }, 'g_csrf_token=csrf-token-1234567890'), 401],
  ['someone not on the allow-list', () => callback('teacher@school.example'), 403],
])('%s gets no session', async (_name, attempt, status) => {
  const res = await attempt();
  expect(res.status).toBe(status);
  expect(cookieValue(res, 'gradebot_admin')).toBeUndefined();
  expect(await res.text()).toContain('<h1>');
});

test('a forged or stale session is no session; one whose email left the allow-list gets 403', async () => {
  const forged = `gradebot_admin=${Buffer.from(JSON.stringify({ sub: 's', email: ADMIN, exp: Date.now() + 1e6, nonce: 'abcdefghijkl' })).toString('base64url')}.AAAA`;
  expect((await get(`${base}/`, forged)).status).toBe(303);
  const cookie = await adminCookie();
  const revoked = await get(`${revokedBase}/`, cookie);
  expect(revoked.status).toBe(403);
  expect(await revoked.text()).toContain('not on this dashboard');
});

test('sign-out needs the token from the dashboard’s own form', async () => {
  const cookie = await adminCookie();
  expect((await post(`${base}/signout`, { token: 'not-the-token-at-all' }, cookie)).status).toBe(403);
  const token = (await (await get(`${base}/teachers`, cookie)).text()).match(/name="token" value="([^"]+)"/)![1]!;
  const out = await post(`${base}/signout`, { token }, cookie);
  expect(out.status).toBe(303);
  expect(out.headers.get('location')).toBe('/signin?signed_out=1');
  expect(cookieValue(out, 'gradebot_admin')).toBe('gradebot_admin=');
});

test('CSV export: an attachment with a BOM, one table by id; bad links are clear errors', async () => {
  const cookie = await adminCookie();
  const csv = await get(`${base}/?format=csv&table=totals`, cookie);
  expect(csv.status).toBe(200);
  expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="gradebot-totals-\d{4}-\d\d-\d\d\.csv"$/);
  const text = await csv.text();
  expect(text.split('\r\n')[0]).toBe('Period,From,LLM cost (USD),Requests,Failed requests,Tokens,Assignments,Student works');
  // Empty project: every period is zero.
  expect(text.split('\r\n')[1]).toMatch(/^Today,\d{4}-\d\d-\d\d,0\.000000,0,0,0,0,0$/);
  expect((await get(`${base}/?format=csv&table=nope`, cookie)).status).toBe(404);
  expect((await get(`${base}/teachers?period=forever`, cookie)).status).toBe(400);
  expect((await get(`${base}/assignments/a%2Fb`, cookie)).status).toBe(400);
  expect((await get(`${base}/assignments/missing-one`, cookie)).status).toBe(404);
  expect((await get(`${base}/teachers/nobody`, cookie)).status).toBe(404);
  expect((await get(`${base}/no-such-page`, cookie)).status).toBe(404);
  expect((await get(`${base}/assets/admin.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
});

test('the local issuer’s sign-in page refuses incomplete links and signs a token the verifier accepts', async () => {
  expect((await fetch(`${issuer.url}/signin?client_id=x`)).status).toBe(400);
  const page = await fetch(`${issuer.url}/signin`, {
    method: 'POST',
    body: new URLSearchParams({ client_id: audience, login_uri: `${base}/auth/callback`, g_csrf_token: 'csrf-token-1234567890', email: ADMIN }),
  });
  const html = await page.text();
  expect(page.headers.get('content-security-policy')).toContain(`form-action 'self' ${new URL(base).origin}`);
  const credential = html.match(/name="credential" value="([^"]+)"/)![1]!;
  const res = await post(`${base}/auth/callback`, { credential, g_csrf_token: 'csrf-token-1234567890' }, 'g_csrf_token=csrf-token-1234567890');
  expect(res.status).toBe(303);
});
