import { createServer, type Server } from 'node:http';
import type { Firestore } from '@google-cloud/firestore';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createAdminHandler } from '../../cloud/admin/create-admin-handler';
import { loadConfig } from '../../cloud/config';
import { loadAdminConfig } from '../../cloud/config/admin';
import { buildDeps } from '../../cloud/deps';
import { hostFunction } from '../../cloud/http/function-host';
import { silentLogger } from '../../cloud/log';
import { createPaths } from '../../cloud/store/paths';
import { freePort } from '../../dev/free-port';
import { type LocalIssuer, startLocalIssuer } from '../../dev/issuer/local-issuer';
import { seedAdminDemo } from '../../dev/seed/admin-demo';
import { testFirestore } from '../support/firestore';

// The dashboard at its production address, https://REGION-PROJECT.cloudfunctions.net/admin: the
// browser's paths start with /admin, the function sees them without it. A front server strips the
// prefix as Cloud Functions does and answers 404 elsewhere on the host. Signed in, the test follows
// every link, CSV link and form on every page it reaches, from the overview down to single requests.

const ADMIN = 'ops@gradebot.example';
let issuer: LocalIssuer;
let db: Firestore;
let inner: Server;
let front: Server;
let origin: string;
let innerOrigin: string;
let audience: string;
/** Requests that reached the host outside /admin: each one a link that would 404 in production. */
const strays: string[] = [];

beforeAll(async () => {
  issuer = await startLocalIssuer({ port: 0 });
  db = testFirestore();
  const [innerPort, frontPort] = [await freePort(), await freePort()];
  origin = `http://127.0.0.1:${frontPort}`;
  innerOrigin = `http://127.0.0.1:${innerPort}`;
  const env = { GRADEBOT_ENV: 'test', ISSUER_PORT: new URL(issuer.url).port, ADMIN_PORT: String(innerPort), ADMIN_URL: `${origin}/admin`, ADMIN_EMAILS: ADMIN };
  const config = { ...loadConfig(env), admin: loadAdminConfig(env, { local: true }) };
  audience = config.auth.adminAudience;
  await seedAdminDemo({ paths: createPaths(db), now: new Date(), assignmentsPerTeacher: 2, maxWorks: 4 });
  http('admin-prefix', hostFunction(createAdminHandler({ ...buildDeps(config, { db, logger: silentLogger }), config }), { name: 'admin', logger: silentLogger, projectId: config.projectId }));
  inner = getTestServer('admin-prefix');
  await new Promise<void>((resolve) => inner.listen(innerPort, '127.0.0.1', resolve));
  front = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/admin' || url.startsWith('/admin/') || url.startsWith('/admin?')) {
      req.url = url.slice('/admin'.length).replace(/^(?!\/)/, '/');
      inner.emit('request', req, res);
      return;
    }
    strays.push(`${req.method} ${url}`);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not the admin function');
  });
  await new Promise<void>((resolve) => front.listen(frontPort, '127.0.0.1', resolve));
}, 120_000);

afterAll(async () => {
  await Promise.all([front, inner].map((s) => new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve()))));
  await issuer?.close();
  await db?.terminate();
});

const get = (path: string, cookie = '', at = origin) => fetch(`${at}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
const post = (path: string, form: Record<string, string>, cookie = '') =>
  fetch(`${origin}${path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) }, body: new URLSearchParams(form) });
