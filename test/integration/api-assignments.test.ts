import { ApiErrorBodySchema, type AssignmentDetail, type AssignmentPage, type CreateAssignmentResponse, type DeleteAssignmentResponse } from '../../shared/api';
import { type ApiHarness, createBody, startApiHarness } from './api-harness';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(() => h.close());

/** A paid teacher with room for many assignments this month. */
async function paidTeacher(sub: string): Promise<string> {
  const token = h.token(sub);
  expect((await h.call('GET', '/me', { token })).status).toBe(200);
  await h.paths.user(sub).update({ plan: 'paid', 'subscription.status': 'active', 'subscription.currentPeriodEnd': new Date(Date.now() + 30 * 86_400_000) });
  return token;
}

describe('POST /assignments', () => {
  it('creates the assignment with one work per Doc, queues the rubric task and answers the detail', async () => {
    const token = h.token('creator-1');
    const body = createBody(3);
    body.documents[1]!.text = '   ';
    body.documents[2]!.text = 'word '.repeat(2001);
    const res = await h.call<CreateAssignmentResponse>('POST', '/assignments', { token, body, headers: { 'x-gradebot-time-zone': 'America/Chicago' } });
    expect(res.status).toBe(201);
    const a = res.body.assignment;
    expect(res.body.created).toBe(true);
    expect(a).toMatchObject({ title: body.title, status: 'pending', rubric: null, summary: null, estimate: { text: 'Calculating estimated completion time...', remainingSeconds: null } });
    expect(a.works.map((w) => w.status)).toEqual(['pending', 'failed', 'failed']);
    expect(a.works[1]!.failureReason).toMatch(/empty/);
    expect(a.works[2]!.failureReason).toMatch(/2,000 words/);
    expect(a.progress).toEqual({ total: 3, completed: 0, failed: 2, rubricDone: false, summaryDone: false });

    const stored = (await h.paths.works(a.id).get()).docs.map((d) => d.data());
    expect(stored).toHaveLength(3);
    expect((await h.paths.user('creator-1').get()).data()).toMatchObject({ timeZone: 'America/Chicago' });
    // The worker counts the teacher's grading days in the zone admission stored.
    expect((await h.paths.assignment(a.id).get()).data()?.timeZone).toBe('America/Chicago');
    const [tasks] = await h.tasksClient.listTasks({ parent: h.queuePath, responseView: 'FULL' });
    const payloads = tasks.map((t) => JSON.parse(Buffer.from(t.httpRequest?.body as Uint8Array).toString('utf8')) as unknown);
    expect(payloads).toContainEqual({ kind: 'rubric', assignmentId: a.id, round: 1 });
  });

  it('answers a repeated clientRequestId with the same assignment, counted once', async () => {
    const token = await paidTeacher('creator-2');
    const body = createBody(2);
    const first = await h.call<CreateAssignmentResponse>('POST', '/assignments', { token, body });
    const again = await h.call<CreateAssignmentResponse>('POST', '/assignments', { token, body });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ created: false, assignment: { id: first.body.assignment.id } });
    const user = (await h.paths.user('creator-2').get()).data()!;
    expect(Object.values(user.usage)).toEqual([1]);
  });

  it('sends a free teacher at the limit to Checkout (402 with a Stripe URL), counting nothing', async () => {
    const token = h.token('free-1');
    expect((await h.call('POST', '/assignments', { token, body: createBody(1) })).status).toBe(201);
    const res = await h.call<{ error: Record<string, unknown> }>('POST', '/assignments', { token, body: createBody(1) });
    expect(res.status).toBe(402);
    expect(res.body.error).toMatchObject({ code: 'free_limit', used: 1, limit: 1, checkoutUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//) });
    expect((await h.paths.assignments().where('userId', '==', 'free-1').get()).size).toBe(1);
  });

  it('stops a paid teacher at 300 with the reset date (429)', async () => {
    const token = await paidTeacher('paid-full');
    const month = (await h.call<{ usage: { month: string } }>('GET', '/me', { token })).body.usage.month;
    await h.paths.user('paid-full').update({ usage: { [month]: 300 } });
    const res = await h.call<{ error: Record<string, unknown> }>('POST', '/assignments', { token, body: createBody(1) });
    expect(res.status).toBe(429);
    expect(res.body.error).toMatchObject({ code: 'paid_limit', used: 300, limit: 300, resetsOn: expect.stringMatching(/^\d{4}-\d{2}-01$/) });
    // Which month counts, for the card that shows the reset date.
    expect(res.body.error.note).toBe('Your monthly allowance follows the calendar month in your time zone (UTC) and resets at midnight on the 1st.');
    expect(ApiErrorBodySchema.parse(res.body).error).toMatchObject({ code: 'paid_limit', note: expect.stringContaining('calendar month') });
  });
});

