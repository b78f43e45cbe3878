import { listJson, listMarkers } from './doc-lists';
import { BODY_START, type DocModel, type Json, paragraphSpans, runsOf } from './doc-model';

/** A Docs API v1 Document, as JSON. */
export type DocumentJson = { [key: string]: Json };

const SECTION_BREAK: Json = {
  endIndex: 1,
  sectionBreak: { sectionStyle: { columnSeparatorStyle: 'NONE', contentDirection: 'LEFT_TO_RIGHT', sectionType: 'CONTINUOUS' } },
};

const DOCUMENT_STYLE: Json = {
  background: { color: {} },
  pageNumberStart: 1,
  marginTop: { magnitude: 72, unit: 'PT' },
  marginBottom: { magnitude: 72, unit: 'PT' },
  marginRight: { magnitude: 72, unit: 'PT' },
  marginLeft: { magnitude: 72, unit: 'PT' },
  pageSize: { height: { magnitude: 792, unit: 'PT' }, width: { magnitude: 612, unit: 'PT' } },
};

/** The structural elements of the body: the opening section break, then one per paragraph. */
export function bodyContent(doc: DocModel): Json[] {
  const content: Json[] = [SECTION_BREAK];
  paragraphSpans(doc.body).forEach((span, i) => {
    const props = doc.body.paragraphs[i]!;
    const elements = runsOf(doc.body, span.start, span.end).map((r) => ({
      startIndex: r.start + BODY_START,
      endIndex: r.end + BODY_START,
      textRun: { content: doc.body.text.slice(r.start, r.end), textStyle: { ...r.style } },
    }));
    const paragraph: { [key: string]: Json } = {
      elements,
      paragraphStyle: { direction: 'LEFT_TO_RIGHT', ...props.style },
    };
    if (props.bullet) {
      // proto3 JSON leaves out zero values, so level 0 has no nestingLevel field.
      paragraph.bullet = props.bullet.nestingLevel > 0 ? { listId: props.bullet.listId, nestingLevel: props.bullet.nestingLevel, textStyle: {} } : { listId: props.bullet.listId, textStyle: {} };
    }
    content.push({ startIndex: span.start + BODY_START, endIndex: span.end + BODY_START, paragraph });
  });
  return content;
}

/**
 * The Document that `documents.get` returns. Without includeTabsContent the first tab's content
 * sits at the top level (the legacy shape most callers read); with it, under `tabs`.
 */
export function documentJson(id: string, title: string, doc: DocModel, opts: { includeTabsContent?: boolean } = {}): DocumentJson {
  const lists: { [key: string]: Json } = {};
  for (const [listId, def] of Object.entries(doc.lists)) lists[listId] = listJson(def.preset);
  const tabContent = { body: { content: bodyContent(doc) }, documentStyle: DOCUMENT_STYLE, lists, namedStyles: { styles: [] } };
  const head = { documentId: id, title, revisionId: revisionId(id, doc.revision), suggestionsViewMode: 'SUGGESTIONS_INLINE' };
  if (opts.includeTabsContent) {
    return { ...head, tabs: [{ tabProperties: { tabId: 't.0', title: 'Tab 1', index: 0 }, documentTab: tabContent }] };
  }
  return { ...head, ...tabContent };
}

/** An opaque revision id that changes with every applied batchUpdate. */
export function revisionId(id: string, revision: number): string {
  return Buffer.from(`${id}:${revision}`).toString('base64url');
}

/**
 * What Drive's files.export gives for text/plain: a UTF-8 byte order mark, paragraphs joined
 * with CRLF, list items prefixed with "* " or their number, and no newline after the last one.
 * Callers that count words or quote evidence must cope with the BOM, as they must with Google's.
 */
export function exportPlainText(doc: DocModel): string {
  const markers = listMarkers(doc);
  const lines = paragraphSpans(doc.body).map((span, i) => {
    const line = doc.body.text.slice(span.start, span.end - 1);
    const m = markers.get(i);
    if (!m) return line;
    return `${'    '.repeat(m.level)}${m.numbered ? m.marker : '*'} ${line}`;
  });
  return `\uFEFF${lines.join('\r\n')}`;
}
