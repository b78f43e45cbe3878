import { COLLECTIONS } from '../../cloud/store/paths';
import type { QueryScope } from './firestore-plan';

/**
 * Every Firestore query the deployed code runs, where it is built and on what. The emulator runs
 * any query without an index; production refuses one that lacks its index. So this list is checked
 * against the code (test/unit/deploy-firestore-indexes.test.ts reads every `.where(` and `.orderBy(`
 * under cloud/ and shared/) and each query's index against firestore-plan.ts: a new or changed
 * query fails that test until it is listed here and, if it needs one, its index is added.
 */
export interface FirestoreQuery {
  /** The source file that builds the query. */
  file: string;
  collectionGroup: string;
  scope: QueryScope;
  /**
   * The query's `.where(field, op)` and `.orderBy(field, dir)` calls as the code makes them, in
   * source order: `where userId ==`, `orderBy createdAt desc`; `__name__` is `FieldPath.documentId()`.
   */
  calls: readonly string[];
  /** Calls the code adds only sometimes: the query must have its index with and without each. */
  optional?: readonly string[];
}

export const FIRESTORE_QUERIES: readonly FirestoreQuery[] = [
  { file: 'cloud/account/delete-account.ts', collectionGroup: COLLECTIONS.assignments, scope: 'collection', calls: ['where userId =='] },
  { file: 'cloud/account/delete-account.ts', collectionGroup: COLLECTIONS.llmRequests, scope: 'collection', calls: ['where userId =='] },
  { file: 'cloud/account/delete-account.ts', collectionGroup: COLLECTIONS.processingMetrics, scope: 'collection', calls: ['where userId =='] },
  { file: 'cloud/account/delete-account.ts', collectionGroup: COLLECTIONS.costRollups, scope: 'collection', calls: ['where dimension ==', 'where key =='] },
  { file: 'cloud/account/delete-account.ts', collectionGroup: COLLECTIONS.costRollups, scope: 'collection', calls: ['where dimension ==', 'where key =='] },
  { file: 'cloud/account/delete-account.ts', collectionGroup: COLLECTIONS.stripeEvents, scope: 'collection', calls: ['where userId =='] },
  { file: 'cloud/account/delete-assignment.ts', collectionGroup: COLLECTIONS.taskRuns, scope: 'collection', calls: ['where __name__ >=', 'where __name__ <'] },
  { file: 'cloud/admin/sources/records.ts', collectionGroup: COLLECTIONS.users, scope: 'collection', calls: ['where plan =='] },
  { file: 'cloud/admin/sources/records.ts', collectionGroup: COLLECTIONS.assignments, scope: 'collection', calls: ['where userId ==', 'orderBy createdAt desc'] },
  { file: 'cloud/admin/sources/records.ts', collectionGroup: COLLECTIONS.llmRequests, scope: 'collection', calls: ['where assignmentId =='] },
  { file: 'cloud/admin/sources/usage.ts', collectionGroup: COLLECTIONS.usageRollups, scope: 'collection', calls: ['where day >=', 'where day <='] },
  {
    file: 'cloud/api/assignment-list.ts',
    collectionGroup: COLLECTIONS.assignments,
    scope: 'collection',
    calls: ['where userId ==', 'orderBy createdAt desc', 'orderBy __name__ desc'],
  },
  {
    file: 'cloud/api/works-by-doc.ts',
    collectionGroup: COLLECTIONS.works,
    scope: 'collection-group',
    calls: ['where userId ==', 'where selectedDocument.googleDocId ==', 'orderBy createdAt desc'],
  },
  {
    file: 'cloud/llm/cost-ledger.ts',
    collectionGroup: COLLECTIONS.costRollups,
    scope: 'collection',
    calls: ['where dimension ==', 'where key ==', 'where day >=', 'where day <=', 'orderBy day asc'],
    optional: ['where key =='],
  },
  { file: 'cloud/metrics/processing-rollups.ts', collectionGroup: COLLECTIONS.processingRollups, scope: 'collection', calls: ['where day >=', 'where day <=', 'orderBy day asc'] },
  { file: 'cloud/quality/quality-rollups.ts', collectionGroup: COLLECTIONS.qualityRollups, scope: 'collection', calls: ['where kind =='] },
  { file: 'cloud/quality/quality-rollups.ts', collectionGroup: COLLECTIONS.qualityRollups, scope: 'collection', calls: ['where day >=', 'where day <='] },
  { file: 'cloud/pipeline/kinds/summary-task.ts', collectionGroup: COLLECTIONS.works, scope: 'collection', calls: ['where status =='] },
  { file: 'cloud/pipeline/stalls.ts', collectionGroup: COLLECTIONS.assignments, scope: 'collection', calls: ['where status in'] },
  { file: 'cloud/retention/cleanup.ts', collectionGroup: COLLECTIONS.texts, scope: 'collection-group', calls: ['where purgeTextAt <=', 'orderBy purgeTextAt asc'] },
  { file: 'cloud/retention/cleanup.ts', collectionGroup: COLLECTIONS.taskRuns, scope: 'collection', calls: ['where createdAt <=', 'orderBy createdAt asc'] },
  { file: 'cloud/store/users-repo.ts', collectionGroup: COLLECTIONS.users, scope: 'collection', calls: ['where subscription.stripeCustomerId =='] },
];

