import type { DocModel, Json } from './doc-model';

/** The BulletGlyphPreset values the Docs API accepts (BULLET_GLYPH_PRESET_UNSPECIFIED aside). */
export const BULLET_PRESETS = [
  'BULLET_DISC_CIRCLE_SQUARE',
  'BULLET_DIAMONDX_ARROW3D_SQUARE',
  'BULLET_CHECKBOX',
  'BULLET_ARROW_DIAMOND_DISC',
  'BULLET_STAR_CIRCLE_SQUARE',
  'BULLET_ARROW3D_CIRCLE_SQUARE',
  'BULLET_LEFTTRIANGLE_DIAMOND_DISC',
  'BULLET_DIAMONDX_HOLLOWDIAMOND_SQUARE',
  'BULLET_DIAMOND_CIRCLE_SQUARE',
  'NUMBERED_DECIMAL_ALPHA_ROMAN',
  'NUMBERED_DECIMAL_ALPHA_ROMAN_PARENS',
  'NUMBERED_DECIMAL_NESTED',
  'NUMBERED_UPPERALPHA_ALPHA_ROMAN',
  'NUMBERED_UPPERROMAN_UPPERALPHA_DECIMAL',
  'NUMBERED_ZERODECIMAL_ALPHA_ROMAN',
] as const;
export type BulletPreset = (typeof BULLET_PRESETS)[number];

type Glyph = { symbol: string } | { type: 'DECIMAL' | 'ZERO_DECIMAL' | 'ALPHA' | 'UPPER_ALPHA' | 'ROMAN' | 'UPPER_ROMAN'; suffix: string };

// Each preset names three glyphs that repeat down the nine nesting levels.
const GLYPHS: Record<BulletPreset, [Glyph, Glyph, Glyph]> = {
  BULLET_DISC_CIRCLE_SQUARE: [{ symbol: '●' }, { symbol: '○' }, { symbol: '■' }],
  BULLET_DIAMONDX_ARROW3D_SQUARE: [{ symbol: '❖' }, { symbol: '➢' }, { symbol: '■' }],
  BULLET_CHECKBOX: [{ symbol: '☐' }, { symbol: '☐' }, { symbol: '☐' }],
  BULLET_ARROW_DIAMOND_DISC: [{ symbol: '➔' }, { symbol: '◆' }, { symbol: '●' }],
  BULLET_STAR_CIRCLE_SQUARE: [{ symbol: '★' }, { symbol: '○' }, { symbol: '■' }],
  BULLET_ARROW3D_CIRCLE_SQUARE: [{ symbol: '➢' }, { symbol: '○' }, { symbol: '■' }],
  BULLET_LEFTTRIANGLE_DIAMOND_DISC: [{ symbol: '►' }, { symbol: '◆' }, { symbol: '●' }],
  BULLET_DIAMONDX_HOLLOWDIAMOND_SQUARE: [{ symbol: '❖' }, { symbol: '◇' }, { symbol: '■' }],
  BULLET_DIAMOND_CIRCLE_SQUARE: [{ symbol: '◆' }, { symbol: '○' }, { symbol: '■' }],
  NUMBERED_DECIMAL_ALPHA_ROMAN: [{ type: 'DECIMAL', suffix: '.' }, { type: 'ALPHA', suffix: '.' }, { type: 'ROMAN', suffix: '.' }],
  NUMBERED_DECIMAL_ALPHA_ROMAN_PARENS: [{ type: 'DECIMAL', suffix: ')' }, { type: 'ALPHA', suffix: ')' }, { type: 'ROMAN', suffix: ')' }],
  NUMBERED_DECIMAL_NESTED: [{ type: 'DECIMAL', suffix: '.' }, { type: 'DECIMAL', suffix: '.' }, { type: 'DECIMAL', suffix: '.' }],
  NUMBERED_UPPERALPHA_ALPHA_ROMAN: [{ type: 'UPPER_ALPHA', suffix: '.' }, { type: 'ALPHA', suffix: '.' }, { type: 'ROMAN', suffix: '.' }],
  NUMBERED_UPPERROMAN_UPPERALPHA_DECIMAL: [{ type: 'UPPER_ROMAN', suffix: '.' }, { type: 'UPPER_ALPHA', suffix: '.' }, { type: 'DECIMAL', suffix: '.' }],
  NUMBERED_ZERODECIMAL_ALPHA_ROMAN: [{ type: 'ZERO_DECIMAL', suffix: '.' }, { type: 'ALPHA', suffix: '.' }, { type: 'ROMAN', suffix: '.' }],
};

