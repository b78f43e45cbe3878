import type { Firestore } from '@google-cloud/firestore';
import { QuotaExceededError } from '../../cloud/billing/errors';
import { reserveQuota } from '../../cloud/billing/quota-transaction';
import { createPaths, type Paths } from '../../cloud/store/paths';
import { ensureUser, getUser } from '../../cloud/store/users-repo';
import type { Assignment } from '../../shared/domain/assignment';
import { testFirestore } from '../support/firestore';

const limits = { free: 1, paid: 300 };
const now = new Date('2025-03-10T12:00:00Z');
let db: Firestore;
let paths: Paths;

beforeAll(() => {
  db = testFirestore();
  paths = createPaths(db);
});
afterAll(async () => {
  await db.terminate();
});

function assignment(id: string, userId: string, quotaMonth: string): Assignment {
  return {
    id,
    userId,
    title: 'Essay',
    subject: 'English',
    gradeLevel: '8',
    instructions: 'Write.',
    rubricMode: 'generate',
    rawRubricText: null,
    feedbackTone: 'neutral',
    status: 'pending',
    rubric: null,
    progress: { total: 0, completed: 0, failed: 0, rubricDone: false, summaryDone: false },
    works: [],
    costUsd: 0,
    totalProcessingMs: null,
    quotaMonth,
    createdAt: now,
    updatedAt: now,
    processingStartedAt: null,
    completedAt: null,
    purgeTextAt: null,
  };
}

/** What the API's create does: reserve, then create the assignment, in one transaction. */
function create(userId: string, assignmentId: string) {
  return db.runTransaction(async (tx) => {
    const r = await reserveQuota(tx, paths, userId, now, { idempotencyKey: assignmentId, limits });
    if (r.kind === 'reserved') tx.create(paths.assignment(assignmentId), assignment(assignmentId, userId, r.month));
    return r;
  });
}

async function settle(n: number, userId: string, prefix: string) {
  const results = await Promise.allSettled(Array.from({ length: n }, (_, i) => create(userId, `${prefix}-${i}`)));
  const ok = results.filter((r) => r.status === 'fulfilled');
  const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
  return { ok, rejected };
}

async function seedPaid(id: string, used: number) {
  await ensureUser(paths, { id, email: `${id}@school.test`, timeZone: 'UTC' }, now);
  await paths.user(id).update({
    plan: 'paid',
    'subscription.status': 'active',
    'subscription.currentPeriodEnd': new Date('2025-04-01T00:00:00Z'),
    usage: { '2025-03': used },
  });
}

describe('reserveQuota inside the create transaction', () => {
  it('lets exactly 1 of 20 concurrent creates by a free teacher succeed', async () => {
    await ensureUser(paths, { id: 'free-1', email: 'free1@school.test', timeZone: 'UTC' }, now);
    const { ok, rejected } = await settle(20, 'free-1', 'free-a');
    expect(ok).toHaveLength(1);
    expect(rejected).toHaveLength(19);
    for (const err of rejected) {
      expect(err).toBeInstanceOf(QuotaExceededError);
      expect((err as QuotaExceededError).kind).toBe('free_limit');
    }
    expect((await getUser(paths, 'free-1'))?.usage).toEqual({ '2025-03': 1 });
    expect((await paths.assignments().where('userId', '==', 'free-1').get()).size).toBe(1);
  });

  it('lets exactly 1 more create succeed for a paid teacher at 299, and names the reset date', async () => {
    await seedPaid('paid-1', 299);
    const { ok, rejected } = await settle(8, 'paid-1', 'paid-a');
    expect(ok).toHaveLength(1);
    expect(rejected).toHaveLength(7);
    for (const err of rejected) {
      expect(err).toMatchObject({ kind: 'paid_limit', resetsOn: '2025-04-01', code: 'paid_limit' });
    }
    expect((await getUser(paths, 'paid-1'))?.usage['2025-03']).toBe(300);
  });

  it('never double-counts a retried create, sequential or concurrent', async () => {
    await seedPaid('paid-2', 10);
    const first = await create('paid-2', 'req-x');
    expect(first).toMatchObject({ kind: 'reserved', used: 11 });
    expect(await create('paid-2', 'req-x')).toEqual({ kind: 'replayed', month: '2025-03' });
    // Five copies of a new request racing each other count once.
    const racing = await Promise.allSettled(Array.from({ length: 5 }, () => create('paid-2', 'req-y')));
    expect(racing.every((r) => r.status === 'fulfilled')).toBe(true);
    const kinds = racing.map((r) => (r.status === 'fulfilled' ? r.value.kind : 'failed')).sort();
    expect(kinds).toEqual(['replayed', 'replayed', 'replayed', 'replayed', 'reserved']);
    expect((await getUser(paths, 'paid-2'))?.usage['2025-03']).toBe(12);
  });

  it('replays a retry even when the teacher is now at the limit', async () => {
    await ensureUser(paths, { id: 'free-2', email: 'free2@school.test', timeZone: 'UTC' }, now);
    await create('free-2', 'only-one');
    await expect(create('free-2', 'only-one')).resolves.toEqual({ kind: 'replayed', month: '2025-03' });
    await expect(create('free-2', 'another')).rejects.toMatchObject({ kind: 'free_limit', code: 'free_limit' });
  });

  it('refuses an unknown teacher and a request id owned by someone else', async () => {
    await expect(create('nobody', 'n-1')).rejects.toMatchObject({ code: 'not_found' });
    await ensureUser(paths, { id: 'free-3', email: 'free3@school.test', timeZone: 'UTC' }, now);
    await expect(create('free-3', 'only-one')).rejects.toMatchObject({ code: 'conflict' });
    expect((await getUser(paths, 'free-3'))?.usage).toEqual({});
  });
});

describe('ensureUser', () => {
  it('creates a free teacher once and keeps billing state on later sign-ins', async () => {
    const u = await ensureUser(paths, { id: 'new-1', email: 'a@school.test', timeZone: 'Bad/Zone' }, now);
    expect(u).toMatchObject({ plan: 'free', timeZone: 'UTC', usage: {}, subscription: { status: 'none', stripeCustomerId: null } });
    await paths.user('new-1').update({ 'subscription.stripeCustomerId': 'cus_1', usage: { '2025-03': 1 } });
    const again = await ensureUser(paths, { id: 'new-1', email: 'b@school.test', timeZone: 'Europe/Paris' }, now);
    expect(again).toMatchObject({ email: 'b@school.test', timeZone: 'Europe/Paris', usage: { '2025-03': 1 }, subscription: { stripeCustomerId: 'cus_1' } });
    expect(await getUser(paths, 'new-1')).toEqual(again);
  });
});