type Order = 'ascending' | 'descending';

/** What one query needs from Firestore's indexes. */
export type IndexNeed =
  /** Served by Firestore's automatic single-field indexes (one collection) or the document key. */
  | { kind: 'automatic'; fields: readonly string[] }
  /** A single-field index with collection-group scope, which Firestore does not keep by default. */
  | { kind: 'collection-group-field'; field: string; order: Order }
  /** A composite index: the equality fields (any order) first, then exactly these sort fields. */
  | { kind: 'composite'; equality: readonly string[]; sort: readonly { path: string; order: Order }[] };

const EQUALITY = new Set(['==', 'in']);
const RANGE = new Set(['<', '<=', '>', '>=', '!=', 'not-in']);

/** Every variant of a query: its calls without each subset of the optional ones. */
export function queryVariants(q: FirestoreQuery): string[][] {
  let variants: string[][] = [[...q.calls]];
  for (const opt of q.optional ?? []) variants = variants.flatMap((v) => [v, v.filter((c) => c !== opt)]);
  return variants;
}

/**
 * The index a query needs, by Firestore's rules: equality filters alone are served by merging
 * single-field indexes; one sorted or range-filtered field alone by its single-field index (kept
 * automatically for one collection, not for a collection group); anything else by a composite
 * index of the equality fields followed by the sort order, where a range filter's field sorts
 * ascending unless ordered explicitly. A final order on the document name in the direction of the
 * order before it is part of every index.
 */
export function indexNeed(scope: QueryScope, calls: readonly string[]): IndexNeed {
  const parsed = calls.map((c) => {
    const [kind, field, arg] = c.split(' ');
    if (!kind || !field || !arg || (kind !== 'where' && kind !== 'orderBy')) throw new Error(`Not a query call: "${c}"`);
    return { kind, field, arg };
  });
  const equality = [...new Set(parsed.filter((p) => p.kind === 'where' && EQUALITY.has(p.arg)).map((p) => p.field))];
  const ranges = parsed.filter((p) => p.kind === 'where' && RANGE.has(p.arg)).map((p) => p.field);
  const unknown = parsed.find((p) => p.kind === 'where' && !EQUALITY.has(p.arg) && !RANGE.has(p.arg));
  if (unknown) throw new Error(`indexNeed does not know the operator "${unknown.arg}": decide its index by hand and teach it here.`);
  const sort: { path: string; order: Order }[] = parsed
    .filter((p) => p.kind === 'orderBy')
    .map((p) => ({ path: p.field, order: p.arg === 'desc' ? 'descending' : 'ascending' }));
  for (const field of ranges) if (!sort.some((s) => s.path === field)) sort.push({ path: field, order: 'ascending' });
  const last = sort.at(-1);
  if (last?.path === '__name__' && (sort.length === 1 || sort.at(-2)?.order === last.order)) sort.pop();

  const fields = [...equality, ...sort.map((s) => s.path)];
  if (fields.includes('__name__')) {
    if (fields.every((f) => f === '__name__')) return { kind: 'automatic', fields: [] };
    throw new Error('indexNeed does not handle a document-name filter or order mixed with other fields: decide its index by hand.');
  }
  if (sort.length === 0) {
    if (scope === 'collection' || equality.length === 0) return { kind: 'automatic', fields: equality };
    throw new Error('indexNeed does not handle an equality-only collection-group query: give each field a collection-group index by hand.');
  }
  if (equality.length === 0 && new Set(sort.map((s) => s.path)).size === 1 && sort.length === 1) {
    const only = sort[0]!;
    return scope === 'collection' ? { kind: 'automatic', fields: [only.path] } : { kind: 'collection-group-field', field: only.path, order: only.order };
  }
  return { kind: 'composite', equality, sort };
}
