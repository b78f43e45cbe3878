import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Firestore } from '@google-cloud/firestore';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import Stripe from 'stripe';
import { createStripeWebhookHandler } from '../../cloud/billing/webhook-handler';
import { hostFunction } from '../../cloud/http/function-host';
import { silentLogger } from '../../cloud/log';
import { createPaths, type Paths } from '../../cloud/store/paths';
import { ensureUser, getUser } from '../../cloud/store/users-repo';
import { testFirestore } from '../support/firestore';

const secret = 'whsec_webhook_suite';
const stripe = new Stripe('sk_test_unused');
const T = 1_760_000_000; // a fixed "now" in Stripe seconds
const PERIOD_END = T + 30 * 86400;
const now = new Date(T * 1000);

let db: Firestore;
let paths: Paths;
let server: Server;
let url: string;

beforeAll(async () => {
  db = testFirestore();
  paths = createPaths(db);
  const handler = createStripeWebhookHandler({ stripe, paths, webhookSecret: secret, logger: silentLogger, now: () => now });
  http('stripeWebhookSuite', hostFunction(handler, { name: 'stripeWebhook', logger: silentLogger, projectId: 'test' }));
  server = getTestServer('stripeWebhookSuite');
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await db.terminate();
});

let seq = 0;
function subEvent(type: string, created: number, sub: { id?: string; customer: string; status: string; cancel?: boolean; end?: number; teacher?: string }) {
  return {
    id: `evt_${++seq}`,
    object: 'event',
    type,
    created,
    data: {
      object: {
        id: sub.id ?? 'sub_1',
        object: 'subscription',
        customer: sub.customer,
        status: sub.status,
        cancel_at_period_end: sub.cancel ?? false,
        metadata: sub.teacher ? { teacherId: sub.teacher } : {},
        items: { object: 'list', data: [{ id: 'si_1', current_period_end: sub.end ?? PERIOD_END }] },
      },
    },
  };
}
function invoiceEvent(type: 'invoice.paid' | 'invoice.payment_failed', created: number, customer: string, subId = 'sub_1', end = PERIOD_END) {
  return {
    id: `evt_${++seq}`,
    object: 'event',
    type,
    created,
    data: { object: { id: `in_${seq}`, object: 'invoice', customer, parent: { subscription_details: { subscription: subId, metadata: {} } }, lines: { data: [{ period: { start: T, end } }] } } },
  };
}

async function post(event: object, signWith = secret) {
  const payload = JSON.stringify(event);
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret: signWith });
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body: payload });
  return { status: res.status, body: (await res.json()) as { outcome?: string; duplicate?: boolean } };
}

/** A teacher who already has a Stripe customer (as after createCheckoutSession). */
async function teacher(id: string) {
  await ensureUser(paths, { id, email: `${id}@school.test`, timeZone: 'UTC' }, now);
  await paths.user(id).update({ 'subscription.stripeCustomerId': `cus_${id}` });
  return `cus_${id}`;
}
const markers = async () => (await paths.raw('stripeEvents').get()).size;

