import type { Json } from './doc-model';

/**
 * The `fields` query parameter both Drive and Docs accept: "id,name", "files(id,name)",
 * "body/content/endIndex", "body.content(endIndex)" (Google takes "." and "/" alike), "*". Unknown
 * names select nothing, as a partial response would.
 */
export type FieldMask = '*' | Map<string, FieldMask>;

export class FieldMaskError extends Error {}

/** Parses a mask; throws FieldMaskError on unbalanced parentheses or empty names. */
export function parseFieldMask(source: string): FieldMask {
  let pos = 0;
  const parseList = (): Map<string, FieldMask> => {
    const out = new Map<string, FieldMask>();
    for (;;) {
      const [name, mask] = parseItem();
      out.set(name, merge(out.get(name), mask));
      if (source[pos] !== ',') return out;
      pos++;
    }
  };
  const parseItem = (): [string, FieldMask] => {
    const m = /^\s*([A-Za-z0-9_*]+)\s*/.exec(source.slice(pos));
    if (!m) throw new FieldMaskError(`Invalid field selection ${source}`);
    pos += m[0].length;
    const name = m[1]!;
    if (source[pos] === '/' || source[pos] === '.') {
      pos++;
      const [child, sub] = parseItem();
      return [name, new Map([[child, sub]])];
    }
    if (source[pos] === '(') {
      pos++;
      const sub = parseList();
      if (source[pos] !== ')') throw new FieldMaskError(`Invalid field selection ${source}`);
      pos++;
      while (source[pos] === ' ') pos++;
      return [name, sub];
    }
    return [name, '*'];
  };
  if (source.trim() === '*') return '*';
  const mask = parseList();
  if (pos !== source.length) throw new FieldMaskError(`Invalid field selection ${source}`);
  return mask;
}

function merge(a: FieldMask | undefined, b: FieldMask): FieldMask {
  if (a === undefined) return b;
  if (a === '*' || b === '*') return '*';
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, merge(out.get(k), v));
  return out;
}

/** The part of `value` the mask selects; arrays are masked element by element. */
export function applyFieldMask(value: Json, mask: FieldMask): Json {
  if (mask === '*' || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => applyFieldMask(v, mask));
  if (mask.get('*') === '*') return value;
  const out: { [key: string]: Json } = {};
  for (const [key, sub] of mask) {
    const v = value[key];
    if (v !== undefined) out[key] = applyFieldMask(v, sub);
  }
  return out;
}
