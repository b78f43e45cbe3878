import { getAddonConfig } from '../../addon/config';
import { ApiCallError, BackendUnavailableError, ConfigError } from '../../addon/errors';
import { createBackend } from '../../addon/services/backend';
import { createDraftStore, newDraft } from '../../addon/services/draft-store';
import { exportDocs } from '../../addon/services/drive-export';
import { readWritingProcesses } from '../../addon/services/writing-process-read';
import { createGoogleHttp } from '../../addon/services/google-http';
import { createUserCache } from '../../addon/services/user-cache';
import { FakeCache, FakeProperties, createUrlFetchApp, type Transport } from '../../dev/apps-script-fakes';
import { docRef, me, stats, work } from './support/fixtures';

describe('backend client', () => {
  const backend = (transport: Transport) => {
    const urlFetch = createUrlFetchApp({ transport });
    let tokens = 0;
    const b = createBackend({ baseUrl: 'https://api.test', urlFetch, identityToken: () => `id-${++tokens}`, timeZone: 'Europe/Paris', locale: 'fr', clientVersion: 'abc123' });
    return { b, urlFetch, tokens: () => tokens };
  };

  test('a typed call: method, path, bearer identity token, client headers, JSON body', () => {
    const { b, urlFetch } = backend(() => ({ status: 200, body: JSON.stringify(work()) }));
    const w = b.call({ name: 'editWork', params: { assignmentId: 'a1', workId: 'w1' }, body: { target: 'summary', text: 'New' } });
    expect(w.id).toBe('w1');
    expect(urlFetch.requests[0]).toEqual({
      url: 'https://api.test/assignments/a1/works/w1',
      method: 'PATCH',
      headers: { Authorization: 'Bearer id-1', Accept: 'application/json', 'x-gradebot-time-zone': 'Europe/Paris', 'x-gradebot-locale': 'fr', 'x-gradebot-client': 'abc123' },
      contentType: 'application/json',
      payload: '{"target":"summary","text":"New"}',
    });
  });

  test('several calls in one fetchAll round trip, one identity token', () => {
    const { b, urlFetch, tokens } = backend((r) => ({ status: 200, body: JSON.stringify(r.url.endsWith('/me') ? me() : stats()) }));
    const [m, s] = b.all([
      { name: 'getMe', params: {} },
      { name: 'getStats', params: {} },
    ] as const);
    expect(m.plan).toBe('free');
    expect(s.streak.current).toBe(4);
    expect(urlFetch.roundTrips).toBe(1);
    expect(tokens()).toBe(1);
  });

  test.each<[string, Transport, (e: unknown) => void]>([
    ['the error body becomes ApiCallError', () => ({ status: 404, body: '{"error":{"code":"not_found","message":"Nope"}}' }), (e) => expect(e).toEqual(new ApiCallError(404, { code: 'not_found', message: 'Nope' }))],
    ['a gateway page is "unavailable"', () => ({ status: 502, body: '<html>' }), (e) => expect(e).toEqual(new BackendUnavailableError('GradeBot is having trouble right now. Try again in a minute.'))],
    ['an answer off the contract is refused', () => ({ status: 200, body: '{"plan":"gold"}' }), (e) => expect((e as Error).message).toMatch(/does not understand/)],
    ['a timeout', () => { throw new Error('Exception: Timeout: https://api.test/me'); }, (e) => expect((e as Error).message).toBe('GradeBot took too long to answer. Try again in a moment.')],
  ])('%s', (_label, transport, check) => {
    const { b } = backend(transport);
    let caught: unknown;
    try {
      b.call({ name: 'getMe', params: {} });
    } catch (err) {
      caught = err;
    }
    check(caught);
  });
});

