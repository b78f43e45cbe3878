import type { AssignmentDetail, CreateAssignmentResponse, MeResponse } from '../../shared/api';
import { REVIEW_TEXT } from '../../shared/rules/estimate';
import { type ApiHarness, createBody, seedGraded, startApiHarness } from './api-harness';

/**
 * The rubric routes over HTTP: PATCH /assignments/:id/rubric (field messages, AI original kept,
 * allowed only in review or once complete), POST …/start and POST …/regrade (idempotent, no quota).
 * The queue is paused: what a route queued is read back from it.
 */

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(() => h.close());

type Fields = { error: { code: string; fields: { path: string; message: string }[]; message: string } };

async function queued(assignmentId: string): Promise<string[]> {
  const [tasks] = await h.tasksClient.listTasks({ parent: h.queuePath, responseView: 'FULL' });
  // Task ids carry a hash prefix (spread across the queue's keyspace); the rubric task was queued at creation.
  return tasks.map((t) => t.name!.split('/').pop()!.replace(/^[0-9a-f]{8}-/, '')).filter((n) => n.startsWith(`feedback-${assignmentId}`)).sort();
}

/** An assignment whose rubric waits for review, as the rubric task leaves it. */
async function inReview(token: string, works = 2): Promise<string> {
  const res = await h.call<CreateAssignmentResponse>('POST', '/assignments', { token, body: createBody(works, { reviewRubric: true }) });
  expect(res.status).toBe(201);
  expect(res.body.assignment.reviewRubric).toBe(true);
  const id = res.body.assignment.id;
  await seedGraded(h, id, []);
  await h.paths.assignment(id).update({ status: 'review' });
  return id;
}

test('in review: the detail says so; edits with clear field messages; Start grading fans out once', async () => {
  const token = h.token('rubric-reviewer');
  const id = await inReview(token);
  const detail = (await h.call<AssignmentDetail>('GET', `/assignments/${id}`, { token })).body;
  expect(detail.status).toBe('review');
  expect(detail.estimate).toEqual({ text: REVIEW_TEXT, remainingSeconds: null });

  const patch = (body: unknown) => h.call<AssignmentDetail & Fields>('PATCH', `/assignments/${id}/rubric`, { token, body });
  const claim = detail.rubric!.criteria[0]!;
  const levels = claim.levels.map((l) => ({ id: l.id, title: l.title, description: l.description, points: l.points }));

  const bad = await patch({ op: 'update', criterionId: claim.id, criterion: { title: '', description: '', levels: [{ ...levels[0], title: '  ', points: -2 }] } });
  expect(bad.status).toBe(400);
  expect(bad.body.error.fields).toEqual(
    expect.arrayContaining([
      { path: 'criterion.title', message: 'Enter a name for the criterion' },
      { path: 'criterion.levels.0.title', message: 'Enter a name for the level' },
      { path: 'criterion.levels.0.points', message: 'Points must be a number from 0 to 1,000, like 4 or 2.5' },
    ]),
  );

  const ok = await patch({ op: 'update', criterionId: claim.id, criterion: { title: 'Claim', description: claim.description, levels: [{ ...levels[0], description: 'A precise claim', points: 4 }, ...levels.slice(1).map((l, i) => ({ ...l, points: 3 - i }))] } });
  expect(ok.status).toBe(200);
  const edited = ok.body.rubric!.criteria[0]!;
  expect(edited.levels[0]).toMatchObject({ description: 'A precise claim', points: 4, original: { title: 'Exceeds', description: 'Exceeds the standard.', points: null } });
  expect(edited.levels[0]!.added).toBe(false);

  // Nothing is queued for grading until Start grading; then one task per work, however many clicks.
  expect(await queued(id)).toEqual([]);
  const [a, b] = await Promise.all([
    h.call<AssignmentDetail>('POST', `/assignments/${id}/start`, { token, body: {} }),
    h.call<AssignmentDetail>('POST', `/assignments/${id}/start`, { token, body: {} }),
  ]);
  expect([a.status, b.status]).toEqual([200, 200]);
  expect(a.body.status).toBe('processing');
  expect(await queued(id)).toEqual([`feedback-${id}-w01-1`, `feedback-${id}-w02-1`]);

  // While grading, the rubric cannot change under the works.
  const busy = await patch({ op: 'delete', criterionId: claim.id });
  expect(busy.status).toBe(409);
  expect(busy.body.error.message).toBe('GradeBot is grading with this rubric right now. Edit it when grading is complete.');
});

