import { z } from 'zod';

/**
 * The document model behind the local Docs stand-in.
 *
 * Google Docs keeps paragraph properties on the newline that ends each paragraph and text
 * properties on every character, and counts positions in UTF-16 code units. The model mirrors
 * that literally — one string, one text style per code unit, one paragraph entry per "\n" — so
 * batchUpdate's index arithmetic is the same arithmetic Google does, and JS string offsets are
 * already UTF-16 offsets.
 */

export const NAMED_STYLE_TYPES = [
  'NORMAL_TEXT',
  'TITLE',
  'SUBTITLE',
  'HEADING_1',
  'HEADING_2',
  'HEADING_3',
  'HEADING_4',
  'HEADING_5',
  'HEADING_6',
] as const;
export const NamedStyleTypeSchema = z.enum(NAMED_STYLE_TYPES);
export type NamedStyleType = z.infer<typeof NamedStyleTypeSchema>;

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A TextStyle or ParagraphStyle as the Docs API spells it: only the fields that are set. */
export type StyleProps = { readonly [field: string]: Json };

export interface Bullet {
  listId: string;
  nestingLevel: number;
}

export interface ParagraphProps {
  /** Always carries namedStyleType. */
  style: StyleProps;
  bullet?: Bullet;
}

export interface ListDef {
  /** The BulletGlyphPreset the list was created with; it decides every level's glyph. */
  preset: string;
}

export interface DocBody {
  text: string;
  /** One entry per UTF-16 code unit of `text`. */
  charStyles: StyleProps[];
  /** One entry per "\n" in `text`, in order. The last paragraph's "\n" can never be deleted. */
  paragraphs: ParagraphProps[];
}

export interface DocModel {
  body: DocBody;
  lists: Record<string, ListDef>;
  revision: number;
  /** Feeds new list ids, so they stay unique within the document. */
  listSeq: number;
}

/** Index of the first body position: index 0 is the body's opening section break. */
export const BODY_START = 1;

export const NORMAL: StyleProps = { namedStyleType: 'NORMAL_TEXT' };

/** A document holding one empty paragraph, as Docs creates it. */
export function emptyDoc(): DocModel {
  return { body: { text: '\n', charStyles: [{}], paragraphs: [{ style: NORMAL }] }, lists: {}, revision: 1, listSeq: 0 };
}

/** Half-open [start, end) model positions of every paragraph, "\n" included. */
export function paragraphSpans(body: DocBody): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let start = 0;
  for (let i = 0; i < body.text.length; i++) {
    if (body.text[i] === '\n') {
      spans.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  return spans;
}

/** Which paragraph holds model position `pos`: the number of "\n" before it. */
export function paragraphIndexAt(body: DocBody, pos: number): number {
  let n = 0;
  for (let i = 0; i < pos; i++) if (body.text[i] === '\n') n++;
  return n;
}

/** Key that is equal for equal styles whatever their key order, for grouping runs. */
export function styleKey(style: StyleProps): string {
  return JSON.stringify(Object.keys(style).sort().map((k) => [k, style[k]]));
}

/** Consecutive characters with the same style, within [start, end). */
export function runsOf(body: DocBody, start: number, end: number): Array<{ start: number; end: number; style: StyleProps }> {
  const runs: Array<{ start: number; end: number; style: StyleProps }> = [];
  for (let i = start; i < end; i++) {
    const style = body.charStyles[i] ?? {};
    const last = runs[runs.length - 1];
    if (last && styleKey(last.style) === styleKey(style)) last.end = i + 1;
    else runs.push({ start: i, end: i + 1, style });
  }
  return runs;
}

/** A deep copy, so a batchUpdate can work on it and be thrown away if any request fails. */
export function cloneDoc(doc: DocModel): DocModel {
  return structuredClone(doc);
}

// Persisted form: text runs instead of one style per character, to keep the state file small.
const StoredDocSchema = z.object({
  text: z.string(),
  runs: z.array(z.tuple([z.number().int().min(1), z.record(z.string(), z.json())])),
  paragraphs: z.array(
    z.object({
      style: z.record(z.string(), z.json()),
      bullet: z.object({ listId: z.string(), nestingLevel: z.number().int().min(0).max(8) }).optional(),
    }),
  ),
  lists: z.record(z.string(), z.object({ preset: z.string() })),
  revision: z.number().int().min(1),
  listSeq: z.number().int().min(0),
});
export type StoredDoc = z.infer<typeof StoredDocSchema>;

/** The JSON-safe form of a document, for the state file. */
export function toStoredDoc(doc: DocModel): StoredDoc {
  const runs = runsOf(doc.body, 0, doc.body.text.length).map((r) => [r.end - r.start, { ...r.style }] as [number, Record<string, Json>]);
  return { text: doc.body.text, runs, paragraphs: doc.body.paragraphs, lists: doc.lists, revision: doc.revision, listSeq: doc.listSeq };
}

/** Parses a stored document, checking that styles and paragraphs line up with the text. */
export function fromStoredDoc(value: unknown): DocModel {
  const s = StoredDocSchema.parse(value);
  const charStyles: StyleProps[] = s.runs.flatMap(([len, style]) => Array<StyleProps>(len).fill(style));
  const newlines = [...s.text].filter((c) => c === '\n').length;
  if (charStyles.length !== s.text.length || newlines !== s.paragraphs.length || !s.text.endsWith('\n')) {
    throw new Error('stored document is inconsistent: styles or paragraphs do not match its text');
  }
  return { body: { text: s.text, charStyles, paragraphs: s.paragraphs }, lists: s.lists, revision: s.revision, listSeq: s.listSeq };
}
