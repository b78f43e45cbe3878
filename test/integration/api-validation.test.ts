import { ApiErrorBodySchema, type CreateAssignmentResponse, DOCUMENT_REASONS, type WorkView } from '../../shared/api';
import { type ApiHarness, createBody, seedGraded, startApiHarness } from './api-harness';

/**
 * Every body and query is checked against the contract's schemas: a bad one answers 400 with the
 * contract's error body naming each field, and creates or changes nothing.
 */

let h: ApiHarness;
let token: string;
let graded: { assignmentId: string; workId: string };

beforeAll(async () => {
  h = await startApiHarness();
  token = h.token('validator-1');
  await h.call('GET', '/me', { token });
  await h.paths.user('validator-1').update({ plan: 'paid', 'subscription.status': 'active', 'subscription.currentPeriodEnd': new Date(Date.now() + 30 * 86_400_000) });
  const created = await h.call<CreateAssignmentResponse>('POST', '/assignments', { token, body: createBody(2) });
  const assignmentId = created.body.assignment.id;
  await seedGraded(h, assignmentId, ['w01']);
  graded = { assignmentId, workId: 'w01' };
});
afterAll(() => h.close());

interface Fields {
  error: { code: string; message: string; fields: { path: string; message: string }[] };
}

async function expect400(method: string, path: string, body: unknown, paths: string[]): Promise<Fields['error']> {
  const res = await h.call<Fields>(method, path, { token, body });
  expect(res.status).toBe(400);
  expect(ApiErrorBodySchema.safeParse(res.body).success).toBe(true);
  expect(res.body.error.code).toBe('validation_failed');
  const named = res.body.error.fields.map((f) => f.path);
  for (const p of paths) expect(named).toContain(p);
  return res.body.error;
}

async function assignmentCount(): Promise<number> {
  return (await h.paths.assignments().where('userId', '==', 'validator-1').get()).size;
}