const setCookie = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
/** Every href, src and form action of a page, unescaped. */
const targets = (page: string) => [...page.matchAll(/\b(?:href|action|src)="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

/** Signs in as the local issuer's page would: the CSRF cookie from the sign-in page, the token posted back. */
async function signIn(nextCookie = ''): Promise<{ res: Response; cookie: string }> {
  const page = await get('/admin/signin');
  const csrf = setCookie(page, 'g_csrf_token')!;
  expect(csrf).toContain('Path=/admin;');
  const token = csrf.split(';')[0]!.split('=')[1]!;
  const link = new URL(targets(await page.text()).find((t) => t.startsWith(issuer.url))!);
  expect(link.searchParams.get('login_uri')).toBe(`${origin}/admin/auth/callback`);
  const credential = issuer.signIdToken({ sub: 'sub-ops', email: ADMIN, aud: audience });
  const res = await post('/admin/auth/callback', { credential, g_csrf_token: token }, `g_csrf_token=${token}${nextCookie ? `; ${nextCookie}` : ''}`);
  const session = setCookie(res, 'gradebot_admin');
  return { res, cookie: session ? session.split(';')[0]! : '' };
}

test('no session: the redirect, the remembered page and every cookie stay under /admin; sign-in returns there', async () => {
  const res = await get('/admin/margins?period=7d');
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/admin/signin?expired=1');
  const next = setCookie(res, 'gradebot_admin_next')!;
  expect(next).toBe(`gradebot_admin_next=${encodeURIComponent('/margins?period=7d')}; Path=/admin; Max-Age=600; SameSite=Lax; HttpOnly`);

  const signin = await get('/admin/signin?expired=1');
  expect(signin.status).toBe(200);
  expect(targets(await signin.text()).filter((t) => !t.startsWith(issuer.url))).toEqual(['/admin/assets/admin.css', '/admin/']);
  const css = await get('/admin/assets/admin.css');
  expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);

  const { res: back } = await signIn(next.split(';')[0]);
  expect(back.status).toBe(303);
  expect(back.headers.get('location')).toBe('/admin/margins?period=7d');
  expect(setCookie(back, 'gradebot_admin')).toMatch(/^gradebot_admin=[^;]+; Path=\/admin; Max-Age=3600; SameSite=Lax; HttpOnly$/);
  expect(setCookie(back, 'gradebot_admin_next')).toBe('gradebot_admin_next=; Path=/admin; Max-Age=0; SameSite=Lax; HttpOnly');
  expect(strays).toEqual([]);
});

test('signed in: every link, CSV link and form on every page reached from the overview works under /admin', async () => {
  const { res, cookie } = await signIn();
  expect(res.headers.get('location')).toBe('/admin/');
  const queue = ['/admin/'];
  const seen = new Set(queue);
  const csvs = new Set<string>();
  const forms = new Set<string>();
  let pages = 0;
  while (queue.length) {
    const path = queue.shift()!;
    const page = await get(path, cookie);
    expect([path, page.status]).toEqual([path, 200]);
    const body = await page.text();
    if (path === '/admin/assets/admin.css') {
      expect(page.headers.get('content-type')).toBe('text/css; charset=utf-8');
      continue;
    }
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    pages++;
    for (const t of targets(body)) {
      if (t.startsWith('#')) continue;
      // Root-relative or relative links would leave the function (or resolve differently per page).
      expect([path, t]).toEqual([path, expect.stringMatching(/^\/admin\//)]);
      if (t.includes('format=csv')) csvs.add(t);
      else if (t === '/admin/signout') forms.add(t);
      else if (!seen.has(t)) {
        seen.add(t);
        queue.push(t);
      }
    }
  }
  const visited = [...seen].map((p) => p.replace(/\?.*/, '').replace(/^\/admin\/(teachers|assignments|requests|quality\/teachers)\/.+/, '/admin/$1/:id'));
  expect(new Set(visited)).toEqual(new Set(['/admin/', '/admin/assets/admin.css', '/admin/unit-costs', '/admin/margins', '/admin/usage', '/admin/quality', '/admin/quality/teachers/:id', '/admin/teachers', '/admin/teachers/:id', '/admin/assignments/:id', '/admin/requests/:id']));
  expect(pages).toBeGreaterThan(40);

  for (const t of csvs) {
    const csv = await get(t, cookie);
    expect([t, csv.status, csv.headers.get('content-type')]).toEqual([t, 200, 'text/csv; charset=utf-8']);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM, then the header line
    expect(bytes.toString('utf8', 3).split('\r\n').length).toBeGreaterThan(1);
  }
  // Every table of every page reached (several per page, one per teacher, assignment and request page).
  expect(csvs.size).toBeGreaterThan(40);

  // The sign-out form: posted to its action, it lands on the sign-in page under /admin.
  expect([...forms]).toEqual(['/admin/signout']);
  const token = (await (await get('/admin/usage', cookie)).text()).match(/name="token" value="([^"]+)"/)![1]!;
  const out = await post('/admin/signout', { token }, cookie);
  expect([out.status, out.headers.get('location')]).toEqual([303, '/admin/signin?signed_out=1']);
  expect(setCookie(out, 'gradebot_admin')).toBe('gradebot_admin=; Path=/admin; Max-Age=0; SameSite=Lax; HttpOnly');
  expect((await get('/admin/signin?signed_out=1')).status).toBe(200);
  expect(strays).toEqual([]);
}, 120_000);

test('error pages link back under /admin; a request that keeps the prefix (a proxy, a Hosting rewrite) is served the same', async () => {
  const { cookie } = await signIn();
  const missing = await get('/admin/no-such-page', cookie);
  expect(missing.status).toBe(404);
  const body = await missing.text();
  expect(body).toContain('There is no dashboard page at /admin/no-such-page.');
  expect(targets(body)).toContain('/admin/');
  expect((await get('/admin/assignments/missing-one', cookie)).status).toBe(404);

  // Straight to the function with the prefix still on the path.
  const kept = await get('/admin/teachers?period=7d', cookie, innerOrigin);
  expect(kept.status).toBe(200);
  expect(targets(await kept.text())).toContain('/admin/teachers?period=7d&format=csv&table=teachers');
  expect((await get('/admin?format=csv&table=totals', cookie, innerOrigin)).headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(strays).toEqual([]);
});
