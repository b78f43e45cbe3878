import type { DocumentData, DocumentReference, Firestore } from '@google-cloud/firestore';
import { deleteAccount } from '../../cloud/account/delete-account';
import { applyStripeEvent } from '../../cloud/billing/webhook-handler';
import { StripeEventEnvelopeSchema } from '../../cloud/billing/event-facts';
import { createStripeClient } from '../../cloud/billing/stripe-client';
import { LOCAL_STRIPE_SECRET_KEY } from '../../cloud/config/billing';
import { silentLogger } from '../../cloud/log';
import { taskName } from '../../cloud/pipeline/payloads';
import { writeTaskRun } from '../../cloud/pipeline/task-runs';
import { freePort } from '../../dev/free-port';
import type { CreateAssignmentResponse, DeleteAccountResponse, MeResponse } from '../../shared/api';
import { type ApiHarness, createBody, startApiHarness } from './api-harness';
import { admission, essay } from './pipeline-fixtures';
import { type PipelineStack, startPipelineStack } from './pipeline-harness';

/**
 * Deletion leaves nothing behind. Two teachers' data is made the way production makes it — the
 * pipeline grades (texts, feedback, summaries, cost records, metrics, rollups, stats, memos), the
 * API creates, Stripe's events are applied — then every document of every collection, at every
 * depth (including documents that exist only as parents of subcollections), is listed before and
 * after. One teacher's account goes: nothing that names them or holds their students' text is
 * left, the other teacher's data is untouched, and Stripe has cancelled the subscription but kept
 * the customer.
 */

const A = 'teacher-a';
const B = 'teacher-b';
/** Sentences only A's students wrote: they must vanish everywhere, evidence quotes included. */
const A_MARK = 'The quokka sleeps through the morning bell in Zanzibar.';
const aEssay = (i: number) => `${A_MARK} ${essay(i + 100)} ${A_MARK}`;

let h: ApiHarness;
let stack: PipelineStack;
let db: Firestore;

beforeAll(async () => {
  h = await startApiHarness();
  db = h.db;
  stack = await startPipelineStack({ db });
});
afterAll(async () => {
  await stack.close();
  await h.close();
});

type Dump = Map<string, DocumentData | null>;

/** Every document in the database, by path; a parent that exists only through its subcollections is null. */
async function dumpAll(): Promise<Dump> {
  const out: Dump = new Map();
  const walk = async (refs: DocumentReference[]) => {
    for (const ref of refs) {
      const snap = await ref.get();
      out.set(ref.path, snap.exists ? (snap.data() ?? {}) : null);
      for (const sub of await ref.listCollections()) await walk(await sub.listDocuments());
    }
  };
  for (const c of await db.listCollections()) await walk(await c.listDocuments());
  return out;
}

const json = (d: DocumentData | null | undefined) => JSON.stringify(d ?? null);
const mentions = (path: string, d: DocumentData | null | undefined, needles: string[]) => needles.some((n) => path.includes(n) || json(d).includes(n));

/** A teacher with two graded assignments (one work refused, so a memo-less failure) through the pipeline. */
async function gradedAssignments(teacher: string, texts: (i: number) => string): Promise<string[]> {
  const ids: string[] = [];
  for (let k = 0; k < 2; k++) {
    stack.model.controls.script(k === 0 ? ['ok', 'ok', 'refusal'] : []);
    const { assignmentId } = await stack.admit(admission([texts(3 * k), texts(3 * k + 1), texts(3 * k + 2)], {}, teacher));
    ids.push(assignmentId);
  }
  await stack.settled();
  return ids;
}

/** A paid subscription, applied as the webhook would apply Stripe's events. */
async function subscribe(teacher: string): Promise<{ customer: string; subscription: string }> {
  const res = await h.call<{ url: string }>('POST', '/billing/checkout', { token: h.token(teacher), body: {} });
  expect(res.status).toBe(200);
  const session = [...h.stripe.state.sessions.values()].find((s) => s.client_reference_id === teacher)!;
  const events = await h.stripe.completeCheckout(session.id);
  for (const e of events) await applyStripeEvent({ paths: h.paths, now: () => new Date() }, StripeEventEnvelopeSchema.parse(e));
  const user = (await h.paths.user(teacher).get()).data()!;
  expect(user.plan).toBe('paid');
  return { customer: user.subscription.stripeCustomerId!, subscription: user.subscription.stripeSubscriptionId! };
}

