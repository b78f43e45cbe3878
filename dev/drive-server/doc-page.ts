import { revisionId } from './doc-json';
import { listMarkers } from './doc-lists';
import { BODY_START, type DocModel, paragraphSpans, runsOf, type StyleProps } from './doc-model';
import type { DriveFile } from './drive-store';
import { DOC_ICON, escapeHtml, page, shortDate } from './html';

const CSS = `
body { background: #f8f9fa; }
.docs-bar { display: flex; align-items: center; gap: 12px; padding: 8px 16px; background: #fff; border-bottom: 1px solid #dadce0; position: sticky; top: 0; }
.docs-bar .doc-icon { width: 28px; height: 36px; }
.docs-bar .title { font-size: 18px; }
.docs-bar .menu { font-size: 14px; color: #444746; word-spacing: 8px; }
.docs-bar .meta { margin-left: auto; font-size: 13px; color: #5f6368; }
.sheet { background: #fff; max-width: 816px; margin: 24px auto; padding: 72px 96px; box-shadow: 0 1px 3px rgba(60,64,67,.3); min-height: 600px;
  font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.15; }
.sheet p, .sheet h1, .sheet h2, .sheet h3, .sheet h4, .sheet h5, .sheet h6, .sheet li { white-space: pre-wrap; }
.sheet p { margin: 0; }
.sheet .title { font-size: 26pt; margin: 0 0 3pt; }
.sheet .subtitle { font-size: 15pt; color: #666; margin: 0 0 16pt; }
.sheet h1 { font-size: 20pt; font-weight: 400; margin: 20pt 0 6pt; }
.sheet h2 { font-size: 16pt; font-weight: 400; margin: 18pt 0 6pt; }
.sheet h3 { font-size: 14pt; font-weight: 400; color: #434343; margin: 16pt 0 4pt; }
.sheet h4, .sheet h5, .sheet h6 { font-size: 12pt; font-weight: 400; color: #666; margin: 14pt 0 4pt; }
.sheet ul.list { list-style: none; margin: 0; padding: 0; }
.sheet ul.list li { display: flex; gap: 10px; }
.sheet ul.list .marker { min-width: 18px; text-align: right; }
.empty-note { color: #80868b; font-style: italic; }
`;

const BLOCK: Record<string, string> = {
  TITLE: 'p class="title"',
  SUBTITLE: 'p class="subtitle"',
  HEADING_1: 'h1',
  HEADING_2: 'h2',
  HEADING_3: 'h3',
  HEADING_4: 'h4',
  HEADING_5: 'h5',
  HEADING_6: 'h6',
};

const ALIGN: Record<string, string> = { CENTER: 'center', END: 'right', JUSTIFIED: 'justify' };

function runHtml(text: string, style: StyleProps): string {
  let html = escapeHtml(text).replace(/\v/g, '<br>');
  if (style.bold === true) html = `<strong>${html}</strong>`;
  if (style.italic === true) html = `<em>${html}</em>`;
  if (style.underline === true) html = `<u>${html}</u>`;
  if (style.strikethrough === true) html = `<s>${html}</s>`;
  const link = style.link;
  const url = link && typeof link === 'object' && !Array.isArray(link) ? link.url : undefined;
  if (typeof url === 'string' && /^https?:\/\//.test(url)) html = `<a href="${escapeHtml(url)}">${html}</a>`;
  return html;
}

/** The paragraphs as HTML: headings, paragraphs, bulleted and numbered items, inline styles. */
export function documentHtml(doc: DocModel): string {
  const markers = listMarkers(doc);
  const out: string[] = [];
  let inList = false;
  paragraphSpans(doc.body).forEach((span, i) => {
    const props = doc.body.paragraphs[i]!;
    const inner = runsOf(doc.body, span.start, span.end - 1).map((r) => runHtml(doc.body.text.slice(r.start, r.end), r.style)).join('') || '<br>';
    const where = `data-start="${span.start + BODY_START}" data-end="${span.end + BODY_START}"`;
    const align = ALIGN[String(props.style.alignment)];
    const alignStyle = align ? ` style="text-align:${align}"` : '';
    const marker = markers.get(i);
    if (marker) {
      if (!inList) out.push('<ul class="list">');
      inList = true;
      const indent = marker.level > 0 ? ` style="margin-left:${marker.level * 36}px"` : '';
      out.push(`<li ${where}${indent}><span class="marker" aria-hidden="true">${escapeHtml(marker.marker)}</span><span>${inner}</span></li>`);
      return;
    }
    if (inList) out.push('</ul>');
    inList = false;
    const open = BLOCK[String(props.style.namedStyleType)] ?? 'p';
    const tag = open.split(' ')[0]!;
    out.push(`<${open} ${where}${alignStyle}>${inner}</${tag}>`);
  });
  if (inList) out.push('</ul>');
  return out.join('\n');
}

/** The page at /document/d/{id}/edit: a Docs-like view of the document as it is now. */
export function documentPage(file: DriveFile, doc: DocModel): string {
  const empty = doc.body.text === '\n' ? '<p class="empty-note">This document is empty.</p>' : '';
  const body = `<header class="docs-bar">${DOC_ICON}<div><div class="title">${escapeHtml(file.name)}</div>
<div class="menu">File Edit View Insert Format Tools Extensions Help</div></div>
<div class="meta">${escapeHtml(file.owner.name)} · last edit ${escapeHtml(shortDate(file.modifiedTime))}</div></header>
<main class="sheet" data-document-id="${escapeHtml(file.id)}" data-revision-id="${escapeHtml(revisionId(file.id, doc.revision))}">
${empty}${documentHtml(doc)}
</main>`;
  return page(`${file.name} - Google Docs`, CSS, body);
}
