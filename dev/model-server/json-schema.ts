/**
 * A JSON value valid for (the structured-outputs subset of) a JSON schema, built deterministically.
 * Constraints the API cannot enforce arrive in descriptions as "{minItems: 3, maxLength: 80}" (the
 * SDK's transform puts them there); they are honoured too, so the answer passes the caller's zod.
 * A `Filler` supplies meaningful values for paths it knows; everything else gets a labelled default.
 */

export type JsonSchema = Record<string, unknown>;
export type Path = (string | number)[];

export interface Constraints {
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
}

export interface Filler {
  /** A value for a leaf (string, number, integer, boolean or enum), or undefined for the default. */
  leaf?(path: Path, type: string, c: Constraints, enumValues?: unknown[]): unknown;
  /** True to answer null where the schema allows it (a nullable field the filler has no value for). */
  isNull?(path: Path): boolean;
  /** How many items an array should have (clamped to its constraints), or undefined. */
  length?(path: Path, c: Constraints): number | undefined;
}

export const OFFLINE = '[Offline model]';

/** "criteria.*.levels.*.title" for [criteria, 0, levels, 2, title]. */
export const pathKey = (p: Path): string => p.map((k) => (typeof k === 'number' ? '*' : k)).join('.');

const NUMERIC = ['minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems'] as const;

export function constraintsOf(node: JsonSchema): Constraints {
  const c: Constraints = {};
  const desc = typeof node.description === 'string' ? node.description : '';
  const m = desc.match(/\{([^{}]*)\}\s*$/);
  const fromDesc: Record<string, unknown> = {};
  if (m?.[1]) {
    for (const part of m[1].split(/,\s*(?=[A-Za-z]+:)/)) {
      const [k, ...v] = part.split(':');
      try {
        if (k) fromDesc[k.trim()] = JSON.parse(v.join(':').trim());
      } catch {
        // not a constraint list after all
      }
    }
  }
  for (const k of NUMERIC) {
    const v = node[k] ?? fromDesc[k];
    if (typeof v === 'number') c[k] = v;
  }
  const format = node.format ?? fromDesc.format;
  if (typeof format === 'string') c.format = format;
  return c;
}

export function fitString(s: string, c: Constraints): string {
  let out = s;
  if (c.maxLength !== undefined && out.length > c.maxLength) out = out.slice(0, c.maxLength).trimEnd();
  while (c.minLength !== undefined && out.length < c.minLength) out += out.length === 0 ? OFFLINE : ' (offline)';
  if (c.maxLength !== undefined) out = out.slice(0, c.maxLength);
  return out;
}

export function fitNumber(x: number, c: Constraints, integer: boolean): number {
  let lo = c.minimum ?? -Infinity;
  let hi = c.maximum ?? Infinity;
  const step = integer ? 1 : 0.1;
  if (c.exclusiveMinimum !== undefined) lo = Math.max(lo, c.exclusiveMinimum + step);
  if (c.exclusiveMaximum !== undefined) hi = Math.min(hi, c.exclusiveMaximum - step);
  let v = Math.min(hi, Math.max(lo, x));
  if (integer) v = Math.min(Math.floor(hi), Math.max(Math.ceil(lo), Math.round(v)));
  return v;
}

const FORMATS: Record<string, string> = {
  'date-time': '2026-01-01T00:00:00Z',
  date: '2026-01-01',
  time: '00:00:00Z',
  duration: 'PT0S',
  email: 'offline-model@example.com',
  hostname: 'offline.example.com',
  uri: 'https://example.com/offline-model',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uuid: '00000000-0000-4000-8000-000000000000',
};

const humanize = (key: string | number | undefined): string =>
  String(key ?? 'value')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();

/** Build a value for `schema`; `root` holds the `$defs` that `$ref`s point into. */
export function generate(schema: JsonSchema, filler: Filler = {}, root: JsonSchema = schema, path: Path = []): unknown {
  const node = resolve(schema, root);
  const c = constraintsOf(node);
  if ('const' in node) return node.const;
  if (Array.isArray(node.enum)) {
    const values = node.enum as unknown[];
    const picked = filler.leaf?.(path, 'enum', c, values);
    return values.includes(picked) ? picked : values[0];
  }
  const variants = (node.anyOf ?? node.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(variants) && variants.length > 0) {
    if (filler.isNull?.(path) && variants.some((v) => resolve(v, root).type === 'null')) return null;
    const nonNull = variants.find((v) => resolve(v, root).type !== 'null') ?? variants[0]!;
    return generate(nonNull, filler, root, path);
  }
  if (Array.isArray(node.allOf) && node.allOf.length > 0) return generate(node.allOf[0] as JsonSchema, filler, root, path);
  let type = node.type;
  if (Array.isArray(type) && type.includes('null') && filler.isNull?.(path)) return null;
  if (Array.isArray(type)) type = type.find((t) => t !== 'null') ?? 'null';
  if (type === undefined && node.properties) type = 'object';
  switch (type) {
    case 'object': {
      const props = (node.properties ?? {}) as Record<string, JsonSchema>;
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, generate(v, filler, root, [...path, k])]));
    }
    case 'array': {
      const lo = c.minItems ?? 0;
      const hi = c.maxItems ?? Math.max(lo, 3);
      const n = Math.min(hi, Math.max(lo, filler.length?.(path, c) ?? Math.max(lo, Math.min(hi, 2))));
      const items = (node.items ?? {}) as JsonSchema;
      return Array.from({ length: n }, (_, i) => generate(items, filler, root, [...path, i]));
    }
    case 'string': {
      const v = filler.leaf?.(path, 'string', c);
      if (typeof v === 'string') return fitString(v, c);
      if (c.format && FORMATS[c.format]) return FORMATS[c.format];
      return fitString(`${OFFLINE} ${humanize(path[path.length - 1] ?? path[path.length - 2])}, written by the offline model without AI.`, c);
    }
    case 'integer':
    case 'number': {
      const v = filler.leaf?.(path, type, c);
      const fallback = c.minimum !== undefined && c.maximum !== undefined ? (c.minimum + c.maximum) / 2 : (c.minimum ?? 0);
      return fitNumber(typeof v === 'number' ? v : fallback, c, type === 'integer');
    }
    case 'boolean': {
      const v = filler.leaf?.(path, 'boolean', c);
      return typeof v === 'boolean' ? v : false;
    }
    case 'null':
      return null;
    default:
      return `${OFFLINE} value`;
  }
}

function resolve(node: JsonSchema, root: JsonSchema): JsonSchema {
  let n = node;
  for (let i = 0; i < 32 && typeof n.$ref === 'string'; i++) {
    const ref = n.$ref as string;
    const target = ref
      .replace(/^#\/?/, '')
      .split('/')
      .filter(Boolean)
      .reduce<unknown>((acc, k) => (acc as Record<string, unknown> | undefined)?.[decodeURIComponent(k)], root);
    if (!target || typeof target !== 'object') throw new Error(`Unresolvable $ref ${ref}`);
    // Sibling keywords (a description next to the $ref) still apply.
    const { $ref: _ref, ...rest } = n;
    n = { ...(target as JsonSchema), ...rest };
  }
  return n;
}
