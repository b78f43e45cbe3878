import { z } from 'zod';
import { BULLET_PRESETS } from './doc-lists';
import { NamedStyleTypeSchema } from './doc-model';

/**
 * The documents.batchUpdate body, checked the way Google's JSON front end checks it: unknown
 * field names and wrongly typed values are rejected before any request runs. Request kinds the
 * real API has but this stand-in does not apply are known here (so they are not "unknown") and
 * refused later with NOT_IMPLEMENTED.
 */

const Location = z.strictObject({ index: z.number().int().optional(), segmentId: z.string().optional(), tabId: z.string().optional() });
const EndOfSegmentLocation = z.strictObject({ segmentId: z.string().optional(), tabId: z.string().optional() });
const Range = z.strictObject({
  startIndex: z.number().int().optional(),
  endIndex: z.number().int().optional(),
  segmentId: z.string().optional(),
  tabId: z.string().optional(),
});
export type RangeInput = z.infer<typeof Range>;

const Dimension = z.strictObject({ magnitude: z.number().optional(), unit: z.enum(['UNIT_UNSPECIFIED', 'PT']).optional() });
const Opaque = z.json(); // colours, borders, shading: stored and echoed, never interpreted

export const TextStyleSchema = z.strictObject({
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  underline: z.boolean().optional(),
  strikethrough: z.boolean().optional(),
  smallCaps: z.boolean().optional(),
  backgroundColor: Opaque.optional(),
  foregroundColor: Opaque.optional(),
  fontSize: Dimension.optional(),
  weightedFontFamily: z.strictObject({ fontFamily: z.string().optional(), weight: z.number().int().optional() }).optional(),
  baselineOffset: z.enum(['BASELINE_OFFSET_UNSPECIFIED', 'NONE', 'SUPERSCRIPT', 'SUBSCRIPT']).optional(),
  link: z
    .strictObject({ url: z.string().optional(), bookmarkId: z.string().optional(), headingId: z.string().optional(), tabId: z.string().optional(), bookmark: Opaque.optional(), heading: Opaque.optional() })
    .optional(),
});

export const ParagraphStyleSchema = z.strictObject({
  headingId: z.string().optional(),
  namedStyleType: NamedStyleTypeSchema.optional(),
  alignment: z.enum(['ALIGNMENT_UNSPECIFIED', 'START', 'CENTER', 'END', 'JUSTIFIED']).optional(),
  lineSpacing: z.number().optional(),
  direction: z.enum(['CONTENT_DIRECTION_UNSPECIFIED', 'LEFT_TO_RIGHT', 'RIGHT_TO_LEFT']).optional(),
  spacingMode: z.enum(['SPACING_MODE_UNSPECIFIED', 'NEVER_COLLAPSE', 'COLLAPSE_LISTS']).optional(),
  spaceAbove: Dimension.optional(),
  spaceBelow: Dimension.optional(),
  borderBetween: Opaque.optional(),
  borderTop: Opaque.optional(),
  borderBottom: Opaque.optional(),
  borderLeft: Opaque.optional(),
  borderRight: Opaque.optional(),
  indentFirstLine: Dimension.optional(),
  indentStart: Dimension.optional(),
  indentEnd: Dimension.optional(),
  tabStops: Opaque.optional(),
  keepLinesTogether: z.boolean().optional(),
  keepWithNext: z.boolean().optional(),
  avoidWidowAndOrphan: z.boolean().optional(),
  shading: Opaque.optional(),
  pageBreakBefore: z.boolean().optional(),
});

/** The fields a `fields` mask may name, per style. Read-only ones are refused when named. */
export const TEXT_STYLE_FIELDS = Object.keys(TextStyleSchema.shape);
export const PARAGRAPH_STYLE_FIELDS = Object.keys(ParagraphStyleSchema.shape).filter((f) => f !== 'headingId' && f !== 'tabStops');

