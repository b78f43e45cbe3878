import { join } from 'node:path';
import { build } from 'esbuild';
import { PAGE_CSS } from './page-css';

/** The sidebar page's script: page/main.ts bundled for the browser (no external assets). */
export async function buildPageScript(): Promise<string> {
  const out = await build({
    entryPoints: [join(__dirname, 'page/main.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="6" fill="#1a73e8"/><path fill="#fff" d="M7 7h10v2H7zm0 4h10v2H7zm0 4h6v2H7z"/></svg>';

/** The page shell: styles inline, the script from /preview.js. */
export function pageHtml(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GradeBot — sidebar preview</title>
<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(FAVICON)}">
<style>${PAGE_CSS}</style>
</head>
<body>
<div id="app" aria-busy="true"><p class="boot">Starting the GradeBot preview…</p></div>
<script src="/preview.js"></script>
</body>
</html>`;
}
