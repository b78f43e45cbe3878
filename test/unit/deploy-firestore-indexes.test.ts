import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLLECTION_GROUP_FIELD_INDEXES, COMPOSITE_INDEXES, type CompositeIndex, INDEX_EXEMPTIONS } from '../../dev/deploy/firestore-plan';
import { desiredIndexes, ensureCollectionGroupFieldIndex, type FieldIndexDeps } from '../../dev/deploy/firestore-field-index';
import { FIRESTORE_QUERIES, type FirestoreQuery, indexNeed, queryVariants } from '../../dev/deploy/firestore-queries';

const root = join(__dirname, '../..');

function tsFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

const FIELD = String.raw`'([^']+)'|new FieldPath\(([^)]*)\)|FieldPath\.documentId\(\)`;
const CALL = new RegExp(String.raw`\.(where|orderBy)\(\s*(?:${FIELD})\s*(?:,\s*'([^']+)')?`, 'y');

/**
 * Every `.where(` and `.orderBy(` call in a source, as `where field op` / `orderBy field dir`, in
 * source order. A call whose field or operator is not a literal cannot be checked: it is returned
 * as `unreadable …` so the test names it.
 */
function queryCalls(source: string): string[] {
  const calls: string[] = [];
  for (const m of source.matchAll(/\.(where|orderBy)\(/g)) {
    CALL.lastIndex = m.index;
    const c = CALL.exec(source);
    if (!c) {
      calls.push(`unreadable ${source.slice(m.index, m.index + 60).replace(/\s+/g, ' ')}`);
      continue;
    }
    const [, kind, literal, fieldPath, arg] = c;
    const field = literal ?? (fieldPath !== undefined ? fieldPath.split(',').map((s) => s.trim().replace(/^'|'$/g, '')).join('.') : '__name__');
    if (kind === 'where' && !arg) calls.push(`unreadable ${c[0]}`);
    else calls.push(`${kind} ${field} ${arg ?? 'asc'}`);
  }
  return calls;
}

/** The deployed code: cloud/ and shared/ (dev/ runs only locally). */
const SOURCES = [...tsFiles('cloud'), ...tsFiles('shared')].sort();
const inCode = Object.fromEntries(SOURCES.map((f): [string, string[]] => [f, queryCalls(readFileSync(join(root, f), 'utf8'))]).filter(([, calls]) => calls.length > 0));

const label = (q: FirestoreQuery, calls: readonly string[]) => `${q.file}: ${q.collectionGroup} (${q.scope}) ${calls.join(', ')}`;
const sameIndex = (index: CompositeIndex, q: FirestoreQuery, need: Extract<ReturnType<typeof indexNeed>, { kind: 'composite' }>) =>
  index.collectionGroup === q.collectionGroup &&
  index.queryScope === q.scope &&
  index.fields.length === need.equality.length + need.sort.length &&
  need.equality.every((f) => index.fields.slice(0, need.equality.length).some((x) => x.path === f && x.order === 'ascending')) &&
  need.sort.every((s, i) => index.fields[need.equality.length + i]?.path === s.path && index.fields[need.equality.length + i]?.order === s.order);

describe('Firestore queries and their indexes', () => {
  it('reads the query calls of a source', () => {
    const source = `paths.db.collectionGroup(COLLECTIONS.works)
      .where('userId', '==', teacherId)
      .where(new FieldPath('subscription', 'stripeCustomerId'), '==', id)
      .where(FieldPath.documentId(), '>=', prefix)
      .orderBy('createdAt', 'desc').orderBy('day')
      .where(someField, '==', x)`;
    expect(queryCalls(source)).toEqual([
      'where userId ==',
      'where subscription.stripeCustomerId ==',
      'where __name__ >=',
      'orderBy createdAt desc',
      'orderBy day asc',
      expect.stringMatching(/^unreadable \.where\(someField/),
    ]);
  });

  it('lists every query the deployed code builds (dev/deploy/firestore-queries.ts), in source order', () => {
    const listed: Record<string, string[]> = {};
    for (const q of FIRESTORE_QUERIES) (listed[q.file] ??= []).push(...q.calls);
    // A difference here is a query added, changed or removed in the code: update FIRESTORE_QUERIES
    // (and COMPOSITE_INDEXES in dev/deploy/firestore-plan.ts when the next test asks for one).
    expect(listed).toEqual(inCode);
  });

  it('has the index every listed query needs in production', () => {
    const missing: string[] = [];
    for (const q of FIRESTORE_QUERIES) {
      for (const calls of queryVariants(q)) {
        const need = indexNeed(q.scope, calls);
        if (need.kind === 'composite' && !COMPOSITE_INDEXES.some((index) => sameIndex(index, q, need))) {
          missing.push(`${label(q, calls)} → composite ${[...need.equality.map((f) => `${f} ascending`), ...need.sort.map((s) => `${s.path} ${s.order}`)].join(', ')}`);
        }
        if (need.kind === 'collection-group-field') {
          const has = COLLECTION_GROUP_FIELD_INDEXES.some((f) => f.collectionGroup === q.collectionGroup && f.field === need.field);
          // firestore-field-index.ts builds the ascending collection-group index only.
          if (!has || need.order !== 'ascending') missing.push(`${label(q, calls)} → collection-group field index ${need.field} ${need.order}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('needs every composite index it creates', () => {
    const used = (index: CompositeIndex) =>
      FIRESTORE_QUERIES.some((q) =>
        queryVariants(q).some((calls) => {
          const need = indexNeed(q.scope, calls);
          return need.kind === 'composite' && sameIndex(index, q, need);
        }),
      );
    expect(COMPOSITE_INDEXES.filter((i) => !used(i))).toEqual([]);
  });

  it('queries no field whose indexes are turned off', () => {
    const exempt = new Set(INDEX_EXEMPTIONS.map((e) => `${e.collectionGroup}.${e.field}`));
    const hits = FIRESTORE_QUERIES.flatMap((q) => q.calls.map((c) => `${q.collectionGroup}.${c.split(' ')[1]}`)).filter((f) => exempt.has(f));
    expect(hits).toEqual([]);
  });

  it('knows which queries need which index', () => {
    expect(indexNeed('collection', ['where dimension ==', 'where key =='])).toEqual({ kind: 'automatic', fields: ['dimension', 'key'] });
    expect(indexNeed('collection', ['where day >=', 'where day <=', 'orderBy day asc'])).toEqual({ kind: 'automatic', fields: ['day'] });
    expect(indexNeed('collection-group', ['where purgeTextAt <=', 'orderBy purgeTextAt asc'])).toEqual({ kind: 'collection-group-field', field: 'purgeTextAt', order: 'ascending' });
    expect(indexNeed('collection', ['where userId ==', 'orderBy createdAt desc', 'orderBy __name__ desc'])).toEqual({
      kind: 'composite',
      equality: ['userId'],
      sort: [{ path: 'createdAt', order: 'descending' }],
    });
    expect(indexNeed('collection', ['where __name__ >=', 'where __name__ <'])).toEqual({ kind: 'automatic', fields: [] });
    // The works-by-doc query of cloud/api/works-by-doc.ts, which production refused without its index.
    expect(indexNeed('collection-group', ['where userId ==', 'where selectedDocument.googleDocId ==', 'orderBy createdAt desc'])).toMatchObject({ kind: 'composite' });
  });
});

describe('the collection-group field index step (dev/deploy/firestore-field-index.ts)', () => {
  const target = { project: 'gradebot-prod', database: '(default)', collectionGroup: 'texts', field: 'purgeTextAt' };
  const FIELD_URL = 'https://firestore.googleapis.com/v1/projects/gradebot-prod/databases/(default)/collectionGroups/texts/fields/purgeTextAt';

  /** A fake Firestore Admin API: answers in order, records every request. */
  function fakeApi(answers: { status: number; body: unknown }[]) {
    const requests: { url: string; method: string; body?: unknown; auth?: string }[] = [];
    const deps: FieldIndexDeps = {
      fetch: async (url, init) => {
        requests.push({ url, method: init?.method ?? 'GET', body: init?.body ? JSON.parse(init.body) : undefined, auth: init?.headers?.Authorization });
        const next = answers.shift();
        if (!next) throw new Error(`unexpected request ${url}`);
        return { ok: next.status < 300, status: next.status, text: async () => JSON.stringify(next.body) };
      },
      accessToken: () => 'ya29.token',
      log: () => {},
      sleep: async () => {},
    };
    return { deps, requests };
  }

  it('sets the collection-group index with the collection defaults and waits for the build', async () => {
    const op = 'projects/gradebot-prod/databases/(default)/operations/op1';
    const api = fakeApi([
      { status: 200, body: { name: 'x', indexConfig: { usesAncestorConfig: true, indexes: [{ queryScope: 'COLLECTION', fields: [{ fieldPath: 'purgeTextAt', order: 'ASCENDING' }] }] } } },
      { status: 200, body: { name: op } },
      { status: 200, body: { name: op, done: false } },
      { status: 200, body: { name: op, done: true, response: {} } },
    ]);
    await expect(ensureCollectionGroupFieldIndex(target, api.deps)).resolves.toBe('created');
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${FIELD_URL}`,
      `PATCH ${FIELD_URL}?updateMask=indexConfig`,
      `GET https://firestore.googleapis.com/v1/${op}`,
      `GET https://firestore.googleapis.com/v1/${op}`,
    ]);
    expect(api.requests[1]?.body).toEqual({ indexConfig: { indexes: desiredIndexes('purgeTextAt') } });
    expect(desiredIndexes('purgeTextAt')).toContainEqual({ queryScope: 'COLLECTION_GROUP', fields: [{ fieldPath: 'purgeTextAt', order: 'ASCENDING' }] });
    expect(api.requests.every((r) => r.auth === 'Bearer ya29.token')).toBe(true);
  });

  it('changes nothing when the index is already set (a re-run)', async () => {
    const api = fakeApi([{ status: 200, body: { indexConfig: { indexes: desiredIndexes('purgeTextAt').map((i) => ({ ...i, state: 'READY' })) } } }]);
    await expect(ensureCollectionGroupFieldIndex(target, api.deps)).resolves.toBe('unchanged');
    expect(api.requests).toHaveLength(1);
  });

  it('fails the step when the build fails or the API refuses', async () => {
    const failed = fakeApi([{ status: 404, body: {} }, { status: 200, body: { name: 'ops/1', done: true, error: { code: 9, message: 'FAILED_PRECONDITION' } } }]);
    await expect(ensureCollectionGroupFieldIndex(target, failed.deps)).rejects.toThrow(/index build on texts.purgeTextAt failed: FAILED_PRECONDITION/);
    const refused = fakeApi([{ status: 403, body: { error: { message: 'PERMISSION_DENIED' } } }]);
    await expect(ensureCollectionGroupFieldIndex(target, refused.deps)).rejects.toThrow(/403 .*PERMISSION_DENIED/);
  });
});
