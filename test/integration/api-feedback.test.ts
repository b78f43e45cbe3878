import { PNG } from 'pngjs';
import { readUsageDay } from '../../cloud/stats/usage-rollups';
import type { AssignmentDetail, CreateAssignmentResponse, StatsResponse, WorkView } from '../../shared/api';
import { type ApiHarness, createBody, seedGraded, startApiHarness } from './api-harness';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(() => h.close());

const ZONE = { 'x-gradebot-time-zone': 'America/Los_Angeles' };

async function paidTeacher(sub: string): Promise<string> {
  const token = h.token(sub);
  await h.call('GET', '/me', { token, headers: ZONE });
  await h.paths.user(sub).update({ plan: 'paid', 'subscription.status': 'active', 'subscription.currentPeriodEnd': new Date(Date.now() + 30 * 86_400_000) });
  return token;
}

async function gradedAssignment(token: string, works: number, opts: Parameters<typeof seedGraded>[3] = {}): Promise<string> {
  const res = await h.call<CreateAssignmentResponse>('POST', '/assignments', { token, body: createBody(works), headers: ZONE });
  expect(res.status).toBe(201);
  const id = res.body.assignment.id;
  await seedGraded(h, id, res.body.assignment.works.map((w) => w.id), { timeZone: 'America/Los_Angeles', ...opts });
  return id;
}

describe('editing feedback', () => {
  let token: string;
  let path: string;
  beforeAll(async () => {
    token = await paidTeacher('editor-1');
    path = `/assignments/${await gradedAssignment(token, 1)}/works/w01`;
  });

  const patch = (body: unknown) => h.call<WorkView>('PATCH', path, { token, body, headers: ZONE });

  it.each([
    ['qualitativeFeedback', 'A clear claim with room for more evidence.'],
    ['summary', 'Argues for a later start because teens need sleep.'],
    ['question', 'What evidence would convince your principal?'],
  ] as const)('keeps the AI’s %s and shows the teacher’s on the next read', async (target, original) => {
    const res = await patch({ target, text: `Teacher's ${target}` });
    expect(res.status).toBe(200);
    const again = await h.call<WorkView>('GET', path, { token });
    const piece = again.body.feedback![target];
    expect(piece).toEqual({ original, current: `Teacher's ${target}`, editedAt: expect.any(String) });
    expect(res.body.feedback![target]).toEqual(piece);
  });

  it('edits a feedback item’s title and description separately', async () => {
    await patch({ target: 'feedbackItem', itemId: 'f1', title: 'Strong opening claim' });
    const afterTitle = (await h.call<WorkView>('GET', path, { token })).body.feedback!.feedbackItems[0]!;
    expect(afterTitle.title).toMatchObject({ original: 'Clear claim', current: 'Strong opening claim', editedAt: expect.any(String) });
    expect(afterTitle.description.editedAt).toBeNull();
    await patch({ target: 'feedbackItem', itemId: 'f1', description: 'Your thesis is in the first line.' });
    const item = (await h.call<WorkView>('GET', path, { token })).body.feedback!.feedbackItems[0]!;
    expect(item.description).toMatchObject({ original: 'Your first sentence states your position.', current: 'Your thesis is in the first line.' });
    expect(item.title.current).toBe('Strong opening claim');
  });

  it('changes a criterion’s level and explanation, keeping the AI’s level', async () => {
    const res = await patch({ target: 'criterionLevel', criterionId: 'c0', levelId: 'l0', explanation: 'Exceeds: a precise claim.' });
    expect(res.status).toBe(200);
    const level = (await h.call<WorkView>('GET', path, { token })).body.feedback!.criterionLevels[0]!;
    expect(level).toMatchObject({ levelId: 'l0', originalLevelId: 'l1', levelEditedAt: expect.any(String), explanation: { original: 'States a claim.', current: 'Exceeds: a precise claim.' } });
  });

  it('changes nothing when the same text is saved again', async () => {
    const before = (await h.call<WorkView>('GET', path, { token })).body.feedback!.question;
    const stats = (await h.call<StatsResponse>('GET', '/stats', { token })).body;
    await patch({ target: 'question', text: before.current });
    expect((await h.call<WorkView>('GET', path, { token })).body.feedback!.question).toEqual(before);
    const doc = (await h.db.collection('userStats').doc('editor-1').get()).data()!;
    expect(doc.totals.edits).toBe(6);
    expect(stats.totals.worksGraded).toBe(1);
  });

  it('edits the class summary, keeping the AI’s text', async () => {
    const id = await gradedAssignment(token, 2, { summary: true });
    const res = await h.call<AssignmentDetail>('PATCH', `/assignments/${id}/summary`, { token, body: { target: 'qualitativeInsights', text: 'Claims were clear; evidence thin.' } });
    expect(res.status).toBe(200);
    const detail = (await h.call<AssignmentDetail>('GET', `/assignments/${id}`, { token })).body;
    expect(detail.summary!.qualitativeInsights).toEqual({ original: 'Most students stated clear claims.', current: 'Claims were clear; evidence thin.', editedAt: expect.any(String) });
  });
});

