import { type BatchUpdateBody, type ImplementedKind, IMPLEMENTED_KINDS, PARAGRAPH_STYLE_FIELDS, type RangeInput, type RequestOf, TEXT_STYLE_FIELDS } from './batch-requests';
import { BODY_START, cloneDoc, type DocBody, type DocModel, type Json, paragraphIndexAt, paragraphSpans, type StyleProps, styleKey } from './doc-model';

/** Why a batchUpdate was refused; `status` is the google.rpc status name the API answers with. */
export class DocsRequestError extends Error {
  constructor(
    message: string,
    readonly status: 'INVALID_ARGUMENT' | 'FAILED_PRECONDITION' | 'UNIMPLEMENTED' = 'INVALID_ARGUMENT',
  ) {
    super(message);
    this.name = 'DocsRequestError';
  }
}

/**
 * Applies a batchUpdate the way Docs does: requests in order, each seeing the indexes the previous
 * ones produced, all or nothing (the work happens on a copy), one new revision per batch.
 */
export function applyBatchUpdate(doc: DocModel, body: BatchUpdateBody, currentRevisionId: string): { doc: DocModel; replies: Json[] } {
  const wc = body.writeControl;
  if (wc?.requiredRevisionId && wc.targetRevisionId) throw new DocsRequestError('Invalid writeControl: only one of requiredRevisionId and targetRevisionId may be set.');
  if (wc?.requiredRevisionId && wc.requiredRevisionId !== currentRevisionId) {
    throw new DocsRequestError(`The required revision ID "${wc.requiredRevisionId}" does not match the latest revision of the document.`, 'FAILED_PRECONDITION');
  }
  const requests = body.requests ?? [];
  if (requests.length === 0) throw new DocsRequestError('Invalid requests: must specify at least one request.');

  const next = cloneDoc(doc);
  const replies = requests.map((request, i) => {
    const kinds = Object.keys(request).filter((k) => (request as Record<string, unknown>)[k] !== undefined);
    if (kinds.length !== 1) {
      throw new DocsRequestError(kinds.length === 0 ? `Invalid requests[${i}]: the request is empty; set exactly one kind of request.` : `Invalid value at 'requests[${i}]' (oneof), oneof field 'request' is already set. Cannot overwrite with '${kinds[1]}'`);
    }
    const kind = kinds[0]!;
    if (!IMPLEMENTED_KINDS.includes(kind as ImplementedKind)) {
      throw new DocsRequestError(`requests[${i}].${kind} is a Docs API request that the local Docs stand-in does not implement.`, 'UNIMPLEMENTED');
    }
    const handler = HANDLERS[kind as ImplementedKind] as (d: DocModel, r: unknown, where: string) => Json;
    return handler(next, (request as Record<string, unknown>)[kind], `requests[${i}].${kind}`);
  });
  next.revision += 1;
  return { doc: next, replies };
}

