import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import Stripe from 'stripe';
import { createStripeWebhookHandler } from '../../cloud/billing/webhook-handler';
import { LOCAL_STRIPE_WEBHOOK_SECRET } from '../../cloud/config/billing';
import { hostFunction } from '../../cloud/http/function-host';
import { silentLogger } from '../../cloud/log';
import type { CreateAssignmentResponse, MeResponse } from '../../shared/api';
import { type ApiHarness, createBody, type Reply, startApiHarness } from './api-harness';

/**
 * The quota through the real path: concurrent POST /assignments against the API (admission's
 * transaction on the Firestore emulator, Checkout on the Stripe stand-in), and the upgrade journey
 * ending in "create again" through POST /assignments with the stand-in's signed webhooks reaching
 * the real webhook handler.
 */

type ErrorBody = { error: { code: string; checkoutUrl?: string | null; resetsOn?: string; used?: number; limit?: number } };

let h: ApiHarness;
let webhookServer: Server;

beforeAll(async () => {
  h = await startApiHarness();
  const handler = createStripeWebhookHandler({ stripe: new Stripe('sk_test_unused'), paths: h.paths, webhookSecret: LOCAL_STRIPE_WEBHOOK_SECRET, logger: silentLogger, now: () => h.clock.now() });
  http('stripeWebhookQuota', hostFunction(handler, { name: 'stripeWebhook', logger: silentLogger, projectId: 'test' }));
  webhookServer = getTestServer('stripeWebhookQuota');
  await new Promise<void>((r) => webhookServer.listen(0, '127.0.0.1', r));
  h.stripe.setWebhookUrl(`http://127.0.0.1:${(webhookServer.address() as AddressInfo).port}/`);
});
afterAll(async () => {
  await h.close();
  webhookServer.closeAllConnections();
  await new Promise<void>((r) => webhookServer.close(() => r()));
});

const create = (token: string, body = createBody(1)) => h.call<CreateAssignmentResponse | ErrorBody>('POST', '/assignments', { token, body });
const byStatus = (replies: Reply[]) => replies.reduce<Record<number, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});
const usage = async (sub: string) => Object.values((await h.paths.user(sub).get()).data()!.usage);
const assignmentsOf = async (sub: string) => (await h.paths.assignments().where('userId', '==', sub).get()).size;

async function paidAt(sub: string, used: number): Promise<string> {
  const token = h.token(sub);
  const me = await h.call<MeResponse>('GET', '/me', { token });
  await h.paths.user(sub).update({ plan: 'paid', 'subscription.status': 'active', 'subscription.currentPeriodEnd': new Date(Date.now() + 30 * 86_400_000), usage: { [me.body.usage.month]: used } });
  return token;
}

describe('concurrent creates through POST /assignments', () => {
  it('a free teacher with no usage: 20 at once → exactly 1 created, 19 free_limit with a Checkout URL', async () => {
    // No request before these: the teacher's user document is made by the racing requests too.
    const token = h.token('race-free');
    const replies = await Promise.all(Array.from({ length: 20 }, () => create(token)));
    expect(byStatus(replies)).toEqual({ 201: 1, 402: 19 });
    const created = replies.find((r) => r.status === 201)!.body as CreateAssignmentResponse;
    expect(created.created).toBe(true);
    const limited = replies.filter((r) => r.status === 402).map((r) => (r.body as ErrorBody).error);
    for (const e of limited) expect(e).toMatchObject({ code: 'free_limit', used: 1, limit: 1, checkoutUrl: expect.stringMatching(new RegExp(`^${h.stripe.url}/checkout/cs_test_`)) });
    // One Stripe customer and one open session for all of them.
    expect(new Set(limited.map((e) => e.checkoutUrl)).size).toBe(1);
    expect([...h.stripe.state.customers.values()].filter((c) => c.metadata.teacherId === 'race-free')).toHaveLength(1);
    expect(await usage('race-free')).toEqual([1]);
    expect(await assignmentsOf('race-free')).toBe(1);
  });

  it('a paid teacher at 299: 20 at once → exactly 1 created, 19 paid_limit with the reset date', async () => {
    const token = await paidAt('race-paid', 299);
    const replies = await Promise.all(Array.from({ length: 20 }, () => create(token)));
    expect(byStatus(replies)).toEqual({ 201: 1, 429: 19 });
    for (const r of replies.filter((x) => x.status === 429)) {
      expect((r.body as ErrorBody).error).toMatchObject({ code: 'paid_limit', used: 300, limit: 300, resetsOn: expect.stringMatching(/^\d{4}-\d{2}-01$/) });
    }
    expect(await usage('race-paid')).toEqual([300]);
    expect(await assignmentsOf('race-paid')).toBe(1);
  });

  it('a retried create (same clientRequestId), concurrent or later, never counts twice', async () => {
    const token = h.token('retry-free');
    const body = createBody(2);
    const copies = await Promise.all(Array.from({ length: 10 }, () => create(token, body)));
    expect(byStatus(copies)).toEqual({ 201: 10 });
    const answers = copies.map((r) => r.body as CreateAssignmentResponse);
    expect(answers.filter((a) => a.created)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.assignment.id)).size).toBe(1);
    // Later retries, the teacher now at the limit: the same assignment, nothing counted.
    for (let i = 0; i < 3; i++) expect(await create(token, body)).toMatchObject({ status: 201, body: { created: false, assignment: { id: answers[0]!.assignment.id } } });
    expect(await usage('retry-free')).toEqual([1]);
    expect((await create(token)).status).toBe(402);

    // A paid teacher's last assignment of the month, retried: still one.
    const paid = await paidAt('retry-paid', 299);
    const last = createBody(1);
    const racing = await Promise.all(Array.from({ length: 5 }, () => create(paid, last)));
    expect(byStatus(racing)).toEqual({ 201: 5 });
    expect(racing.filter((r) => (r.body as CreateAssignmentResponse).created)).toHaveLength(1);
    expect(await create(paid, last)).toMatchObject({ status: 201, body: { created: false } });
    expect(await usage('retry-paid')).toEqual([300]);
    expect(await assignmentsOf('retry-paid')).toBe(1);
  });
});

describe('upgrade journey through the API', () => {
  it('free limit → Checkout → pay (webhooks reversed, session stamped later) → paid → create again', async () => {
    const token = h.token('upgrader');
    expect((await create(token)).status).toBe(201);
    const limited = await create(token);
    expect(limited.status).toBe(402);
    const checkoutUrl = (limited.body as ErrorBody).error.checkoutUrl!;
    // Stripe stamps checkout.session.completed after the subscription's events; here it arrives first.
    h.stripe.setDelivery({ order: 'reversed' });
    try {
      const paid = await fetch(`${checkoutUrl}/pay`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ delivery: 'reversed' }) });
      expect(paid.status).toBe(303);
    } finally {
      h.stripe.setDelivery({ order: 'stripe' });
    }
    expect(h.stripe.deliveries.filter((d) => d.status !== 200)).toEqual([]);
    const me = (await h.call<MeResponse>('GET', '/me', { token })).body;
    expect(me).toMatchObject({ plan: 'paid', usage: { used: 1, limit: 300, remaining: 299 }, subscription: { status: 'active', cancelAtPeriodEnd: false } });
    expect(me.subscription.currentPeriodEnd).not.toBeNull();

    const again = await create(token);
    expect(again.status).toBe(201);
    expect((again.body as CreateAssignmentResponse).created).toBe(true);
    expect(await usage('upgrader')).toEqual([2]);
    expect(await assignmentsOf('upgrader')).toBe(2);
  });
});