describe('sending and retrying', () => {
  it('records each insertion into the Doc, oldest first', async () => {
    const token = await paidTeacher('sender-1');
    const path = `/assignments/${await gradedAssignment(token, 1)}/works/w01`;
    await h.call('POST', `${path}/sent`, { token, body: { sections: ['qualitativeFeedback'] }, headers: ZONE });
    const res = await h.call<WorkView>('POST', `${path}/sent`, { token, body: { sections: ['feedbackItems', 'criterionLevels'] }, headers: ZONE });
    expect(res.status).toBe(200);
    const sent = (await h.call<WorkView>('GET', path, { token })).body.sent;
    expect(sent.map((s) => s.sections)).toEqual([['qualitativeFeedback'], ['feedbackItems', 'criterionLevels']]);
    expect(Date.parse(sent[0]!.at)).toBeLessThanOrEqual(Date.parse(sent[1]!.at));
  });

  it('records a retried insertion once: same insertId, sequential or concurrent, counts feedbackSent once', async () => {
    const token = await paidTeacher('sender-2');
    const path = `/assignments/${await gradedAssignment(token, 1)}/works/w01`;
    const send = (insertId: string, sections: string[] = ['qualitativeFeedback']) =>
      h.call<WorkView>('POST', `${path}/sent`, { token, body: { sections, insertId }, headers: ZONE });
    const first = await send('insert-a');
    expect(first.status).toBe(200);
    expect(first.body.sent).toHaveLength(1);
    // The add-on's call timed out after the API recorded it; the teacher clicks Insert again.
    const again = await send('insert-a');
    expect(again.status).toBe(200);
    expect(again.body.sent).toEqual(first.body.sent);
    // Three copies of the next insertion racing each other.
    const racing = await Promise.all([1, 2, 3].map(() => send('insert-b', ['feedbackItems'])));
    expect(racing.map((r) => r.status)).toEqual([200, 200, 200]);
    const sent = (await h.call<WorkView>('GET', path, { token })).body.sent;
    expect(sent.map((x) => x.sections)).toEqual([['qualitativeFeedback'], ['feedbackItems']]);
    const stats = (await h.call<StatsResponse>('GET', '/stats', { token, headers: ZONE })).body;
    expect(stats.totals.feedbackSent).toBe(2);
    const doc = (await h.db.collection('userStats').doc('sender-2').get()).data()!;
    expect(doc.totals.feedbackSent).toBe(2);
    // Another teacher cannot replay (or probe) this teacher's insert id.
    expect((await h.call('POST', `${path}/sent`, { token: h.token('intruder-2'), body: { sections: ['qualitativeFeedback'], insertId: 'insert-a' } })).status).toBe(404);
  });

  it('puts a failed work back in the queue and answers the detail', async () => {
    const token = await paidTeacher('retrier-1');
    const created = await h.call<CreateAssignmentResponse>('POST', '/assignments', { token, body: createBody(2) });
    const id = created.body.assignment.id;
    await seedGraded(h, id, ['w01']);
    // The pipeline gave up on w02 (its text is kept, so it can be graded again).
    const a = (await h.paths.assignment(id).get()).data()!;
    await h.paths.assignment(id).set({ ...a, works: a.works.map((w) => (w.id === 'w02' ? { ...w, status: 'failed', failureReason: 'GradeBot could not grade this Doc.' } : w)), progress: { ...a.progress, failed: 1 } });
    await h.paths.work(id, 'w02').update({ status: 'failed', failureReason: 'GradeBot could not grade this Doc.' });

    const res = await h.call<AssignmentDetail>('POST', `/assignments/${id}/works/w02/retry`, { token, body: {} });
    expect(res.status).toBe(200);
    // Open again (the pipeline marks it pending or processing) and a feedback task queued for it.
    const open = expect.stringMatching(/^(pending|processing)$/);
    expect(res.body.works.find((w) => w.id === 'w02')).toMatchObject({ status: open, failureReason: null });
    expect((await h.paths.work(id, 'w02').get()).data()).toMatchObject({ status: open, failureReason: null });
    const [tasks] = await h.tasksClient.listTasks({ parent: h.queuePath, responseView: 'FULL' });
    const payloads = tasks.map((t) => JSON.parse(Buffer.from(t.httpRequest?.body as Uint8Array).toString('utf8')) as Record<string, unknown>);
    expect(payloads).toContainEqual(expect.objectContaining({ kind: 'feedback', assignmentId: id, workId: 'w02' }));
    // A double click: answered with the same detail, nothing more queued or counted.
    const twice = await h.call<AssignmentDetail>('POST', `/assignments/${id}/works/w02/retry`, { token, body: {} });
    expect(twice.status).toBe(200);
    expect(twice.body.works.find((w) => w.id === 'w02')).toMatchObject({ status: open, failureReason: null });
    const [after] = await h.tasksClient.listTasks({ parent: h.queuePath });
    expect(after).toHaveLength(tasks.length);
    expect((await h.paths.work(id, 'w02').get()).data()?.attempts).toBe(2);
    const again = await h.call<{ error: { code: string } }>('POST', `/assignments/${id}/works/w01/retry`, { token, body: {} });
    expect(again.status).toBe(409);
  });
});