const HANDLERS: { [K in ImplementedKind]: (doc: DocModel, req: RequestOf<K>, where: string) => Json } = {
  insertText(doc, req, where) {
    const { body } = doc;
    if (!req.location === !req.endOfSegmentLocation) throw invalid(where, 'exactly one of location and endOfSegmentLocation must be set.');
    checkSegment(where, req.location ?? req.endOfSegmentLocation!);
    const segmentEnd = body.text.length + BODY_START;
    let pos = body.text.length - 1; // endOfSegmentLocation: just before the segment's final newline
    if (req.location) {
      const index = req.location.index ?? 0;
      if (index < BODY_START) throw invalid(where, 'The insertion index must be inside the bounds of an existing paragraph. You can still create new paragraphs by inserting newlines.');
      if (index >= segmentEnd) throw invalid(where, `Index ${index} must be less than the end index of the referenced segment, ${segmentEnd}.`);
      pos = index - BODY_START;
    }
    if (splitsSurrogatePair(body.text, pos)) throw invalid(where, 'The insertion index cannot be inside a surrogate pair.');
    insertAt(body, pos, sanitize(req.text ?? ''));
    return {};
  },

  deleteContentRange(doc, req, where) {
    const [start, end] = resolveRange(doc.body, req.range, where);
    if (end === doc.body.text.length) throw invalid(where, 'The range cannot include the newline character at the end of the segment.');
    deleteSpan(doc.body, start, end);
    return {};
  },

  updateTextStyle(doc, req, where) {
    const [start, end] = resolveRange(doc.body, req.range, where);
    const fields = parseFields(req.fields, TEXT_STYLE_FIELDS, where);
    const given = (req.textStyle ?? {}) as StyleProps;
    const memo = new Map<string, StyleProps>();
    for (let i = start; i < end; i++) {
      const current = doc.body.charStyles[i]!;
      const key = styleKey(current);
      if (!memo.has(key)) memo.set(key, applyMask(current, given, fields));
      doc.body.charStyles[i] = memo.get(key)!;
    }
    return {};
  },

  updateParagraphStyle(doc, req, where) {
    const [start, end] = resolveRange(doc.body, req.range, where);
    const fields = parseFields(req.fields, PARAGRAPH_STYLE_FIELDS, where);
    const given = (req.paragraphStyle ?? {}) as StyleProps;
    for (const p of overlapping(doc.body, start, end)) {
      const para = doc.body.paragraphs[p]!;
      const style = applyMask(para.style, given, fields);
      para.style = style.namedStyleType ? style : { ...style, namedStyleType: 'NORMAL_TEXT' };
    }
    return {};
  },

  createParagraphBullets(doc, req, where) {
    const [start, end] = resolveRange(doc.body, req.range, where);
    const preset = req.bulletPreset;
    if (!preset || preset === 'BULLET_GLYPH_PRESET_UNSPECIFIED') throw invalid(where, 'a bulletPreset must be specified.');
    const targets = overlapping(doc.body, start, end);
    // Docs adds the paragraphs to the list just before them when its preset matches.
    const before = doc.body.paragraphs[targets[0]! - 1]?.bullet;
    let listId = before && doc.lists[before.listId]?.preset === preset ? before.listId : undefined;
    if (!listId) {
      listId = `kix.list${++doc.listSeq}`;
      doc.lists[listId] = { preset };
    }
    const spans = paragraphSpans(doc.body);
    // Back to front, so removing one paragraph's leading tabs leaves earlier spans valid.
    for (const p of [...targets].reverse()) {
      const span = spans[p]!;
      let tabs = 0;
      while (doc.body.text[span.start + tabs] === '\t') tabs++;
      if (tabs > 0) deleteSpan(doc.body, span.start, span.start + tabs);
      doc.body.paragraphs[p]!.bullet = { listId, nestingLevel: Math.min(tabs, 8) };
    }
    return {};
  },

  deleteParagraphBullets(doc, req, where) {
    const [start, end] = resolveRange(doc.body, req.range, where);
    for (const p of overlapping(doc.body, start, end)) delete doc.body.paragraphs[p]!.bullet;
    return {};
  },
};

function invalid(where: string, message: string): DocsRequestError {
  return new DocsRequestError(`Invalid ${where}: ${message}`);
}

function checkSegment(where: string, at: { segmentId?: string; tabId?: string }): void {
  // The stand-in's documents have one tab and no headers, footers or footnotes.
  if (at.segmentId) throw invalid(where, `Segment with ID ${at.segmentId} was not found.`);
  if (at.tabId !== undefined && at.tabId !== 't.0') throw invalid(where, `Tab with ID ${at.tabId} was not found.`);
}