describe('configuration from Script Properties', () => {
  const props = (values: Record<string, string>) => {
    const p = new FakeProperties();
    p.setProperties(values);
    return p;
  };

  test('defaults to Google and the production pages; trailing slashes trimmed', () => {
    const c = getAddonConfig(props({ API_BASE_URL: 'http://127.0.0.1:8081/', DRIVE_API_BASE_URL: 'http://127.0.0.1:8095/', PICKER_APP_ID: ' ' }));
    expect(c).toEqual({
      apiBaseUrl: 'http://127.0.0.1:8081',
      driveApiBaseUrl: 'http://127.0.0.1:8095',
      docsApiBaseUrl: 'https://docs.googleapis.com',
      docsExportBaseUrl: 'https://docs.google.com',
      pagesBaseUrl: 'https://gradebot.app',
      picker: { apiKey: undefined, appId: undefined, url: undefined, googleApiJsUrl: 'https://apis.google.com/js/api.js' },
      exportBatchSize: 10,
    });
  });

  test('missing or bad properties are named', () => {
    expect(() => getAddonConfig(props({}))).toThrow(ConfigError);
    expect(() => getAddonConfig(props({ API_BASE_URL: 'ftp://x', EXPORT_BATCH_SIZE: '99' }))).toThrow(/API_BASE_URL.*EXPORT_BATCH_SIZE|EXPORT_BATCH_SIZE.*API_BASE_URL/);
  });
});

describe('draft store', () => {
  test('a large draft (long instructions and rubric, 35 Docs) fits the 9 KB-per-value limit and reads back', () => {
    const p = new FakeProperties();
    const store = createDraftStore(p);
    const big = { ...newDraft('draft-12345678'), instructions: 'é'.repeat(20_000), pastedRubric: 'r'.repeat(20_000), rubricMode: 'paste' as const, documents: Array.from({ length: 35 }, (_, i) => docRef(i + 1)) };
    store.save(big);
    expect(store.load()).toEqual(big);
    store.save(newDraft('draft-87654321'));
    expect(store.load()).toEqual(newDraft('draft-87654321'));
    expect(p.getKeys().filter((k) => k.startsWith('gradebot.draft.')).length).toBe(2);
    store.clear();
    expect(store.load()).toBeUndefined();
    expect(p.getKeys()).toEqual([]);
  });

  test('a corrupt draft reads as none rather than a wrong form', () => {
    const p = new FakeProperties();
    p.setProperties({ 'gradebot.draft.n': '1', 'gradebot.draft.0': '{"title":' });
    expect(createDraftStore(p).load()).toBeUndefined();
  });
});

test('user cache: works parsed on read, expired after six hours', () => {
  let now = 0;
  const cache = createUserCache(new FakeCache(() => now));
  cache.putWork(work());
  expect(cache.getWork('a1', 'w1')).toEqual(work());
  now += 6 * 3600 * 1000 + 1;
  expect(cache.getWork('a1', 'w1')).toBeUndefined();
  expect(createUserCache(null).getWork('a1', 'w1')).toBeUndefined();
});

test('Drive export: batches of N per fetchAll, BOM stripped, failures per Doc', () => {
  const urlFetch = createUrlFetchApp({
    transport: (r) => (r.url.includes(docRef(3).googleDocId) ? { status: 404, body: '' } : { status: 200, body: '\uFEFFHello there' }),
  });
  const out = exportDocs([1, 2, 3, 4, 5].map(docRef), { http: createGoogleHttp(urlFetch, () => 't'), driveApiBaseUrl: 'http://127.0.0.1:8095', batchSize: 2 });
  expect(urlFetch.roundTrips).toBe(3);
  expect(urlFetch.requests[0]!.url).toBe(`http://127.0.0.1:8095/drive/v3/files/${docRef(1).googleDocId}/export?mimeType=text%2Fplain`);
  expect(out[0]).toEqual({ ok: true, document: { ...docRef(1), text: 'Hello there', truncated: false } });
  expect(out[2]).toEqual({ ok: false, doc: docRef(3), reason: 'GradeBot has no access to it. Remove it and choose it again with "Select student work".' });
});