const Implemented = {
  insertText: z.strictObject({ text: z.string().optional(), location: Location.optional(), endOfSegmentLocation: EndOfSegmentLocation.optional() }),
  deleteContentRange: z.strictObject({ range: Range.optional() }),
  updateTextStyle: z.strictObject({ range: Range.optional(), textStyle: TextStyleSchema.optional(), fields: z.string().optional() }),
  updateParagraphStyle: z.strictObject({ range: Range.optional(), paragraphStyle: ParagraphStyleSchema.optional(), fields: z.string().optional() }),
  createParagraphBullets: z.strictObject({ range: Range.optional(), bulletPreset: z.enum(['BULLET_GLYPH_PRESET_UNSPECIFIED', ...BULLET_PRESETS]).optional() }),
  deleteParagraphBullets: z.strictObject({ range: Range.optional() }),
};

/** Real Docs request kinds the stand-in recognises but does not apply. */
export const NOT_IMPLEMENTED_KINDS = [
  'replaceAllText', 'createNamedRange', 'deleteNamedRange', 'replaceNamedRangeContent', 'insertInlineImage', 'replaceImage',
  'insertTable', 'insertTableRow', 'insertTableColumn', 'deleteTableRow', 'deleteTableColumn', 'updateTableColumnProperties',
  'updateTableCellStyle', 'updateTableRowStyle', 'mergeTableCells', 'unmergeTableCells', 'pinTableHeaderRows',
  'insertPageBreak', 'insertSectionBreak', 'updateSectionStyle', 'updateDocumentStyle', 'deletePositionedObject',
  'createHeader', 'createFooter', 'deleteHeader', 'deleteFooter', 'createFootnote', 'insertPerson', 'insertDate',
  'addDocumentTab', 'deleteTab', 'updateDocumentTabProperties',
] as const;

type Optional<T extends Record<string, z.ZodType>> = { [K in keyof T]: z.ZodOptional<T[K]> };
const optionalShape = <T extends Record<string, z.ZodType>>(shape: T) =>
  Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, s.optional()])) as Optional<T>;

// Every kind is an optional member; applyBatchUpdate insists on exactly one per request.
const RequestSchema = z.strictObject({
  ...optionalShape(Implemented),
  ...optionalShape(Object.fromEntries(NOT_IMPLEMENTED_KINDS.map((k) => [k, Opaque])) as Record<(typeof NOT_IMPLEMENTED_KINDS)[number], typeof Opaque>),
});

export type ImplementedKind = keyof typeof Implemented;
export const IMPLEMENTED_KINDS = Object.keys(Implemented) as ImplementedKind[];
export type DocsRequest = z.infer<typeof RequestSchema>;
export type RequestOf<K extends ImplementedKind> = z.infer<(typeof Implemented)[K]>;

export const BatchUpdateBodySchema = z.strictObject({
  requests: z.array(RequestSchema).optional(),
  writeControl: z.strictObject({ requiredRevisionId: z.string().optional(), targetRevisionId: z.string().optional() }).optional(),
});
export type BatchUpdateBody = z.infer<typeof BatchUpdateBodySchema>;

/** One field violation, worded like Google's JSON parser words it. */
export interface FieldViolation {
  field: string;
  description: string;
}

// Google names fields in these messages with proto (snake_case) names and [i] for indexes.
function protoPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += `${out ? '.' : ''}${String(part).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
  }
  return out;
}

/** Parses a batchUpdate body, or returns the violations Google would report. */
export function parseBatchUpdateBody(body: unknown): { ok: true; value: BatchUpdateBody } | { ok: false; violations: FieldViolation[] } {
  const result = BatchUpdateBodySchema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  const violations = result.error.issues.map((issue): FieldViolation => {
    const at = protoPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? '';
      return { field: at, description: `Invalid JSON payload received. Unknown name "${key}" at '${at}': Cannot find field.` };
    }
    const input = issue.input === undefined ? 'null' : JSON.stringify(issue.input);
    return { field: at, description: `Invalid value at '${at}', ${input}` };
  });
  return { ok: false, violations };
}