test('after grading: edit, then re-grade the changed works — the count, idempotent, no quota, the work lines follow', async () => {
  const token = h.token('rubric-regrader');
  await h.call('GET', '/me', { token });
  await h.paths.user('rubric-regrader').update({ plan: 'paid', 'subscription.status': 'active', 'subscription.currentPeriodEnd': new Date(Date.now() + 30 * 86_400_000) });
  const res = await h.call<CreateAssignmentResponse>('POST', '/assignments', { token, body: createBody(3) });
  const id = res.body.assignment.id;
  await seedGraded(h, id, ['w01', 'w02', 'w03'], { summary: true });
  const usedBefore = (await h.call<MeResponse>('GET', '/me', { token })).body.usage.used;

  const detail = (await h.call<AssignmentDetail>('GET', `/assignments/${id}`, { token })).body;
  expect(detail.regrade).toEqual({ all: 3, changed: 0 });
  const tooMany = await h.call<Fields>('POST', `/assignments/${id}/regrade`, { token, body: { scope: 'changed', regradeId: 'rg-none' } });
  expect(tooMany.status).toBe(409);

  const moved = await h.call<AssignmentDetail>('PATCH', `/assignments/${id}/rubric`, { token, body: { op: 'move', criterionId: 'c2', direction: 'up' } });
  expect(moved.body.rubric!.criteria.map((c) => c.id)).toEqual(['c0', 'c2', 'c1']);
  // A reorder changes no grade.
  expect(moved.body.regrade.changed).toBe(0);

  const added = await h.call<AssignmentDetail>('PATCH', `/assignments/${id}/rubric`, {
    token,
    body: { op: 'add', criterion: { title: 'Counterclaim', description: 'Answers the other side', levels: [{ title: 'Yes', description: 'Answered', points: 1 }, { title: 'No', description: 'Not answered', points: 0 }] } },
  });
  expect(added.status).toBe(200);
  expect(added.body.rubric!.criteria.map((c) => c.title)).toEqual(['Claim', 'Organization', 'Evidence', 'Counterclaim']);
  expect(added.body.regrade).toEqual({ all: 3, changed: 3 });
  expect(added.body.works.every((w) => w.outdated)).toBe(true);

  const again = (n: string) => h.call<AssignmentDetail>('POST', `/assignments/${id}/regrade`, { token, body: { scope: 'changed', regradeId: n } });
  const [r1, r2] = await Promise.all([again('rg-1'), again('rg-1')]);
  expect([r1.status, r2.status]).toEqual([200, 200]);
  expect(r1.body.status).toBe('processing');
  expect(r1.body.works.map((w) => w.status)).toEqual(['processing', 'processing', 'processing']);
  expect(await queued(id)).toEqual([`feedback-${id}-w01-2`, `feedback-${id}-w02-2`, `feedback-${id}-w03-2`]);
  // The teacher's own feedback edits go with the old grading.
  expect((await h.paths.work(id, 'w01').get()).data()!.feedback).toBeNull();
  expect((await h.call<MeResponse>('GET', '/me', { token })).body.usage.used).toBe(usedBefore);

  // While re-grading: no second re-grade, no rubric edits.
  expect((await again('rg-2')).status).toBe(409);
  expect((await h.call('PATCH', `/assignments/${id}/rubric`, { token, body: { op: 'delete', criterionId: 'c0' } })).status).toBe(409);
});

test('another teacher’s assignment is not found; a bad body is a 400 with fields', async () => {
  const owner = h.token('rubric-owner');
  const id = await inReview(owner, 1);
  const other = h.token('rubric-stranger');
  expect((await h.call('POST', `/assignments/${id}/start`, { token: other, body: {} })).status).toBe(404);
  expect((await h.call('PATCH', `/assignments/${id}/rubric`, { token: other, body: { op: 'delete', criterionId: 'c0' } })).status).toBe(404);
  const bad = await h.call<Fields>('POST', `/assignments/${id}/regrade`, { token: owner, body: { scope: 'some' } });
  expect(bad.status).toBe(400);
  expect(bad.body.error.fields.map((f) => f.path).sort()).toEqual(['regradeId', 'scope']);
  const last = await h.call<Fields>('PATCH', `/assignments/${id}/rubric`, { token: owner, body: { op: 'add', criterion: { title: 'Claim', description: '', levels: [{ title: 'A', description: '', points: null }] } } });
  expect(last.status).toBe(400);
  expect(last.body.error.fields).toEqual([{ path: 'criterion.title', message: 'Another criterion is called "Claim": give each its own name' }]);
});