describe('writing-process evidence', () => {
  it('stores each Doc’s summary with its work, flags one addition that is most of the text, and serves both', async () => {
    const token = await paidTeacher('process-1');
    const body = createBody(3);
    const pasted = {
      status: 'summarized' as const, revisionCount: 3, sampledCount: 2, sessionCount: 1, sessionStarts: ['2025-03-13T00:50:00.000Z'], firstAt: '2025-03-13T00:50:00.000Z', lastAt: '2025-03-13T01:09:00.000Z',
      largestAddition: { share: 0.92, at: '2025-03-13T01:04:00.000Z', from: '2025-03-13T00:50:00.000Z', revisions: 1 }, firstRevisionShare: 0.01, otherEditors: [], otherEditorCount: 0, teacherRevisions: 0, listIncomplete: false,
    };
    body.documents[0]!.writingProcess = pasted;
    body.documents[1]!.writingProcess = { ...pasted, sessionCount: 4, largestAddition: { ...pasted.largestAddition, share: 0.12 } };
    const res = await h.call<CreateAssignmentResponse>('POST', '/assignments', { token, body });
    expect(res.status).toBe(201);
    const a = res.body.assignment;
    expect(a.works.map((w) => w.processFlag)).toEqual([{ kind: 'one_addition', share: 0.92 }, null, null]);
    const work = await h.call<{ writingProcess: unknown; feedback: unknown }>('GET', `/assignments/${a.id}/works/${a.works[0]!.id}`, { token });
    expect(work.body.writingProcess).toEqual(pasted);
    const third = await h.call<{ writingProcess: unknown }>('GET', `/assignments/${a.id}/works/${a.works[2]!.id}`, { token });
    expect(third.body.writingProcess).toBeNull();
    expect((await h.paths.work(a.id, a.works[0]!.id).get()).data()?.writingProcess).toEqual(pasted);
  });

  it('refuses a summary that is not one, naming the field', async () => {
    const body = createBody(1);
    (body.documents[0] as Record<string, unknown>).writingProcess = { status: 'summarized', revisionCount: -1 };
    const res = await h.call<{ error: { code: string; fields: Array<{ path: string }> } }>('POST', '/assignments', { token: h.token('process-2'), body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields.map((f) => f.path).some((p) => p.startsWith('documents.0.writingProcess'))).toBe(true);
  });
});

describe('GET /assignments/:id', () => {
  it('renders the detail from one read, and two once the summary is stored, whatever the number of works', async () => {
    const token = await paidTeacher('reader-1');
    for (const n of [1, 35]) {
      const created = await h.call<CreateAssignmentResponse>('POST', '/assignments', { token, body: createBody(n) });
      const id = created.body.assignment.id;
      const res = await h.call<AssignmentDetail>('GET', `/assignments/${id}`, { token });
      expect(res.status).toBe(200);
      expect(res.body.works).toHaveLength(n);
      expect(res.headers.get('x-gradebot-doc-reads')).toBe('1');

      const a = (await h.paths.assignment(id).get()).data()!;
      await h.paths.assignment(id).set({ ...a, status: 'complete', progress: { ...a.progress, completed: n, rubricDone: true, summaryDone: true }, totalProcessingMs: 90_000, completedAt: new Date() });
      const insights = { original: 'Most claims were clear.', current: 'Most claims were clear.', editedAt: null };
      await h.paths.summary(id).set({ assignmentId: id, studentWorkCount: n, qualitativeInsights: insights, feedbackItems: [], nextSteps: ['Cite a source.'], createdAt: new Date(), updatedAt: new Date() });
      const done = await h.call<AssignmentDetail>('GET', `/assignments/${id}`, { token });
      expect(done.headers.get('x-gradebot-doc-reads')).toBe('2');
      expect(done.body.summary).toMatchObject({ studentWorkCount: n, qualitativeInsights: insights, nextSteps: ['Cite a source.'] });
      expect(done.body.estimate.text).toMatch(/^Total processing time/);
    }
  });
});

describe('GET /assignments', () => {
  it('pages through the teacher’s assignments newest first with a cursor', async () => {
    const token = await paidTeacher('lister-1');
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      h.clock.set(new Date(Date.UTC(2026, 2, 1 + i, 12)));
      const res = await h.call<CreateAssignmentResponse>('POST', '/assignments', { token, body: createBody(1, { title: `Essay ${i}` }) });
      ids.push(res.body.assignment.id);
    }
    h.clock.set(undefined);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
      const page: { status: number; body: AssignmentPage } = await h.call<AssignmentPage>('GET', `/assignments${query}`, { token });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it('answers an empty page to a teacher with nothing yet', async () => {
    const res = await h.call<AssignmentPage>('GET', '/assignments', { token: h.token('lister-empty') });
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });
});

describe('DELETE /assignments/:id', () => {
  it('removes the assignment, its works with the student text and its summary, and nothing else', async () => {
    const token = await paidTeacher('deleter-1');
    const keep = (await h.call<CreateAssignmentResponse>('POST', '/assignments', { token, body: createBody(2) })).body.assignment.id;
    const gone = (await h.call<CreateAssignmentResponse>('POST', '/assignments', { token, body: createBody(35) })).body.assignment.id;
    await h.paths.summary(gone).set({ assignmentId: gone, studentWorkCount: 35, qualitativeInsights: { original: 'x', current: 'x', editedAt: null }, feedbackItems: [], nextSteps: [], createdAt: new Date(), updatedAt: new Date() });

    const res = await h.call<DeleteAssignmentResponse>('DELETE', `/assignments/${gone}`, { token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ deleted: true, id: gone });
    expect((await h.paths.assignment(gone).get()).exists).toBe(false);
    expect((await h.paths.works(gone).get()).size).toBe(0);
    expect((await h.paths.summary(gone).get()).exists).toBe(false);
    expect(await h.paths.assignment(gone).listCollections()).toEqual([]);
    expect((await h.call('GET', `/assignments/${gone}`, { token })).status).toBe(404);
    expect((await h.call('DELETE', `/assignments/${gone}`, { token })).status).toBe(404);

    expect((await h.paths.works(keep).get()).size).toBe(2);
    expect((await h.call('GET', `/assignments/${keep}`, { token })).status).toBe(200);
  });
});

describe('account routes', () => {
  it('GET /me tells the plan, this month’s usage in the teacher’s zone, and the subscription', async () => {
    const token = h.token('account-1');
    h.clock.set(new Date('2026-02-01T03:00:00Z')); // still January 31 in Los Angeles
    const zone = { 'x-gradebot-time-zone': 'America/Los_Angeles' };
    expect((await h.call('POST', '/assignments', { token, body: createBody(1), headers: zone })).status).toBe(201);
    const me = await h.call('GET', '/me', { token, headers: zone });
    h.clock.set(undefined);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      email: 'account-1@school.test',
      plan: 'free',
      timeZone: 'America/Los_Angeles',
      usage: {
        month: '2026-01',
        monthLabel: 'January 2026',
        used: 1,
        limit: 1,
        remaining: 0,
        resetsOn: '2026-02-01',
        note: 'Your monthly allowance follows the calendar month in your time zone (America/Los_Angeles) and resets at midnight on the 1st.',
      },
      subscription: { status: 'none', cancelAtPeriodEnd: false, currentPeriodEnd: null },
    });
  });

  it('POST /billing/checkout and /billing/portal answer Stripe URLs for the teacher', async () => {
    const token = h.token('account-2');
    const checkout = await h.call<{ url: string }>('POST', '/billing/checkout', { token, body: {} });
    expect(checkout.status).toBe(200);
    expect(checkout.body.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const customer = (await h.paths.user('account-2').get()).data()!.subscription.stripeCustomerId;
    expect(customer).toMatch(/^cus_/);
    const portal = await h.call<{ url: string }>('POST', '/billing/portal', { token });
    expect(portal.status).toBe(200);
    expect(portal.body.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(portal.body.url).not.toBe(checkout.body.url);
  });
});