describe('stripeWebhook', () => {
  it('answers 400 to a bad or missing signature and changes nothing', async () => {
    const customer = await teacher('sig');
    const event = subEvent('customer.subscription.created', T, { customer, status: 'active' });
    const before = await getUser(paths, 'sig');
    const count = await markers();
    expect((await post(event, 'whsec_wrong')).status).toBe(400);
    const tampered = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload: '{}', secret }) },
      body: JSON.stringify(event),
    });
    expect(tampered.status).toBe(400);
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) })).status).toBe(400);
    expect(await getUser(paths, 'sig')).toEqual(before);
    expect(await markers()).toBe(count);
  });

  it('applies the same event once, even delivered concurrently', async () => {
    const customer = await teacher('dup');
    const e1 = subEvent('customer.subscription.updated', T, { customer, status: 'active' });
    const e2 = subEvent('customer.subscription.updated', T + 10, { customer, status: 'active', cancel: true });
    const first = await Promise.all(Array.from({ length: 5 }, () => post(e1)));
    expect(first.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(first.filter((r) => r.body.duplicate === false)).toHaveLength(1);
    await post(e2);
    // Replaying the first event is a duplicate: it neither re-applies nor counts as stale.
    expect((await post(e1)).body).toMatchObject({ outcome: 'applied', duplicate: true });
    const u = await getUser(paths, 'dup');
    expect(u?.subscription).toMatchObject({ status: 'active', cancelAtPeriodEnd: true, lastEventCreated: T + 10 });
    const docs = await paths.raw('stripeEvents').where('userId', '==', 'dup').get();
    expect(docs.docs.map((d) => d.id).sort()).toEqual([e1.id, e2.id].sort());
  });

  it('keeps the newer state when updated arrives before created', async () => {
    const customer = await teacher('order');
    expect((await post(subEvent('customer.subscription.updated', T + 1, { customer, status: 'active' }))).body.outcome).toBe('applied');
    expect((await post(subEvent('customer.subscription.created', T, { customer, status: 'incomplete' }))).body.outcome).toBe('stale');
    const u = await getUser(paths, 'order');
    expect(u).toMatchObject({ plan: 'paid', subscription: { status: 'active', stripeSubscriptionId: 'sub_1', currentPeriodEnd: new Date(PERIOD_END * 1000) } });
  });

  it('does not resurrect a deleted subscription with a late updated, even from the same second', async () => {
    const customer = await teacher('dead');
    await post(subEvent('customer.subscription.created', T, { customer, status: 'active' }));
    await post(subEvent('customer.subscription.deleted', T + 5, { customer, status: 'canceled' }));
    expect((await post(subEvent('customer.subscription.updated', T + 3, { customer, status: 'active', cancel: true }))).body.outcome).toBe('stale');
    expect((await post(subEvent('customer.subscription.updated', T + 5, { customer, status: 'active' }))).body.outcome).toBe('stale');
    expect((await post(invoiceEvent('invoice.paid', T + 6, customer))).body.outcome).toBe('stale');
    expect(await getUser(paths, 'dead')).toMatchObject({ plan: 'free', subscription: { status: 'canceled' } });
  });

  it('follows Stripe on a failed payment and its recovery', async () => {
    const customer = await teacher('card');
    await post(subEvent('customer.subscription.created', T, { customer, status: 'active' }));
    await post(invoiceEvent('invoice.payment_failed', T + 100, customer));
    // past_due keeps the plan while Stripe retries the card.
    expect(await getUser(paths, 'card')).toMatchObject({ plan: 'paid', subscription: { status: 'past_due' } });
    const next = PERIOD_END + 30 * 86400;
    await post(invoiceEvent('invoice.paid', T + 200, customer, 'sub_1', next));
    expect(await getUser(paths, 'card')).toMatchObject({ plan: 'paid', subscription: { status: 'active', currentPeriodEnd: new Date(next * 1000) } });
    await post(subEvent('customer.subscription.updated', T + 300, { customer, status: 'unpaid', end: next }));
    expect(await getUser(paths, 'card')).toMatchObject({ plan: 'free', subscription: { status: 'unpaid' } });
  });

  it('finds the teacher by metadata, but attaches only a subscription of the customer stored for them', async () => {
    const customer = await teacher('meta');
    expect((await post(subEvent('customer.subscription.created', T, { customer: 'cus_stranger', status: 'active', teacher: 'meta' }))).body.outcome).toBe('stale');
    expect(await getUser(paths, 'meta')).toMatchObject({ plan: 'free', subscription: { stripeCustomerId: customer, stripeSubscriptionId: null, status: 'none' } });
    expect((await post(subEvent('customer.subscription.created', T, { customer, status: 'active', teacher: 'meta' }))).body.outcome).toBe('applied');
    expect(await getUser(paths, 'meta')).toMatchObject({ plan: 'paid', subscription: { stripeCustomerId: customer } });
  });

  it('never lets a deleted account’s old subscription attach to the new account of the same teacher', async () => {
    // The account was deleted and the teacher signed up again (same Google sub) at T + 1000.
    const reborn = new Date((T + 1000) * 1000);
    await ensureUser(paths, { id: 'reborn', email: 'reborn@school.test', timeZone: 'UTC' }, reborn);
    const late = (type: string, created: number, status: string, customer = 'cus_old') =>
      post(subEvent(type, created, { id: 'sub_old', customer, status, teacher: 'reborn' }));
    // A late first delivery of the old subscription's update, found by its metadata teacherId.
    expect((await late('customer.subscription.updated', T + 500, 'active')).body).toMatchObject({ outcome: 'stale', duplicate: false });
    // Its cancellation (account deletion cancels it) arriving after the new sign-up.
    expect((await late('customer.subscription.deleted', T + 1001, 'canceled')).body.outcome).toBe('stale');
    // Even an event stamped after the sign-up: the old customer is not this account's.
    expect((await late('customer.subscription.updated', T + 1002, 'active')).body.outcome).toBe('stale');
    expect((await post(invoiceEvent('invoice.paid', T + 1003, 'cus_old', 'sub_old'))).body.outcome).not.toBe('applied');
    expect(await getUser(paths, 'reborn')).toMatchObject({
      plan: 'free',
      subscription: { status: 'none', stripeCustomerId: null, stripeSubscriptionId: null, currentPeriodEnd: null, lastEventCreated: null },
    });

    // Stripe replays a customer create for 24 h, so the new account may get the old customer back:
    // the old subscription's events are still older than the account.
    await paths.user('reborn').update({ 'subscription.stripeCustomerId': 'cus_old' });
    expect((await late('customer.subscription.updated', T + 600, 'active')).body.outcome).toBe('stale'); // 400 s before the account
    expect(await getUser(paths, 'reborn')).toMatchObject({ plan: 'free', subscription: { status: 'none', stripeSubscriptionId: null } });
    const reasons = (await paths.raw('stripeEvents').where('userId', '==', 'reborn').get()).docs.map((d) => d.get('reason') as string);
    expect(new Set(reasons)).toEqual(new Set(['older than this account', 'a Stripe customer this account never used']));
  });

  it('acknowledges events it does not act on and events for unknown customers', async () => {
    expect(await post({ id: 'evt_other', object: 'event', type: 'customer.created', created: T, data: { object: { id: 'cus_x' } } })).toEqual({
      status: 200,
      body: { received: true, outcome: 'ignored', duplicate: false },
    });
    expect((await post(subEvent('customer.subscription.created', T, { customer: 'cus_nobody', status: 'active' }))).body.outcome).toBe('ignored');
  });

  it('answers 5xx (so Stripe retries) to a signed event it cannot read', async () => {
    const res = await post({ id: 'evt_bad', object: 'event', type: 'customer.subscription.updated', created: T, data: { object: { id: 'sub_1' } } });
    expect(res.status).toBe(500);
    expect((await paths.raw('stripeEvents').doc('evt_bad').get()).exists).toBe(false);
  });
});
