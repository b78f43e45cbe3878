import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The local issuer's stand-in for Google's account chooser, for web sign-in (the admin dashboard):
 * `GET /signin?client_id&login_uri[&g_csrf_token]` asks for an email; `POST /signin` signs an ID
 * token for it (audience = client_id) and shows a "Continue" form that posts `credential` and
 * `g_csrf_token` to `login_uri` — the two fields Google Identity Services posts. No script runs.
 */

const Params = z.object({
  client_id: z.string().min(1).max(200),
  login_uri: z.url({ protocol: /^https?$/ }).max(2000),
  g_csrf_token: z.string().max(200).optional(),
});
const Submit = Params.extend({ email: z.email().max(254), name: z.string().max(100).optional() });

export type SignInPageResult = { status: number; html: string; headers: Record<string, string> };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem}label{display:block;margin:.75rem 0 .25rem}input[type=email],input[type=text]{width:100%;padding:.4rem;font:inherit}button{margin-top:1rem;padding:.5rem 1rem;font:inherit}.note{color:#57606a;font-size:.9rem}';
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

function page(title: string, body: string, formTarget: string | null, status = 200): SignInPageResult {
  const formAction = formTarget ? `'self' ${new URL(formTarget).origin}` : "'self'";
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': `default-src 'none'; style-src ${STYLE_HASH}; form-action ${formAction}; base-uri 'none'; frame-ancestors 'none'`,
    },
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · Local issuer</title><style>${STYLE}</style></head><body><h1>${esc(title)}</h1>${body}<p class="note">Local token issuer: a stand-in for Google sign-in on this machine only.</p></body></html>`,
  };
}

const hidden = (name: string, value: string | undefined) => (value === undefined ? '' : `<input type="hidden" name="${name}" value="${esc(value)}">`);

/** A stable, Google-like `sub` for an email, so the same person is the same user every time. */
export const localSub = (email: string): string => `local-${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 20)}`;

/** GET /signin: the email form. */
export function signInForm(query: URLSearchParams): SignInPageResult {
  const p = Params.safeParse(Object.fromEntries(query));
  if (!p.success) return page('Sign-in link is incomplete', `<p>Expected <code>client_id</code> and an http(s) <code>login_uri</code>.</p>`, null, 400);
  const q = p.data;
  return page(
    'Sign in',
    `<p>to continue to <strong>${esc(new URL(q.login_uri).host)}</strong></p><form method="post" action="/signin">${hidden('client_id', q.client_id)}${hidden('login_uri', q.login_uri)}${hidden('g_csrf_token', q.g_csrf_token)}<label for="email">Email</label><input id="email" name="email" type="email" required autofocus autocomplete="email"><label for="name">Name (optional)</label><input id="name" name="name" type="text"><button type="submit">Next</button></form>`,
    null,
  );
}

/** POST /signin: sign the token and offer to post it to `login_uri`. */
export function signInContinue(body: string, sign: (claims: { sub: string; email: string; aud: string; name?: string }) => string): SignInPageResult {
  const p = Submit.safeParse(Object.fromEntries(new URLSearchParams(body)));
  if (!p.success) return page('Cannot sign in', `<p>${esc(p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))}</p>`, null, 400);
  const s = p.data;
  const credential = sign({ sub: localSub(s.email), email: s.email.toLowerCase(), aud: s.client_id, ...(s.name ? { name: s.name } : {}) });
  const back = `/signin?${new URLSearchParams({ client_id: s.client_id, login_uri: s.login_uri, ...(s.g_csrf_token ? { g_csrf_token: s.g_csrf_token } : {}) })}`;
  return page(
    'Continue',
    `<p>Signed in as <strong>${esc(s.email)}</strong>.</p><form method="post" action="${esc(s.login_uri)}">${hidden('credential', credential)}${hidden('g_csrf_token', s.g_csrf_token ?? '')}<button type="submit">Continue as ${esc(s.email)}</button></form><p><a href="${esc(back)}">Use another account</a></p>`,
    s.login_uri,
  );
}
