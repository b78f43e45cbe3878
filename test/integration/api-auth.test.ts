import { API_ROUTES, type CreateAssignmentResponse, type RouteName, routePath } from '../../shared/api';
import { type LocalIssuer, startLocalIssuer } from '../../dev/issuer/local-issuer';
import { AUDIENCE, type ApiHarness, createBody, docId, seedGraded, startApiHarness } from './api-harness';

/**
 * Authorization over every route of the contract: a caller without a valid token gets 401 and
 * nothing else; a teacher naming another teacher's assignment or work gets 404, exactly as for an
 * id that does not exist, never data, and changes nothing.
 */

let h: ApiHarness;
let stranger: LocalIssuer;
let owner: { token: string; assignmentId: string; workId: string; body: ReturnType<typeof createBody> };
const SECRET_TITLE = 'Owner-only title 7f3a';

/** A body each route accepts, so that only authorization can refuse it. */
const validBodies: Partial<Record<RouteName, unknown>> = {
  createAssignment: createBody(1),
  editSummary: { target: 'qualitativeInsights', text: 'Edited by someone' },
  editWork: { target: 'qualitativeFeedback', text: 'Edited by someone' },
  retryWork: {},
  editRubric: { op: 'delete', criterionId: 'c0' },
  startGrading: {},
  regrade: { scope: 'all', regradeId: 'rg-intruder' },
  markSent: { sections: ['qualitativeFeedback'] },
  createCheckout: {},
  createPortal: {},
  saveGradingSettings: {},
  editAssignmentSettings: { language: 'english' },
  setExamples: { workIds: [] },
  saveExamples: {},
  calibrate: {},
};

function pathOf(name: RouteName): string {
  const params = { assignmentId: owner.assignmentId, workId: owner.workId, googleDocId: docId('student0') };
  return routePath(name, params as never);
}

const ROUTES = Object.keys(API_ROUTES) as RouteName[];
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  h = await startApiHarness();
  stranger = await startLocalIssuer({ port: 0 });
  const token = h.token('owner-1');
  const body = createBody(2, { title: SECRET_TITLE });
  const created = await h.call<CreateAssignmentResponse>('POST', '/assignments', { token, body });
  expect(created.status).toBe(201);
  const assignmentId = created.body.assignment.id;
  const workId = created.body.assignment.works[0]!.id;
  await seedGraded(h, assignmentId, created.body.assignment.works.map((w) => w.id), { summary: true });
  owner = { token, assignmentId, workId, body };
});
afterAll(async () => {
  await stranger.close();
  await h.close();
});

const badCredentials: [string, () => Record<string, string>][] = [
  ['no token', () => ({})],
  ['a non-Bearer scheme', () => ({ authorization: `Basic ${Buffer.from('owner-1:pw').toString('base64')}` })],
  ['Bearer with nothing', () => ({ authorization: 'Bearer' })],
  ['a token that is not a JWT', () => ({ authorization: 'Bearer not-a-jwt' })],
  ['a tampered signature', () => ({ authorization: `Bearer ${h.token('owner-1').replace(/\.[^.]+$/, '.AAAA')}` })],
  ['an expired token', () => ({ authorization: `Bearer ${h.token('owner-1', { iat: now() - 7200, exp: now() - 3600 })}` })],
  ['the wrong audience', () => ({ authorization: `Bearer ${h.token('owner-1', { aud: 'someone-elses-client' })}` })],
  ['an unverified email', () => ({ authorization: `Bearer ${h.token('owner-1', { email_verified: false })}` })],
  ['an untrusted issuer', () => ({ authorization: `Bearer ${stranger.signIdToken({ sub: 'owner-1', email: 'owner-1@school.test', aud: AUDIENCE })}` })],
];

describe.each(ROUTES)('%s', (name) => {
  const spec = API_ROUTES[name];

  it.each(badCredentials)('refuses %s with 401 and no data', async (_label, headers) => {
    const res = await h.call<{ error: { code: string } }>(spec.method, pathOf(name), { headers: headers(), body: validBodies[name] });
    expect(res.status).toBe(401);
    expect(Object.keys(res.body)).toEqual(['error']);
    expect(res.body.error.code).toBe('unauthenticated');
    expect(res.text).not.toContain(SECRET_TITLE);
    expect(res.text).not.toContain(owner.assignmentId);
  });
});

describe('another teacher', () => {
  const other = () => h.token('intruder-1');
  const idRoutes = ROUTES.filter((n) => API_ROUTES[n].pattern.includes(':assignmentId'));

  it.each(idRoutes)('gets 404 and no data from %s on the owner’s assignment', async (name) => {
    const res = await h.call<{ error: { code: string } }>(API_ROUTES[name].method, pathOf(name), { token: other(), body: validBodies[name] });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(res.text).not.toContain(SECRET_TITLE);
    expect(res.text).not.toContain('Schools should start later');
  });

  it('gets the same 404 for an id that does not exist', async () => {
    const mine = await h.call<{ error: unknown }>('GET', `/assignments/${owner.assignmentId}`, { token: other() });
    const none = await h.call<{ error: unknown }>('GET', '/assignments/a000000000000000000000000', { token: other() });
    expect(mine.status).toBe(none.status);
    expect(mine.body).toEqual(none.body);
  });

  it('sees only their own assignments, stats and account', async () => {
    const list = await h.call<{ items: unknown[] }>('GET', '/assignments', { token: other() });
    expect(list.body.items).toEqual([]);
    const me = await h.call<{ email: string }>('GET', '/me', { token: other() });
    expect(me.body.email).toBe('intruder-1@school.test');
    const stats = await h.call<{ totals: { worksGraded: number } }>('GET', '/stats', { token: other() });
    expect(stats.body.totals.worksGraded).toBe(0);
  });

  it('finds nothing when naming the owner’s Doc', async () => {
    const res = await h.call('GET', pathOf('findWorksByDoc'), { token: other() });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ latest: null, matches: [] });
    const own = await h.call<{ latest: { assignmentTitle: string } }>('GET', pathOf('findWorksByDoc'), { token: owner.token });
    expect(own.body.latest.assignmentTitle).toBe(SECRET_TITLE);
  });

  it('cannot reach the owner’s assignment by reusing their request id', async () => {
    const res = await h.call<CreateAssignmentResponse>('POST', '/assignments', { token: other(), body: owner.body });
    expect(res.status).toBe(201);
    expect(res.body.created).toBe(true);
    expect(res.body.assignment.id).not.toBe(owner.assignmentId);
  });

  it('changed nothing of the owner’s', async () => {
    const a = (await h.paths.assignment(owner.assignmentId).get()).data()!;
    expect(a.title).toBe(SECRET_TITLE);
    const w = (await h.paths.work(owner.assignmentId, owner.workId).get()).data()!;
    expect(w.feedback?.qualitativeFeedback.editedAt).toBeNull();
    expect(w.sent).toEqual([]);
    expect(w.status).toBe('completed');
    const s = (await h.paths.summary(owner.assignmentId).get()).data()!;
    expect(s.qualitativeInsights.editedAt).toBeNull();
  });
});
