/** Small helpers the stand-in's HTML pages share. No external assets: everything is inline. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON safe to place inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** "Mar 14, 2025", the way Drive lists modified dates. */
export function shortDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
}

/** The blue Google Docs file icon, inline. */
export const DOC_ICON = `<svg class="doc-icon" width="16" height="20" viewBox="0 0 16 20" aria-hidden="true"><path fill="#4285f4" d="M10 0H2C.9 0 0 .9 0 2v16c0 1.1.9 2 2 2h12c1.1 0 2-.9 2-2V6z"/><path fill="#a1c2fa" d="M10 0v6h6z"/><path fill="#f1f1f1" d="M4 9h8v1.3H4zm0 2.7h8V13H4zm0 2.6h5.3v1.3H4z"/></svg>`;

/** A complete HTML page. */
export function page(title: string, css: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { margin: 0; font-family: Roboto, Arial, Helvetica, sans-serif; color: #202124; }
${css}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