describe('stats and the contribution chart', () => {
  const day = (d: number, hourUtc = 20) => new Date(Date.UTC(2026, 2, d, hourUtc));

  it('counts activity into totals, streak, averages and the chart, in the teacher’s days', async () => {
    const token = await paidTeacher('stats-1');
    // Grading on March 8, 9 and 10 (Los Angeles), the last at 05:00Z on the 11th = 22:00 on the 10th.
    h.clock.set(day(8));
    const first = await gradedAssignment(token, 3, { at: day(8) });
    h.clock.set(day(9));
    await gradedAssignment(token, 1, { at: day(9) });
    h.clock.set(day(11, 5));
    await gradedAssignment(token, 2, { at: day(11, 5) });
    await h.call('POST', `/assignments/${first}/works/w01/sent`, { token, body: { sections: ['qualitativeFeedback'] }, headers: ZONE });

    h.clock.set(day(11, 6));
    const res = await h.call<StatsResponse>('GET', '/stats', { token, headers: ZONE });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-gradebot-doc-reads')).toBe('2');
    const s = res.body;
    expect(s.streak).toEqual({ current: 3, longest: 3, lastActiveDay: '2026-03-10' });
    expect(s.totals).toEqual({ gradingTasks: 6, assignments: 3, worksGraded: 6, feedbackSent: 1 });
    expect(s.averages).toEqual({ assignmentsPerMonth: 3, worksPerAssignment: 2 });
    expect(s.chart).toMatchObject({ to: '2026-03-10', activeDays: 3, maxPerDay: 3 });
    // The per-day counts behind the chart, days with works graded only, oldest first.
    expect(s.chart.days).toEqual([
      { day: '2026-03-08', count: 3 },
      { day: '2026-03-09', count: 1 },
      { day: '2026-03-10', count: 2 },
    ]);

    // Two days without grading break the streak; the longest is remembered.
    h.clock.set(day(13));
    const later = (await h.call<StatsResponse>('GET', '/stats', { token, headers: ZONE })).body;
    expect(later.streak).toEqual({ current: 0, longest: 3, lastActiveDay: '2026-03-10' });

    const usage = await readUsageDay(h.paths, '2026-03-08');
    expect(usage).toMatchObject({ assignmentsCreated: 1, works: { submitted: 3, graded: 3 }, rubrics: { generated: 1 }, tones: { encouraging: 1 } });
    const march11 = await readUsageDay(h.paths, '2026-03-11');
    expect(march11).toMatchObject({ assignmentsCreated: 1, works: { submitted: 2, graded: 2 }, feedbackSent: 1, sectionsSent: { qualitativeFeedback: 1 } });
    h.clock.set(undefined);
  });

  it('serves the chart at its signed URL without auth, and not once expired or altered', async () => {
    const token = await paidTeacher('chart-1');
    h.clock.set(day(20));
    await gradedAssignment(token, 2, { at: day(20) });
    const stats = (await h.call<StatsResponse>('GET', '/stats', { token, headers: ZONE })).body;
    const img = await fetch(stats.chart.imageUrl);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(await img.arrayBuffer()));
    expect(png.width).toBeGreaterThan(600);
    expect(png.height).toBeGreaterThan(80);
    // The busiest day (March 20, a Friday: column 53, row 5) is drawn in the darkest green.
    const at = (x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)];
    expect(at(4 + 52 * 12 + 5, 4 + 5 * 12 + 5)).toEqual([0x21, 0x6e, 0x39]);
    expect(at(4 + 5, 4 + 5)).toEqual([0xeb, 0xed, 0xf0]);

    const tampered = stats.chart.imageUrl.replace('u=chart-1', 'u=stats-1');
    expect((await fetch(tampered)).status).toBe(403);
    expect((await fetch(stats.chart.imageUrl.replace(/sig=[^&]+/, 'sig=x'))).status).toBe(403);
    h.clock.set(new Date(Date.parse(stats.chart.expiresAt) + 1000));
    const expired = await fetch(stats.chart.imageUrl);
    expect(expired.status).toBe(403);
    expect(expired.headers.get('content-type')).toMatch(/json/);
    h.clock.set(undefined);
  });

  it('prunes day keys older than 400 days, remembering the longest streak they held', async () => {
    const token = await paidTeacher('pruned-1');
    const old = { '2024-01-01': 2, '2024-01-02': 1, '2024-01-03': 4, '2024-01-04': 1 };
    await h.db.collection('userStats').doc('pruned-1').set({ totals: { worksGraded: 8, assignments: 2 }, graded: { ...old, '2026-03-19': 1 }, active: { ...old, '2026-03-19': 1 } });
    h.clock.set(day(20));
    const first = (await h.call<StatsResponse>('GET', '/stats', { token, headers: ZONE })).body;
    expect(first.streak).toEqual({ current: 1, longest: 4, lastActiveDay: '2026-03-19' });
    // Only the chart's year: the 2024 days are not listed.
    expect(first.chart.days).toEqual([{ day: '2026-03-19', count: 1 }]);
    const doc = (await h.db.collection('userStats').doc('pruned-1').get()).data()!;
    expect(doc).toMatchObject({ graded: { '2026-03-19': 1 }, active: { '2026-03-19': 1 }, longestStreak: 4 });
    expect(Object.keys(doc.graded as object)).toEqual(['2026-03-19']);
    const again = (await h.call<StatsResponse>('GET', '/stats', { token, headers: ZONE })).body;
    expect(again.streak.longest).toBe(4);
    expect(again.totals.worksGraded).toBe(8);
    h.clock.set(undefined);
  });
});
