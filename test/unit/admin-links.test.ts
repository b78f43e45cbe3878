import { safeNext, sessionCookieName } from '../../cloud/admin/auth/admin-auth';
import { setCookie } from '../../cloud/admin/auth/session';
import { deniedPage, problemPage, signInPage } from '../../cloud/admin/auth/sign-in-pages';
import { adminLinks, basePathOf } from '../../cloud/admin/links';
import { html } from '../../cloud/admin/render/html';
import { layout } from '../../cloud/admin/render/layout';
import { reportHtml } from '../../cloud/admin/render/report';
import { periodLinks } from '../../cloud/admin/reports/context';

// The dashboard under a path prefix: its production address is
// https://REGION-PROJECT.cloudfunctions.net/admin, where the function sees paths without /admin.

const PROD = 'https://europe-west1-gradebot-prod.cloudfunctions.net/admin';

test('the base path is the public URL’s path, without a trailing slash', () => {
  expect(basePathOf(PROD)).toBe('/admin');
  expect(basePathOf(`${PROD}/`)).toBe('/admin');
  expect(basePathOf('http://127.0.0.1:8084')).toBe('');
  expect(basePathOf('https://ops.example.com/tools/gradebot/')).toBe('/tools/gradebot');
});

test('app paths become public paths and absolute URLs; cookies are scoped to the base', () => {
  const links = adminLinks(PROD);
  expect(links.href('/')).toBe('/admin/');
  expect(links.href('/teachers?period=7d')).toBe('/admin/teachers?period=7d');
  expect(links.href('/assets/admin.css')).toBe('/admin/assets/admin.css');
  expect(links.absolute('/auth/callback')).toBe(`${PROD}/auth/callback`);
  expect(links.cookiePath).toBe('/admin');
  const root = adminLinks('http://127.0.0.1:8084/');
  expect([root.base, root.href('/'), root.href('/usage'), root.cookiePath, root.absolute('/auth/callback')]).toEqual(['', '/', '/usage', '/', 'http://127.0.0.1:8084/auth/callback']);
  // Only app paths: a relative or protocol-relative path is a bug, not a link.
  expect(() => links.href('teachers')).toThrow('Not an app path');
  expect(() => links.href('//evil.example/')).toThrow('Not an app path');
});

test('a request that still carries the prefix (a proxy, a Hosting rewrite) is routed as if stripped', () => {
  const links = adminLinks(PROD);
  expect(links.appPath('/teachers?period=7d')).toBe('/teachers?period=7d');
  expect(links.appPath('/admin/teachers?period=7d')).toBe('/teachers?period=7d');
  expect(links.appPath('/admin')).toBe('/');
  expect(links.appPath('/admin/')).toBe('/');
  expect(links.appPath('/admin?format=csv&table=totals')).toBe('/?format=csv&table=totals');
  // Only the whole segment: /administration is a path of its own.
  expect(links.appPath('/administration')).toBe('/administration');
  expect(adminLinks('http://127.0.0.1:8084').appPath('/admin/x')).toBe('/admin/x');
});

test('cookies: Path is the base; a __Host- session cookie (which must have Path=/) becomes __Secure- under a prefix', () => {
  expect(setCookie('s', 'v', { maxAgeSeconds: 60, secure: true, path: '/admin' })).toBe('s=v; Path=/admin; Max-Age=60; SameSite=Lax; HttpOnly; Secure');
  expect(sessionCookieName('__Host-gradebot_admin', '/admin')).toBe('__Secure-gradebot_admin');
  expect(sessionCookieName('__Host-gradebot_admin', '/')).toBe('__Host-gradebot_admin');
  expect(sessionCookieName('gradebot_admin', '/admin')).toBe('gradebot_admin');
});

test('the page to return to after sign-in is an app path of ours, nothing else', () => {
  expect(safeNext('/teachers/u1?period=7d')).toBe('/teachers/u1?period=7d');
  for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', undefined, '']) expect(safeNext(bad)).toBe('/');
});

/** Every href, src and form action of a page. */
const targets = (page: string) => [...page.matchAll(/\b(?:href|action|src)="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

test('every page chrome link, form action and the stylesheet live under the prefix', () => {
  const links = adminLinks(PROD);
  const page = layout({ links, title: 'Overview', section: '/', admin: { email: 'ops@x.example', signOutToken: 'tok' }, body: html`<p>hi</p>` });
  expect(targets(page)).toEqual(['/admin/assets/admin.css', '/admin/', '/admin/', '/admin/unit-costs', '/admin/margins', '/admin/usage', '/admin/quality', '/admin/teachers', '/admin/signout']);
  expect(targets(deniedPage(links, 'a@b.example'))).toEqual(['/admin/assets/admin.css', '/admin/', '/admin/signin']);
  expect(targets(problemPage(links, 'Not found', 'Nothing here.'))).toContain('/admin/');
  expect(targets(problemPage(links, 'Sign-in failed', 'Again.', { href: '/signin', label: 'Sign in' }))).toContain('/admin/signin');
  const signIn = signInPage({ links, clientId: 'cid', loginUri: links.absolute('/auth/callback'), noAdminsConfigured: false });
  expect(signIn).toContain(`data-login_uri="${PROD}/auth/callback"`);
  expect(targets(signIn).filter((t) => !t.startsWith('https://accounts.google.com/'))).toEqual(['/admin/assets/admin.css', '/admin/']);
});

test('period links and CSV links of a report carry the prefix', () => {
  const links = adminLinks(PROD);
  const ctx = { paths: undefined as never, now: new Date('2026-03-14T12:00:00Z'), plans: { paidMonthlyUsd: 9.99, feePercent: 2.9, feeFixedUsd: 0.3 }, links };
  expect(targets(periodLinks(ctx, '/teachers', '7d').value)).toEqual(['/admin/teachers?period=today', '/admin/teachers?period=7d', '/admin/teachers?period=30d', '/admin/teachers?period=month']);
  const report = {
    title: 'T',
    meta: 'm',
    sections: [{ id: 's', title: 'S', blocks: [{ table: { id: 'things', title: 'Things', columns: [{ label: 'A', kind: 'text' as const }], rows: [{ cells: ['x'], links: [links.href('/assignments/a1')] }] } }] }],
  };
  expect(targets(reportHtml(report, links.href('/teachers?period=7d')).value)).toEqual(['/admin/teachers?period=7d&format=csv&table=things', '/admin/assignments/a1']);
});