describe('writing-process read', () => {
  const rev = (doc: string, i: number, host = 'https://docs.google.com') => ({
    id: String(i),
    modifiedTime: new Date(Date.UTC(2025, 2, 1) + i * 86_400_000).toISOString(),
    lastModifyingUser: { displayName: 'Student', permissionId: 'p1' },
    exportLinks: { 'text/plain': `${host}/feeds/download/documents/export/Export?id=${doc}&revision=${i}&exportFormat=txt` },
  });
  /** Drive with `n` Docs of 20 daily revisions each; `host` is where their export links point. */
  const world = (host?: string) =>
    createUrlFetchApp({
      transport: (r) => {
        const m = /files\/([^/?]+)(\/revisions)?/.exec(r.url);
        if (r.url.includes('/feeds/download/')) return { status: 200, body: '\uFEFFsome words of an early draft' };
        if (m?.[2]) return { status: 200, body: JSON.stringify({ revisions: Array.from({ length: 20 }, (_, i) => rev(m[1]!, i + 1, host)) }) };
        return { status: 200, body: JSON.stringify({ owners: [{ displayName: 'Student', permissionId: 'p1' }] }) };
      },
    });
  const docs = (n: number) => Array.from({ length: n }, (_, i) => ({ googleDocId: `doc${i}`, text: 'some words of an early draft and then much more text written later on' }));
  const deps = (urlFetch: ReturnType<typeof createUrlFetchApp>, now = () => 0) => ({ http: createGoogleHttp(urlFetch, () => 't'), driveApiBaseUrl: 'https://www.googleapis.com', docsExportBaseUrl: 'https://docs.google.com', now, startedAt: 0 });

  test('35 Docs: two list requests each, at most 105 revision exports (3 a Doc), in fetchAll batches of 35', () => {
    const urlFetch = world();
    const out = readWritingProcesses(docs(35), deps(urlFetch));
    const exports = urlFetch.requests.filter((r) => r.url.includes('/feeds/download/'));
    expect(urlFetch.requests.length - exports.length).toBe(70);
    expect(exports).toHaveLength(105);
    expect(urlFetch.roundTrips).toBe(2 + 3);
    expect(out.every((p) => p.status === 'summarized' && p.sampledCount === 3 && p.revisionCount === 20)).toBe(true);
  });

  test('one Doc: up to 6 revision exports', () => {
    const urlFetch = world();
    expect(readWritingProcesses(docs(1), deps(urlFetch))[0]).toMatchObject({ status: 'summarized', sampledCount: 6 });
  });

  test('export links that do not point at Google’s export host are not followed (the token goes with them)', () => {
    const urlFetch = world('https://evil.example');
    const [p] = readWritingProcesses(docs(1), deps(urlFetch));
    expect(urlFetch.requests.some((r) => r.url.startsWith('https://evil.example'))).toBe(false);
    expect(p).toMatchObject({ status: 'summarized', sampledCount: 0 });
  });

  test('past the time budget no round starts: lists not read are "out of time", samples not read are left out', () => {
    let now = 0;
    const urlFetch = world();
    const late = readWritingProcesses(docs(2), deps(urlFetch, () => (now += 13_000)));
    expect(late).toEqual([{ status: 'unavailable', reason: 'out_of_time' }, { status: 'unavailable', reason: 'out_of_time' }]);
    let calls = 0;
    const onlyLists = readWritingProcesses(docs(2), deps(world(), () => (calls++ === 0 ? 0 : 20_000)));
    expect(onlyLists.map((p) => p.status === 'summarized' && p.sampledCount)).toEqual([0, 0]);
  });

  test('Google unreachable: every Doc "failed", nothing thrown', () => {
    const urlFetch = createUrlFetchApp({ transport: () => { throw new Error('Exception: Address unavailable'); } });
    expect(readWritingProcesses(docs(1), deps(urlFetch))).toEqual([{ status: 'unavailable', reason: 'failed' }]);
  });

  test('an answer Drive would not give (bad JSON) is "failed" for that Doc only', () => {
    const urlFetch = createUrlFetchApp({ transport: (r) => (r.url.includes('doc0/revisions') ? { status: 200, body: 'not json' } : { status: 500, body: '' }) });
    expect(readWritingProcesses(docs(2), deps(urlFetch))).toEqual([{ status: 'unavailable', reason: 'failed' }, { status: 'unavailable', reason: 'failed' }]);
  });
});
