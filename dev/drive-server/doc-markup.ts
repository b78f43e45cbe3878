import { type DocModel, type ParagraphProps, type StyleProps, emptyDoc, NORMAL } from './doc-model';

/**
 * Turns a sample essay file into a document. The format is deliberately tiny, because students'
 * Docs are mostly plain paragraphs:
 *
 * - every line is one paragraph (a blank line is an empty paragraph, as students type them);
 * - `# ` … `###### ` make HEADING_1 … HEADING_6;
 * - `- ` makes a bulleted item, `1. ` a numbered one (consecutive items share a list);
 * - `**bold**` and `*italic*` inside a line.
 *
 * An empty file is an empty Doc: one empty paragraph.
 */
export function docFromMarkup(source: string): DocModel {
  const doc = emptyDoc();
  const lines = source.replace(/\r\n?/g, '\n').replace(/\n$/, '');
  if (lines === '') return doc;

  let text = '';
  const charStyles: StyleProps[] = [];
  const paragraphs: ParagraphProps[] = [];
  let openList: { kind: 'bullet' | 'number'; id: string } | undefined;

  for (const line of lines.split('\n')) {
    const { props, content, listKind } = lineKind(line);
    if (listKind) {
      if (openList?.kind !== listKind) {
        openList = { kind: listKind, id: `kix.sample${++doc.listSeq}` };
        doc.lists[openList.id] = { preset: listKind === 'bullet' ? 'BULLET_DISC_CIRCLE_SQUARE' : 'NUMBERED_DECIMAL_ALPHA_ROMAN' };
      }
      props.bullet = { listId: openList.id, nestingLevel: 0 };
    } else {
      openList = undefined;
    }
    for (const span of inlineSpans(content)) {
      text += span.text;
      for (let i = 0; i < span.text.length; i++) charStyles.push(span.style);
    }
    text += '\n';
    charStyles.push({});
    paragraphs.push(props);
  }
  doc.body = { text, charStyles, paragraphs };
  return doc;
}

function lineKind(line: string): { props: ParagraphProps; content: string; listKind?: 'bullet' | 'number' } {
  const heading = /^(#{1,6}) (.*)$/.exec(line);
  if (heading) return { props: { style: { namedStyleType: `HEADING_${heading[1]!.length}` } }, content: heading[2]! };
  const bullet = /^- (.*)$/.exec(line);
  if (bullet) return { props: { style: NORMAL }, content: bullet[1]!, listKind: 'bullet' };
  const numbered = /^\d+\. (.*)$/.exec(line);
  if (numbered) return { props: { style: NORMAL }, content: numbered[1]!, listKind: 'number' };
  return { props: { style: NORMAL }, content: line };
}

function inlineSpans(content: string): Array<{ text: string; style: StyleProps }> {
  const spans: Array<{ text: string; style: StyleProps }> = [];
  const pattern = /\*\*(.+?)\*\*|\*(.+?)\*/g;
  let last = 0;
  for (const m of content.matchAll(pattern)) {
    if (m.index > last) spans.push({ text: content.slice(last, m.index), style: {} });
    if (m[1] !== undefined) spans.push({ text: m[1], style: { bold: true } });
    else spans.push({ text: m[2]!, style: { italic: true } });
    last = m.index + m[0].length;
  }
  if (last < content.length) spans.push({ text: content.slice(last), style: {} });
  return spans;
}
