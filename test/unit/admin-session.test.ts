import { createSessionCodec, parseCookies, sameToken, setCookie } from '../../cloud/admin/auth/session';
import { deniedPage, signInPage } from '../../cloud/admin/auth/sign-in-pages';
import { adminLinks } from '../../cloud/admin/links';
import { adminSecurityHeaders } from '../../cloud/admin/render/security-headers';

// The dashboard's signed session cookie.

const SECRET = 'a-test-secret-that-is-at-least-32-characters';
let now = new Date('2026-03-14T12:00:00Z');
const codec = createSessionCodec({ secret: SECRET, ttlMs: 60 * 60_000, now: () => now });
const who = { sub: 'google-sub-9', email: 'ops@gradebot.example' };

afterEach(() => {
  now = new Date('2026-03-14T12:00:00Z');
});

test('a cookie we issued reads back as the session, until it expires', () => {
  const { value, session } = codec.issue(who);
  expect(codec.read(value)).toEqual(session);
  expect(session).toMatchObject({ ...who, exp: now.getTime() + 3_600_000 });
  now = new Date(session.exp - 1);
  expect(codec.read(value)).toEqual(session);
  now = new Date(session.exp);
  expect(codec.read(value)).toBeUndefined();
});

test.each([
  ['no cookie', () => undefined],
  ['garbage', () => 'not-a-session'],
  ['a changed payload', (v: string) => `${Buffer.from(JSON.stringify({ ...who, email: 'attacker@evil.example', exp: 9e12, nonce: 'abcdefghijkl' })).toString('base64url')}.${v.split('.')[1]}`],
  ['a changed signature', (v: string) => `${v.slice(0, -2)}${v.endsWith('AA') ? 'BB' : 'AA'}`],
  ['another key’s signature', () => createSessionCodec({ secret: `${SECRET}-other`, ttlMs: 3_600_000, now: () => now }).issue(who).value],
  ['an extra part', (v: string) => `${v}.x`],
])('%s is no session', (_name, make) => {
  const { value } = codec.issue(who);
  expect(codec.read(make(value))).toBeUndefined();
});

test('the sign-out token belongs to one session', () => {
  const a = codec.issue(who).session;
  const b = codec.issue(who).session;
  expect(codec.signOutToken(a)).toBe(codec.signOutToken(a));
  expect(codec.signOutToken(a)).not.toBe(codec.signOutToken(b));
  expect(sameToken(codec.signOutToken(a), codec.signOutToken(a))).toBe(true);
  expect(sameToken(codec.signOutToken(a), undefined)).toBe(false);
});

test('cookies: parsed by name, first wins, bad encodings ignored; Set-Cookie carries the safety attributes', () => {
  expect(parseCookies('a=1; b=x%20y; a=2; c=%E0%A4%A; =nameless')).toEqual({ a: '1', b: 'x y' });
  expect(setCookie('__Host-s', 'v', { maxAgeSeconds: 3600, secure: true })).toBe('__Host-s=v; Path=/; Max-Age=3600; SameSite=Lax; HttpOnly; Secure');
  expect(setCookie('s', '', { maxAgeSeconds: 0, secure: false })).toBe('s=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly');
});

test('production sign-in: the GIS button posts to our callback; the CSP lets in GIS and nothing else', () => {
  const page = signInPage({ links: adminLinks('https://admin.example'), clientId: 'cid.apps.googleusercontent.com', loginUri: 'https://admin.example/auth/callback', noAdminsConfigured: true });
  expect(page).toContain('<script src="https://accounts.google.com/gsi/client" async></script>');
  expect(page).toMatch(/<div id="g_id_onload" data-client_id="cid\.apps\.googleusercontent\.com" data-login_uri="https:\/\/admin\.example\/auth\/callback"[^>]*data-ux_mode="popup"/);
  expect(page).toContain('ADMIN_EMAILS');
  expect(page).not.toContain('local-signin');
  const gis = adminSecurityHeaders({ googleSignIn: true })['Content-Security-Policy']!;
  expect(gis.split('; ')).toEqual([
    "default-src 'none'",
    'script-src https://accounts.google.com/gsi/client',
    'frame-src https://accounts.google.com/gsi/',
    'connect-src https://accounts.google.com/gsi/',
    "style-src 'self' https://accounts.google.com/gsi/style",
    "img-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ]);
  expect(adminSecurityHeaders()['Content-Security-Policy']).not.toContain('accounts.google.com');
});

test('pages escape what they show: an email on the 403 page is text', () => {
  expect(deniedPage(adminLinks('https://admin.example'), '<img src=x onerror=alert(1)>@x.example')).toContain('&lt;img src=x onerror=alert(1)&gt;@x.example');
});
