import type { AdminLinks } from '../links';
import { html, type SafeHtml } from './html';

export const NAV = [
  { path: '/', label: 'Overview' },
  { path: '/unit-costs', label: 'Unit costs' },
  { path: '/margins', label: 'Margins' },
  { path: '/usage', label: 'Product usage' },
  { path: '/quality', label: 'Feedback quality' },
  { path: '/teachers', label: 'Teachers' },
] as const;

export interface LayoutView {
  /** Every href and form action goes through it (the dashboard may live under a path prefix). */
  links: AdminLinks;
  title: string;
  /** The nav entry this page belongs to. */
  section?: (typeof NAV)[number]['path'];
  /** Signed-in admin, with the token the sign-out form must carry. */
  admin?: { email: string; signOutToken: string };
  body: SafeHtml;
}

/** The HTML document around every dashboard page: no scripts, one same-origin stylesheet. */
export function layout(v: LayoutView): string {
  const { href } = v.links;
  const nav = v.admin
    ? html`<nav aria-label="Dashboard">${NAV.map((n) => html`<a href="${href(n.path)}"${n.path === v.section ? html` aria-current="page"` : ''}>${n.label}</a>`)}</nav><div class="who"><span>${v.admin.email}</span><form method="post" action="${href('/signout')}"><input type="hidden" name="token" value="${v.admin.signOutToken}"><button class="linkish" type="submit">Sign out</button></form></div>`
    : '';
  return `<!doctype html>${html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${v.title} · GradeBot admin</title><link rel="stylesheet" href="${href('/assets/admin.css')}"></head><body><header><a class="brand" href="${href('/')}">GradeBot admin</a>${nav}</header><main>${v.body}</main></body></html>`}`;
}
