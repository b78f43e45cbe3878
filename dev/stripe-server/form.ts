/** A form-decoded request body: Stripe's bracket notation turned back into objects and arrays. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

/**
 * Decodes `application/x-www-form-urlencoded` the way Stripe reads it: `a[b][c]=1` nests,
 * `items[0][price]=p` and `expand[]=x` make arrays. The SDK encodes brackets unescaped, browsers
 * escape them; both decode the same.
 */
export function parseForm(body: string): FormObject {
  const root: FormObject = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = splitKey(rawKey);
    if (path.length === 0) continue;
    assign(root, path, value);
  }
  return compactArrays(root) as FormObject;
}

function splitKey(key: string): string[] {
  const head = key.split('[', 1)[0] ?? '';
  const rest = [...key.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '');
  return head ? [head, ...rest] : [];
}

function assign(target: FormObject, path: string[], value: string): void {
  let node: FormObject = target;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i] === '' ? String(Object.keys(node).length) : (path[i] as string);
    const next = node[k];
    if (next === undefined || typeof next === 'string' || Array.isArray(next)) node[k] = {};
    node = node[k] as FormObject;
  }
  const last = path[path.length - 1] as string;
  node[last === '' ? String(Object.keys(node).length) : last] = value;
}

/** Objects whose keys are exactly 0..n-1 were arrays on the client. */
function compactArrays(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const entries = Object.fromEntries(keys.map((k) => [k, compactArrays(value[k] as FormValue)]));
  const isArray = keys.length > 0 && keys.every((k) => /^\d+$/.test(k)) && keys.map(Number).sort((a, b) => a - b).every((n, i) => n === i);
  return isArray ? keys.map(Number).sort((a, b) => a - b).map((n) => entries[String(n)] as FormValue) : entries;
}

/** A string field, or undefined (Stripe treats "" as "unset"). */
export function str(form: FormObject, key: string): string | undefined {
  const v = form[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A flat string map such as `metadata`. */
export function record(form: FormObject, key: string): Record<string, string> {
  const v = form[key];
  if (!v || typeof v === 'string' || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** A list of objects such as `line_items`. */
export function objects(form: FormObject, key: string): FormObject[] {
  const v = form[key];
  const list = Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : [];
  return list.filter((x): x is FormObject => typeof x === 'object' && !Array.isArray(x));
}

/** A list of strings such as `expand`. */
export function strings(form: FormObject, key: string): string[] {
  const v = form[key];
  if (typeof v === 'string') return [v];
  const list = Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : [];
  return list.filter((x): x is string => typeof x === 'string');
}

/** "true"/"false" as Stripe sends booleans. */
export function bool(form: FormObject, key: string): boolean | undefined {
  const v = str(form, key);
  return v === undefined ? undefined : v === 'true';
}