test('DELETE /account removes everything of the teacher and nothing of anyone else', async () => {
  const aIds = await gradedAssignments(A, aEssay);
  const bIds = await gradedAssignments(B, (i) => essay(i + 200));
  const stripe = await subscribe(A);
  // One more through the API, still waiting for its rubric (the queue is paused there).
  const created = await h.call<CreateAssignmentResponse>('POST', '/assignments', { token: h.token(A), body: createBody(2, { documents: createBody(2).documents.map((d, i) => ({ ...d, text: aEssay(10 + i) })) }) });
  expect(created.status).toBe(201);
  aIds.push(created.body.assignment.id);
  // Memos a dead worker left behind, for A and for B.
  const memo = (assignmentId: string) =>
    writeTaskRun(h.paths, { runId: taskName({ kind: 'feedback', assignmentId, workId: 'w01', attempt: 9 }), kind: 'feedback', outputJson: '{}', model: 'm', inputTokens: 1, outputTokens: 1, costUsd: 0, llmMs: 1, createdAt: new Date() });
  await memo(aIds[0]!);
  await memo(bIds[0]!);

  const before = await dumpAll();
  const aNeedles = [A, `${A}@`, stripe.customer, stripe.subscription, A_MARK, ...aIds];
  const aOwned = [...before].filter(([p, d]) => mentions(p, d, aNeedles));
  // The data exists everywhere it should before: otherwise "nothing left" would prove nothing.
  for (const collection of ['users', 'userStats', 'llmRequests', 'processingMetrics', 'costRollups', 'taskRuns', 'stripeEvents']) {
    expect(aOwned.some(([p]) => p.startsWith(`${collection}/`))).toBe(true);
  }
  for (const sub of ['works', 'texts', 'summary']) expect(aOwned.some(([p]) => p.startsWith(`assignments/${aIds[0]}/${sub}/`))).toBe(true);
  expect(aOwned.some(([, d]) => json(d).includes(A_MARK))).toBe(true);

  const res = await h.call<DeleteAccountResponse>('DELETE', '/account', { token: h.token(A) });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ deleted: true, assignments: 3, subscriptionCanceled: true });

  const after = await dumpAll();
  // Nothing anywhere names the teacher, their customer or assignments, or quotes their students.
  expect([...after].filter(([p, d]) => mentions(p, d, aNeedles)).map(([p, d]) => `${p} ${json(d)}`)).toEqual([]);
  // The Stripe event markers stay (a replayed event must stay a no-op) without the teacher's id.
  for (const [p, d] of aOwned.filter(([p]) => p.startsWith('stripeEvents/'))) {
    expect(after.get(p)).toEqual({ ...d, userId: null });
  }

  // Everything else is exactly as it was: B's data, and totals that name no one.
  for (const [p, d] of before) {
    if (aOwned.some(([q]) => q === p)) continue;
    expect([p, after.get(p)]).toEqual([p, d]);
  }
  expect([...after.keys()].filter((p) => !before.has(p))).toEqual([]);
  expect([...before.keys()].some((p) => p.startsWith(`assignments/${bIds[0]}/texts/`))).toBe(true);

  // Stripe: the subscription is cancelled now; Stripe keeps the customer and its records.
  expect(h.stripe.state.subscriptions.get(stripe.subscription)?.status).toBe('canceled');
  expect(h.stripe.state.customers.has(stripe.customer)).toBe(true);

  // The same teacher coming back starts a new, empty, free account (this instance forgot them).
  const me = await h.call<MeResponse>('GET', '/me', { token: h.token(A) });
  expect(me.status).toBe(200);
  expect(me.body).toMatchObject({ plan: 'free', usage: { used: 0 }, subscription: { status: 'none' } });
  const again = await h.call<DeleteAccountResponse>('DELETE', '/account', { token: h.token(A) });
  expect(again.body).toEqual({ deleted: true, assignments: 0, subscriptionCanceled: false });
  expect((await h.paths.user(A).get()).exists).toBe(false);
});

test('DELETE /assignments/:id leaves nothing of that assignment: works, texts, summary, memos', async () => {
  const teacher = 'teacher-c';
  const [gone, kept] = await gradedAssignments(teacher, (i) => `${A_MARK.replace('quokka', 'wombat')} ${essay(i + 300)}`);
  const memo = (assignmentId: string) =>
    writeTaskRun(h.paths, { runId: taskName({ kind: 'summary', assignmentId, round: 7 }), kind: 'summary', outputJson: '{}', model: 'm', inputTokens: 1, outputTokens: 1, costUsd: 0, llmMs: 1, createdAt: new Date() });
  await memo(gone!);
  await memo(kept!);
  const before = await dumpAll();
  expect([...before.keys()].filter((p) => p.startsWith(`assignments/${gone}/`)).length).toBeGreaterThan(6);

  const res = await h.call('DELETE', `/assignments/${gone}`, { token: h.token(teacher) });
  expect(res.status).toBe(200);
  const after = await dumpAll();
  expect([...after.keys()].filter((p) => p.includes(gone!) && (p.startsWith('assignments/') || p.startsWith('taskRuns/')))).toEqual([]);
  // Cost records stay on purpose (ids and numbers only, no student text): docs/retention.md.
  const costLeft = [...after].filter(([p, d]) => p.startsWith('llmRequests/') && json(d).includes(gone!));
  expect(costLeft.length).toBeGreaterThan(0);
  for (const [, d] of costLeft) expect(json(d)).not.toContain('wombat');
  // The other assignment is whole.
  for (const [p, d] of before) if (p.includes(kept!)) expect(after.get(p)).toEqual(d);
});

test('when Stripe cannot be reached nothing is deleted (503), so no one pays for a deleted account', async () => {
  const teacher = 'teacher-d';
  await gradedAssignments(teacher, (i) => essay(i + 400));
  await subscribe(teacher);
  const deadPort = await freePort();
  const unreachable = createStripeClient({ secretKey: LOCAL_STRIPE_SECRET_KEY, api: { host: '127.0.0.1', port: deadPort, protocol: 'http' } }, { timeoutMs: 2000 });
  const before = [...(await dumpAll())].filter(([p, d]) => mentions(p, d, [teacher]));

  await expect(deleteAccount({ db, paths: h.paths, stripe: unreachable, logger: silentLogger }, teacher)).rejects.toMatchObject({ code: 'unavailable' });
  const after = [...(await dumpAll())].filter(([p, d]) => mentions(p, d, [teacher]));
  expect(after).toEqual(before);
});