describe('POST /assignments', () => {
  const { title: _t, ...withoutTitle } = createBody(1);
  const cases: [string, unknown, string[]][] = [
    ['0 documents', createBody(0), ['documents']],
    ['36 documents', createBody(36), ['documents']],
    ['a missing title', withoutTitle, ['title']],
    ['a 10,000-character title', createBody(1, { title: 'T'.repeat(10_000) }), ['title']],
    ['a blank subject', createBody(1, { subject: '   ' }), ['subject']],
    ['a wrong tone', createBody(1, { feedbackTone: 'harsh' as never }), ['feedbackTone']],
    ['a wrong rubric mode', createBody(1, { rubricMode: 'ai' as never }), ['rubricMode']],
    ['"paste" without a rubric', createBody(1, { rubricMode: 'paste', pastedRubric: '' }), ['pastedRubric']],
    ['a request id that is too short', createBody(1, { clientRequestId: 'x' }), ['clientRequestId']],
    ['a non-Doc id', { ...createBody(1), documents: [{ ...createBody(1).documents[0]!, googleDocId: 'not a doc!' }] }, ['documents.0.googleDocId']],
    ['a Doc without a URL scheme', { ...createBody(1), documents: [{ ...createBody(1).documents[0]!, url: 'docs.google.com/d/x' }] }, ['documents.0.url']],
    // Contract-valid-looking URLs the stored schema refused (a 500 at admission before).
    ['a URL with a bad percent-escape in its host', { ...createBody(1), documents: [{ ...createBody(1).documents[0]!, url: 'http://exa%zzmple.com/doc' }] }, ['documents.0.url']],
    ['a URL with port 99999', { ...createBody(1), documents: [{ ...createBody(1).documents[0]!, url: 'https://docs.google.com:99999/document/d/x' }] }, ['documents.0.url']],
    ['a URL with a space-free but broken host', { ...createBody(1), documents: [{ ...createBody(1).documents[0]!, url: 'https://docs<google>.com/d/x' }] }, ['documents.0.url']],
    ['a URL with a bad percent-escape in its path', { ...createBody(1), documents: [{ ...createBody(1).documents[0]!, url: 'https://docs.google.com/d/%zz' }] }, ['documents.0.url']],
    ['the same Doc twice', { ...createBody(1), documents: [createBody(1).documents[0]!, createBody(1).documents[0]!] }, ['documents.1.googleDocId']],
    ['text longer than the add-on may send', { ...createBody(1), documents: [{ ...createBody(1).documents[0]!, text: 'x'.repeat(60_001) }] }, ['documents.0.text']],
    ['an array', [createBody(1)], ['']],
    ['several problems at once', createBody(0, { title: '', feedbackTone: 'loud' as never }), ['documents', 'title', 'feedbackTone']],
  ];

  it.each(cases)('refuses %s with the fields named, creating nothing', async (_label, body, paths) => {
    const before = await assignmentCount();
    await expect400('POST', '/assignments', body, paths);
    expect(await assignmentCount()).toBe(before);
  });

  it('stores lone surrogates as U+FFFD instead of failing in Firestore', async () => {
    const body = createBody(1, { title: 'Essay \uD800 draft', subject: 'English \uDC00' });
    body.documents[0]!.title = 'Doc \uD83D';
    body.documents[0]!.text = `${body.documents[0]!.text} \uDFFF end`;
    const res = await h.call<CreateAssignmentResponse>('POST', '/assignments', { token, body });
    expect(res.status).toBe(201);
    const id = res.body.assignment.id;
    const a = (await h.paths.assignment(id).get()).data()!;
    expect([a.title, a.subject, a.works[0]!.title]).toEqual(['Essay \uFFFD draft', 'English \uFFFD', 'Doc \uFFFD']);
    const w = (await h.paths.work(id, 'w01').get()).data()!;
    expect(w.selectedDocument.title).toBe('Doc \uFFFD');
  });

  it('says why in words a teacher reads', async () => {
    const error = await expect400('POST', '/assignments', createBody(1, { title: 'T'.repeat(10_000) }), ['title']);
    expect(error.fields.find((f) => f.path === 'title')?.message).toBe('Keep a title under 200 characters');
  });

  it('refuses a create in which no Doc can be graded, naming each Doc', async () => {
    const body = createBody(2);
    body.documents[0]!.text = '';
    body.documents[1]!.text = 'word '.repeat(2001);
    const error = await expect400('POST', '/assignments', body, ['documents.0', 'documents.1']);
    // The add-on's own wording of each problem (it prefixes the Doc's title).
    expect(error.fields.map((f) => f.message)).toEqual([DOCUMENT_REASONS.empty, DOCUMENT_REASONS.tooLong()]);
  });

  it('refuses a body that is not JSON, or not an object', async () => {
    // functions-framework parses JSON before our code runs; its error is answered with our contract
    // (cloud/http/framework-errors.ts, installed for every function: invalid-json.test.ts).
    const broken = await h.call<Fields>('POST', '/assignments', { token, raw: '{"title": ', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    const text = await h.call<Fields>('POST', '/assignments', { token, raw: 'title=x', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(400);
    expect(ApiErrorBodySchema.safeParse(text.body).success).toBe(true);
  });

  it('refuses a body over the size limit with 413', async () => {
    const body = createBody(1);
    body.documents[0]!.text = 'x'.repeat(9 * 1024 * 1024);
    const res = await h.call<Fields>('POST', '/assignments', { token, body });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
  });

  it('accepts the largest legal request: 35 Docs of 60,000 characters', async () => {
    const body = createBody(35);
    for (const d of body.documents) d.text = `${'a'.repeat(29)} `.repeat(1999).slice(0, 60_000);
    // The body is legal; such Docs are not gradable (over 24,000 characters), so one short Doc makes it an assignment.
    body.documents[0]!.text = 'A short essay of a few words.';
    const res = await h.call<CreateAssignmentResponse>('POST', '/assignments', { token, body });
    expect(res.status).toBe(201);
    expect(res.body.assignment.works[0]!.status).toBe('pending');
    expect(new Set(res.body.assignment.works.slice(1).map((w) => `${w.status}: ${w.failureReason}`))).toEqual(new Set(['failed: Longer than 24,000 characters']));
  });
});

describe('queries and path ids', () => {
  it.each([
    ['limit=0', 'limit'],
    ['limit=51', 'limit'],
    ['limit=ten', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
  ])('GET /assignments?%s answers 400 naming %s', async (query, field) => {
    await expect400('GET', `/assignments?${query}`, undefined, [field]);
  });

  it.each(['has.dot', 'a%2Fb', 'x'.repeat(129)])('treats the malformed id %s as not found', async (id) => {
    const res = await h.call<Fields>('GET', `/assignments/${id}`, { token });
    expect(res.status).toBe(404);
    expect(ApiErrorBodySchema.safeParse(res.body).success).toBe(true);
  });

  it('treats a non-Doc id in the Doc lookup as not found', async () => {
    expect((await h.call('GET', '/works/by-doc/short', { token })).status).toBe(404);
  });
});

describe('edits, sent and bodiless posts', () => {
  const workPath = () => `/assignments/${graded.assignmentId}/works/${graded.workId}`;

  it.each([
    ['an unknown target', { target: 'grade', text: 'x' }, ['target']],
    ['empty text', { target: 'qualitativeFeedback', text: '   ' }, ['text']],
    ['text over 10,000 characters', { target: 'question', text: 'q'.repeat(10_001) }, ['text']],
    ['an item edit that changes nothing', { target: 'feedbackItem', itemId: 'f1' }, ['title']],
    ['a level from another rubric', { target: 'criterionLevel', criterionId: 'c0', levelId: 'zz', explanation: 'x' }, ['levelId']],
  ])('PATCH work refuses %s', async (_label, body, paths) => {
    const before = (await h.paths.work(graded.assignmentId, graded.workId).get()).data()!.feedback;
    await expect400('PATCH', workPath(), body, paths);
    expect((await h.paths.work(graded.assignmentId, graded.workId).get()).data()!.feedback).toEqual(before);
  });

  it('PATCH work answers 404 for an item that does not exist', async () => {
    const res = await h.call('PATCH', workPath(), { token, body: { target: 'feedbackItem', itemId: 'nope', title: 'x' } });
    expect(res.status).toBe(404);
  });

  it('PATCH work answers 409 while a work has no feedback', async () => {
    const res = await h.call<Fields>('PATCH', `/assignments/${graded.assignmentId}/works/w02`, { token, body: { target: 'summary', text: 'x' } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
  });

  it('PATCH summary answers 409 before the summary exists', async () => {
    const res = await h.call('PATCH', `/assignments/${graded.assignmentId}/summary`, { token, body: { target: 'qualitativeInsights', text: 'x' } });
    expect(res.status).toBe(409);
  });

  it.each([
    ['no sections', { sections: [] }],
    ['a section twice', { sections: ['feedbackItems', 'feedbackItems'] }],
    ['an unknown section', { sections: ['grades'] }],
  ])('POST sent refuses %s', async (_label, body) => {
    await expect400('POST', `${workPath()}/sent`, body, [body.sections.length === 1 ? 'sections.0' : 'sections']);
    expect((await h.paths.work(graded.assignmentId, graded.workId).get()).data()!.sent).toEqual([]);
  });

  it.each([
    ['/billing/checkout', 'POST'],
    ['/billing/portal', 'POST'],
  ])('%s refuses unknown fields', async (path, method) => {
    await expect400(method, path, { priceId: 'price_free' }, ['']);
  });

  it('POST retry refuses unknown fields', async () => {
    await expect400('POST', `${workPath()}/retry`, { force: true }, ['']);
  });

  it('still serves the work untouched after all that', async () => {
    const res = await h.call<WorkView>('GET', workPath(), { token });
    expect(res.status).toBe(200);
    expect(res.body.feedback?.qualitativeFeedback.editedAt).toBeNull();
  });
});
