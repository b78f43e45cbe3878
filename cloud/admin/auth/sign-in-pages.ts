import { html, type SafeHtml } from '../render/html';
import type { AdminLinks } from '../links';
import { layout } from '../render/layout';

export interface SignInView {
  links: AdminLinks;
  /** The admin OAuth client id (GIS `client_id`, the ID token's audience). */
  clientId: string;
  /** Where the credential is posted: our /auth/callback, absolute. */
  loginUri: string;
  /** Set locally: the local issuer's sign-in page stands in for Google's. */
  localIssuerUrl?: string;
  /** Locally, the double-submit CSRF token (GIS sets its own cookie in production). */
  csrfToken?: string;
  notice?: string;
  /** Shown locally when ADMIN_EMAILS is empty, so nobody wonders why every sign-in is refused. */
  noAdminsConfigured: boolean;
}

/**
 * The sign-in page. Production: Google Identity Services' button, which posts `credential` and
 * `g_csrf_token` to `loginUri` (popup mode, so the POST comes from this page). Locally: a link to
 * the local issuer's sign-in page, which posts the same two fields the same way.
 */
export function signInPage(v: SignInView): string {
  const notice = v.notice ? html`<p class="note" role="status">${v.notice}</p>` : '';
  const hint = v.noAdminsConfigured ? html`<p class="note">No admin emails are configured: set <code>ADMIN_EMAILS</code> (comma-separated) and restart.</p>` : '';
  let action: SafeHtml;
  if (v.localIssuerUrl) {
    const u = new URL('/signin', v.localIssuerUrl);
    u.searchParams.set('client_id', v.clientId);
    u.searchParams.set('login_uri', v.loginUri);
    if (v.csrfToken) u.searchParams.set('g_csrf_token', v.csrfToken);
    action = html`<p><a class="button" id="local-signin" href="${u.toString()}">Sign in with the local issuer</a></p><p class="note">Local stack: the local token issuer stands in for Google and signs an ID token for the email you type.</p>`;
  } else {
    action = html`<script src="https://accounts.google.com/gsi/client" async></script><div id="g_id_onload" data-client_id="${v.clientId}" data-login_uri="${v.loginUri}" data-auto_prompt="false" data-ux_mode="popup"></div><div class="g_id_signin" data-type="standard" data-size="large" data-text="signin_with" data-shape="rectangular"></div>`;
  }
  return layout({
    links: v.links,
    title: 'Sign in',
    body: html`<div class="signin"><h1>Sign in</h1><p>The GradeBot admin dashboard is for operators. Sign in with an allowed Google account.</p>${notice}${hint}${action}</div>`,
  });
}

/** A signed-in Google account that is not on the allow-list. */
export function deniedPage(links: AdminLinks, email: string): string {
  return layout({
    links,
    title: 'Not allowed',
    body: html`<div class="signin"><h1>Not allowed</h1><p>${email} is not on this dashboard's list of admins.</p><p>Ask an operator to add it to <code>ADMIN_EMAILS</code>, or <a href="${links.href('/signin')}">sign in with another account</a>.</p></div>`,
  });
}

/** Anything else that stops a page: a bad sign-in, a missing record, a bad link. `link.href` is an app path. */
export function problemPage(links: AdminLinks, title: string, message: string, link: { href: string; label: string } = { href: '/', label: 'Back to the overview' }): string {
  return layout({ links, title, body: html`<div class="signin"><h1>${title}</h1><p>${message}</p><p><a href="${links.href(link.href)}">${link.label}</a></p></div>` });
}
