/**
 * A single-field index with collection-group scope, set through the Firestore Admin REST API.
 *
 * Firestore keeps single-field indexes for queries on one collection automatically, but not for
 * collection-group queries, and gcloud cannot make one: `gcloud firestore indexes fields update
 * --index=…` accepts only `order` and `array-config` and always sets the COLLECTION scope
 * (googlecloudsdk/command_lib/firestore/util.py AddQueryScope), and a composite index needs at
 * least two fields. So this step PATCHes the field's index configuration itself, as the console
 * does, and waits for the build (the TTL policy on the same field comes next, and Firestore runs one
 * operation per field at a time).
 */

export interface FieldIndexTarget {
  project: string;
  database: string;
  collectionGroup: string;
  field: string;
}

type Scope = 'COLLECTION' | 'COLLECTION_GROUP';
type Order = 'ASCENDING' | 'DESCENDING';

interface IndexJson {
  queryScope?: Scope;
  fields?: { fieldPath?: string; order?: Order; arrayConfig?: string }[];
  state?: string;
}
interface FieldJson {
  indexConfig?: { indexes?: IndexJson[]; usesAncestorConfig?: boolean };
}
interface OperationJson {
  name?: string;
  done?: boolean;
  error?: { code?: number; message?: string };
}

export interface FieldIndexDeps {
  /** `fetch`, or a fake in tests. */
  fetch: (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;
  /** An OAuth access token of the operator (`gcloud auth print-access-token`). */
  accessToken: () => string;
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  /** How often and how long to wait for the index build. */
  pollMs?: number;
  timeoutMs?: number;
}

const API = 'https://firestore.googleapis.com/v1';

/**
 * The field's indexes afterwards: Firestore's defaults for one collection (ascending and
 * descending; no array-contains on a scalar field) plus the ascending collection-group index.
 */
export function desiredIndexes(field: string): { queryScope: Scope; fields: { fieldPath: string; order: Order }[] }[] {
  return [
    { queryScope: 'COLLECTION', fields: [{ fieldPath: field, order: 'ASCENDING' }] },
    { queryScope: 'COLLECTION', fields: [{ fieldPath: field, order: 'DESCENDING' }] },
    { queryScope: 'COLLECTION_GROUP', fields: [{ fieldPath: field, order: 'ASCENDING' }] },
  ];
}

export function fieldUrl(t: FieldIndexTarget): string {
  const seg = encodeURIComponent;
  return `${API}/projects/${seg(t.project)}/databases/${seg(t.database)}/collectionGroups/${seg(t.collectionGroup)}/fields/${seg(t.field)}`;
}

const key = (scope: string | undefined, order: string | undefined) => `${scope}:${order}`;

/** Whether the field already has an override with every wanted index (in any build state). */
export function hasIndexes(current: FieldJson, field: string): boolean {
  const config = current.indexConfig;
  if (!config || config.usesAncestorConfig) return false;
  const present = new Set((config.indexes ?? []).map((i) => key(i.queryScope, i.fields?.[0]?.order)));
  return desiredIndexes(field).every((i) => present.has(key(i.queryScope, i.fields[0]?.order)));
}

/** Sets the collection-group index on the field if it is not there yet and waits until it is built. */
export async function ensureCollectionGroupFieldIndex(t: FieldIndexTarget, deps: FieldIndexDeps): Promise<'created' | 'unchanged'> {
  const token = deps.accessToken();
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const call = async <T>(url: string, init: { method?: string; body?: string } = {}): Promise<{ status: number; json: T }> => {
    const res = await deps.fetch(url, { ...init, headers });
    const text = await res.text();
    if (!res.ok && res.status !== 404) throw new Error(`Firestore Admin API ${init.method ?? 'GET'} ${url}: ${res.status} ${text.slice(0, 500)}`);
    return { status: res.status, json: (text ? JSON.parse(text) : {}) as T };
  };
  const where = `${t.collectionGroup}.${t.field}`;
  const url = fieldUrl(t);

  const current = await call<FieldJson>(url);
  if (current.status !== 404 && hasIndexes(current.json, t.field)) {
    deps.log(`Firestore field ${where}: collection-group index already set.`);
    return 'unchanged';
  }
  const patched = await call<OperationJson>(`${url}?updateMask=indexConfig`, {
    method: 'PATCH',
    body: JSON.stringify({ indexConfig: { indexes: desiredIndexes(t.field) } }),
  });
  if (patched.status === 404) throw new Error(`Firestore database ${t.database} of project ${t.project} not found: create it first.`);
  deps.log(`Firestore field ${where}: building the collection-group index…`);

  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + (deps.timeoutMs ?? 30 * 60_000);
  let op = patched.json;
  while (!op.done) {
    if (!op.name) throw new Error(`Firestore answered the index change on ${where} without an operation name.`);
    if (Date.now() > deadline) throw new Error(`The index build on ${where} is still running (${op.name}); run the deploy again later.`);
    await sleep(deps.pollMs ?? 5000);
    op = (await call<OperationJson>(`${API}/${op.name}`)).json;
  }
  if (op.error) throw new Error(`The index build on ${where} failed: ${op.error.message ?? JSON.stringify(op.error)}`);
  deps.log(`Firestore field ${where}: collection-group index built.`);
  return 'created';
}