function glyphAt(preset: string, level: number): Glyph {
  const glyphs = GLYPHS[preset as BulletPreset] ?? GLYPHS.BULLET_DISC_CIRCLE_SQUARE;
  return glyphs[level % 3]!;
}

/** Whether a list numbers its items (rather than showing a symbol). */
export function isNumbered(preset: string): boolean {
  return preset.startsWith('NUMBERED_');
}

/** The `lists` entry of a Docs Document for one list: nine nesting levels. */
export function listJson(preset: string): Json {
  const nestingLevels = Array.from({ length: 9 }, (_, level) => {
    const g = glyphAt(preset, level);
    const indent = { indentFirstLine: { magnitude: 18 + 36 * level, unit: 'PT' }, indentStart: { magnitude: 36 + 36 * level, unit: 'PT' } };
    const common = { bulletAlignment: 'START', startNumber: 1, textStyle: { underline: false }, ...indent };
    if ('symbol' in g) return { ...common, glyphSymbol: g.symbol, glyphFormat: `%${level}` };
    return { ...common, glyphType: g.type, glyphFormat: `%${level}${g.suffix}` };
  });
  return { listProperties: { nestingLevels } };
}

function roman(n: number): string {
  const table: Array<[number, string]> = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [value, digits] of table) while (n >= value) { out += digits; n -= value; }
  return out;
}

function alpha(n: number): string {
  let out = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(97 + ((n - 1) % 26)) + out;
  return out;
}

function formatNumber(type: string, n: number): string {
  switch (type) {
    case 'ZERO_DECIMAL': return String(n).padStart(2, '0');
    case 'ALPHA': return alpha(n);
    case 'UPPER_ALPHA': return alpha(n).toUpperCase();
    case 'ROMAN': return roman(n);
    case 'UPPER_ROMAN': return roman(n).toUpperCase();
    default: return String(n);
  }
}

/**
 * The marker each bulleted paragraph shows ("●", "1.", "b.", …), by paragraph index, counting
 * items per list and nesting level the way Docs numbers them.
 */
export function listMarkers(doc: DocModel): Map<number, { marker: string; numbered: boolean; level: number }> {
  const markers = new Map<number, { marker: string; numbered: boolean; level: number }>();
  const counters = new Map<string, number[]>();
  doc.body.paragraphs.forEach((p, index) => {
    if (!p.bullet) return;
    const preset = doc.lists[p.bullet.listId]?.preset ?? 'BULLET_DISC_CIRCLE_SQUARE';
    const level = p.bullet.nestingLevel;
    const counts = counters.get(p.bullet.listId) ?? [];
    counts[level] = (counts[level] ?? 0) + 1;
    counts.length = level + 1; // a shallower item restarts deeper numbering
    counters.set(p.bullet.listId, counts);
    const g = glyphAt(preset, level);
    if ('symbol' in g) {
      markers.set(index, { marker: g.symbol, numbered: false, level });
    } else {
      const nested = preset === 'NUMBERED_DECIMAL_NESTED' ? counts.map((c) => String(c ?? 1)).join('.') : formatNumber(g.type, counts[level]!);
      markers.set(index, { marker: nested + g.suffix, numbered: true, level });
    }
  });
  return markers;
}
