import { createHash } from 'node:crypto';

/**
 * The one stylesheet, inlined so the pages load no external assets. System fonts, one column that
 * fits a phone and the add-on's overlay window, and a dark scheme for devices that ask for it.
 */
export const PAGE_CSS = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d1d9e0;--accent:#1a56c4;--note:#f3f6fb}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--line:#3d444d;--accent:#6ea8fe;--note:#161b22}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
header,main,footer{max-width:44rem;margin:0 auto;padding:0 1rem}
header{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:baseline;padding-top:1rem;padding-bottom:.75rem;border-bottom:1px solid var(--line)}
.brand{font-weight:700;font-size:1.15rem;color:var(--fg);text-decoration:none}
nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav a[aria-current=page]{font-weight:600;text-decoration:underline}
a{color:var(--accent)}
main{padding-top:1rem;padding-bottom:2rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.2rem;margin:2rem 0 .5rem}
h3{font-size:1.05rem;margin:1.25rem 0 .25rem}
.meta{color:var(--muted);font-size:.9rem;margin-top:0}
.summary{background:var(--note);border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem}
.summary ul{margin:.25rem 0;padding-left:1.25rem}
dl{margin:0}
dt{font-weight:600;margin-top:1rem}
dd{margin:.25rem 0 0 0}
code{font-size:.9em;overflow-wrap:anywhere}
footer{border-top:1px solid var(--line);padding-top:1rem;padding-bottom:2rem;color:var(--muted);font-size:.9rem}
address{font-style:normal;white-space:pre-line}
`;

/** The CSP source that allows exactly this stylesheet inline, and nothing else. */
export const PAGE_CSS_HASH = `'sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}'`;