/** A Range checked against the body, as model positions [start, end). */
function resolveRange(body: DocBody, range: RangeInput | undefined, where: string): [number, number] {
  if (!range) throw invalid(where, 'range must be specified.');
  checkSegment(where, range);
  const start = range.startIndex ?? 0;
  const end = range.endIndex ?? 0;
  const segmentEnd = body.text.length + BODY_START;
  if (start < BODY_START) throw invalid(where, `Index ${start} must be at least ${BODY_START}: index 0 is the section break that opens the body.`);
  if (end > segmentEnd) throw invalid(where, `Index ${end - 1} must be less than the end index of the referenced segment, ${segmentEnd}.`);
  if (start >= end) throw invalid(where, start === end ? 'The range should not be empty.' : 'The start index of the range must be less than the end index.');
  const s = start - BODY_START;
  const e = end - BODY_START;
  if (splitsSurrogatePair(body.text, s) || splitsSurrogatePair(body.text, e)) throw invalid(where, 'The range cannot split a surrogate pair.');
  return [s, e];
}

/** Indexes of the paragraphs that overlap [start, end). */
function overlapping(body: DocBody, start: number, end: number): number[] {
  return paragraphSpans(body).flatMap((span, i) => (span.start < end && span.end > start ? [i] : []));
}

function splitsSurrogatePair(text: string, pos: number): boolean {
  const code = text.charCodeAt(pos);
  return pos > 0 && code >= 0xdc00 && code <= 0xdfff && /[\ud800-\udbff]/.test(text[pos - 1] ?? '');
}

// Docs drops control characters (tab, newline and vertical tab survive) and private-use characters.
function sanitize(text: string): string {
  return text.replace(/[\u0000-\u0008\u000c-\u001f\ue000-\uf8ff]/g, '');
}

function insertAt(body: DocBody, pos: number, text: string): void {
  if (!text) return;
  // New text takes the style of the character before it in the same paragraph, else the one after.
  const style = pos > 0 && body.text[pos - 1] !== '\n' ? body.charStyles[pos - 1]! : body.charStyles[pos]!;
  // Each new paragraph copies the style, list and bullet of the paragraph it was split from.
  const p = paragraphIndexAt(body, pos);
  const source = body.paragraphs[p]!;
  const newParagraphs = [...text].filter((c) => c === '\n').map(() => structuredClone(source));
  body.text = body.text.slice(0, pos) + text + body.text.slice(pos);
  body.charStyles.splice(pos, 0, ...Array<StyleProps>(text.length).fill(style));
  body.paragraphs.splice(p, 0, ...newParagraphs);
}

function deleteSpan(body: DocBody, start: number, end: number): void {
  const removedNewlines = [...body.text.slice(start, end)].filter((c) => c === '\n').length;
  if (removedNewlines > 0) {
    const p = paragraphIndexAt(body, start);
    // Deleting whole paragraphs leaves the next one as it was; merging from mid-paragraph keeps
    // the first paragraph's style, as it does when you press Delete at the end of a line.
    const atParagraphStart = start === 0 || body.text[start - 1] === '\n';
    const kept = atParagraphStart ? body.paragraphs[p + removedNewlines]! : body.paragraphs[p]!;
    body.paragraphs.splice(p, removedNewlines + 1, kept);
  }
  body.text = body.text.slice(0, start) + body.text.slice(end);
  body.charStyles.splice(start, end - start);
}

function parseFields(fields: string | undefined, allowed: readonly string[], where: string): string[] {
  const names = (fields ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  if (names.length === 0) throw invalid(where, "At least one field must be listed in 'fields'. (Use '*' to indicate all fields.)");
  if (names.includes('*')) return [...allowed];
  const tops = names.map((n) => n.split('.')[0]!);
  const bad = tops.find((t) => !allowed.includes(t));
  if (bad) throw invalid(where, `Invalid field: ${bad}`);
  return [...new Set(tops)];
}

/** Fields named in the mask take the given value, or are cleared when the given style omits them. */
function applyMask(current: StyleProps, given: StyleProps, fields: readonly string[]): StyleProps {
  const next: { [field: string]: Json } = { ...current };
  for (const f of fields) {
    if (given[f] !== undefined) next[f] = given[f];
    else delete next[f];
  }
  return next;
}
