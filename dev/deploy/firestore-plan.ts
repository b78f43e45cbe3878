import { COLLECTIONS } from '../../cloud/store/paths';
import type { DeployCommand } from './command';
import type { DeployConfig } from './config';

/** Where `firestore-field-index-main.ts` is, relative to the repository root. */
export const FIELD_INDEX_SCRIPT = 'dev/deploy/firestore-field-index-main.ts';

/** Where a query runs: one collection under one parent, or every collection of that name (`collectionGroup()`). */
export type QueryScope = 'collection' | 'collection-group';

export interface CompositeIndex {
  collectionGroup: string;
  queryScope: QueryScope;
  fields: readonly { path: string; order: 'ascending' | 'descending' }[];
}

/**
 * Composite indexes for the queries the code runs (dev/deploy/firestore-queries.ts lists them, and
 * test/unit/deploy-firestore-indexes.test.ts checks the list against the code and these indexes).
 * The emulator needs none, so a missing one shows only in production ("FAILED_PRECONDITION: The
 * query requires an index"): add it here.
 */
export const COMPOSITE_INDEXES: readonly CompositeIndex[] = [
  // The add-on's assignment list and the dashboard's teacher page: a teacher's assignments, newest first.
  { collectionGroup: COLLECTIONS.assignments, queryScope: 'collection', fields: [{ path: 'userId', order: 'ascending' }, { path: 'createdAt', order: 'descending' }] },
  // Cost dashboard (cloud/llm/cost-ledger): one dimension over a day range, optionally one key.
  { collectionGroup: COLLECTIONS.costRollups, queryScope: 'collection', fields: [{ path: 'dimension', order: 'ascending' }, { path: 'day', order: 'ascending' }] },
  {
    collectionGroup: COLLECTIONS.costRollups,
    queryScope: 'collection',
    fields: [{ path: 'dimension', order: 'ascending' }, { path: 'key', order: 'ascending' }, { path: 'day', order: 'ascending' }],
  },
  // "Is the open Doc a work of mine?" (cloud/api/works-by-doc.ts): every assignment's works at once.
  {
    collectionGroup: COLLECTIONS.works,
    queryScope: 'collection-group',
    fields: [{ path: 'userId', order: 'ascending' }, { path: 'selectedDocument.googleDocId', order: 'ascending' }, { path: 'createdAt', order: 'descending' }],
  },
];

/**
 * TTL policies. Firestore's TTL deletes the whole document once the field's time has passed (within
 * about a day), and never its subcollections — so it may only be set on documents that can go
 * entirely. The student text has a document of its own for this (`assignments/{id}/texts/{workId}`):
 * TTL on the work or the assignment would delete the feedback too. See docs/retention.md.
 */
export const TTL_POLICIES: readonly { collectionGroup: string; field: string }[] = [{ collectionGroup: COLLECTIONS.texts, field: 'purgeTextAt' }];

/**
 * Single-field indexes beyond Firestore's automatic ones, which cover one collection only: the
 * retention cleanup (cloud/retention/cleanup.ts) queries every assignment's texts at once. gcloud
 * cannot set a collection-group scope on a single field, so firestore-field-index-main.ts does.
 */
export const COLLECTION_GROUP_FIELD_INDEXES: readonly { collectionGroup: string; field: string }[] = [{ collectionGroup: COLLECTIONS.texts, field: 'purgeTextAt' }];

/** Large fields no query filters on: not indexing them saves write cost and index size. */
export const INDEX_EXEMPTIONS: readonly { collectionGroup: string; field: string }[] = [
  { collectionGroup: COLLECTIONS.texts, field: 'text' },
  { collectionGroup: COLLECTIONS.works, field: 'feedback' },
  { collectionGroup: COLLECTIONS.assignments, field: 'instructions' },
  { collectionGroup: COLLECTIONS.assignments, field: 'rawRubricText' },
  { collectionGroup: COLLECTIONS.assignments, field: 'rubric' },
];

export function firestoreCommands(c: DeployConfig): DeployCommand[] {
  const db = `--database=${c.firestore.databaseId}`;
  const project = `--project=${c.project}`;
  return [
    {
      unless: ['gcloud', 'firestore', 'databases', 'describe', db, project],
      argv: ['gcloud', 'firestore', 'databases', 'create', db, `--location=${c.firestore.location}`, '--type=firestore-native', project],
    },
    ...COMPOSITE_INDEXES.map(
      (index): DeployCommand => ({
        argv: [
          'gcloud', 'firestore', 'indexes', 'composite', 'create', `--collection-group=${index.collectionGroup}`, `--query-scope=${index.queryScope}`,
          ...index.fields.map((f) => `--field-config=field-path=${f.path},order=${f.order}`),
          db, '--async', project,
        ],
        okIfStderr: { pattern: /ALREADY_EXISTS|already exists/i, note: 'an index that already exists is fine' },
      }),
    ),
    ...INDEX_EXEMPTIONS.map(
      (e): DeployCommand => ({
        argv: ['gcloud', 'firestore', 'indexes', 'fields', 'update', e.field, `--collection-group=${e.collectionGroup}`, '--disable-indexes', db, '--async', project],
      }),
    ),
    // Waits for the build: the TTL policy below changes the same field, and Firestore runs one
    // field operation at a time.
    ...COLLECTION_GROUP_FIELD_INDEXES.map(
      (f): DeployCommand => ({
        argv: ['npx', 'tsx', FIELD_INDEX_SCRIPT, project, db, `--collection-group=${f.collectionGroup}`, `--field=${f.field}`],
      }),
    ),
    ...TTL_POLICIES.map(
      (t): DeployCommand => ({
        argv: ['gcloud', 'firestore', 'fields', 'ttls', 'update', t.field, `--collection-group=${t.collectionGroup}`, '--enable-ttl', db, '--async', project],
      }),
    ),
  ];
}
