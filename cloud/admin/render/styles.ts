/**
 * The dashboard's one stylesheet, served from our own origin (`/assets/admin.css`) so the CSP can
 * say `style-src 'self'` and forbid inline styles. Also styles the SVG charts (grid, ticks, target).
 */
export const ADMIN_CSS = `
:root{color-scheme:light;--fg:#1f2328;--muted:#57606a;--bg:#fff;--line:#d0d7de;--accent:#0b57d0;--note:#f6f8fa;--ok:#1a7f37;--bad:#cf222e}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;padding:.75rem 1.5rem;border-bottom:1px solid var(--line);background:var(--note)}
.brand{font-weight:700;font-size:1.1rem;color:var(--fg);text-decoration:none}
nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav a[aria-current=page]{font-weight:700;text-decoration:underline}
.who{margin-left:auto;color:var(--muted);font-size:.9rem;display:flex;gap:.75rem;align-items:center}
.who form{margin:0}
main{max-width:96rem;margin:0 auto;padding:1rem 1.5rem 3rem}
a{color:var(--accent)}
h1{font-size:1.5rem;margin:.5rem 0 .25rem}
h2{font-size:1.2rem;margin:2.25rem 0 .5rem;padding-top:.5rem;border-top:1px solid var(--line)}
.meta,.note{color:var(--muted);font-size:.9rem;margin:.25rem 0 .75rem}
.periods{display:flex;gap:.75rem;margin:.5rem 0}
.periods a[aria-current=page]{font-weight:700}
.table-wrap{overflow-x:auto;margin:.5rem 0 1rem}
table{border-collapse:collapse;min-width:24rem;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.25rem 0}
caption .csv{font-weight:400;font-size:.85rem;margin-left:.75rem;white-space:nowrap}
th,td{border-bottom:1px solid var(--line);padding:.3rem .6rem;text-align:left;vertical-align:top}
td.num,tbody th.num,tfoot th.num,.nowrap{white-space:nowrap}
td a{overflow-wrap:anywhere}
thead th{border-bottom:2px solid var(--fg);font-size:.85rem;line-height:1.25;vertical-align:bottom;white-space:normal;overflow-wrap:normal;hyphens:manual}
thead th>span{display:inline-block;max-width:8rem;overflow-wrap:break-word}
tfoot th,tfoot td{border-top:2px solid var(--fg);font-weight:700}
.num{text-align:right}
td.empty{color:var(--muted);font-style:italic}
details{margin:.25rem 0 1rem}
summary{cursor:pointer;color:var(--accent)}
.chart{margin:.5rem 0;max-width:52rem}
.chart figcaption{position:absolute;left:-9999px}
.grid{stroke:#e4e8ec;stroke-width:1}
.axis{stroke:#57606a;stroke-width:1}
.tick{font-size:11px;fill:#57606a}
.tick.ok{fill:var(--ok);font-weight:600}
.tick.bad{fill:var(--bad);font-weight:600}
.legend{font-size:12px;fill:#1f2328}
.axis-label{font-size:12px;fill:#1f2328}
.target{stroke:#cf222e;stroke-width:1.5;stroke-dasharray:5 4}
.target-label{font-size:11px;fill:#cf222e}
.p50{fill:#0072B2}
.p95{fill:#56B4E9}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.75rem;margin:.75rem 0}
.card{border:1px solid var(--line);border-radius:8px;padding:.6rem .8rem;background:var(--note)}
.card .k{color:var(--muted);font-size:.85rem}
.card .v{font-size:1.35rem;font-weight:700;font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:1rem;padding:0 .5rem;font-size:.8rem;font-weight:600}
.badge.ok{background:#dafbe1;color:var(--ok)}
.badge.bad{background:#ffebe9;color:var(--bad)}
.signin{max-width:30rem;margin:4rem auto;padding:1.5rem;border:1px solid var(--line);border-radius:8px}
.button{display:inline-block;background:var(--accent);color:#fff;border:0;border-radius:6px;padding:.5rem 1rem;font:inherit;text-decoration:none;cursor:pointer}
.linkish{background:none;border:0;color:var(--accent);font:inherit;cursor:pointer;padding:0;text-decoration:underline}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.kv dt{color:var(--muted)}
dl.kv dd{margin:0;font-variant-numeric:tabular-nums}
`;
