import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Firestore } from '@google-cloud/firestore';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createBillingService, type BillingService } from '../../cloud/billing/checkout';
import { AlreadySubscribedError, QuotaExceededError } from '../../cloud/billing/errors';
import { reserveQuota } from '../../cloud/billing/quota-transaction';
import { createStripeClient } from '../../cloud/billing/stripe-client';
import { createStripeWebhookHandler } from '../../cloud/billing/webhook-handler';
import { loadBillingConfig } from '../../cloud/config/billing';
import { loadCoreConfig } from '../../cloud/config/core';
import { hostFunction } from '../../cloud/http/function-host';
import { silentLogger } from '../../cloud/log';
import { createPaths, type Paths } from '../../cloud/store/paths';
import { ensureUser, getUser } from '../../cloud/store/users-repo';
import { startStripeServer, type StripeServer } from '../../dev/stripe-server/server';
import { type CheckoutTiming, STRIPE_CHECKOUT_TIMING } from '../../dev/stripe-server/lifecycle';
import type Stripe from 'stripe';
import { testFirestore } from '../support/firestore';
import { freePort } from '../../dev/free-port';

/**
 * The upgrade journey end to end through the local stack: a free teacher at the limit gets a
 * checkout link, pays on the stand-in's page, the stand-in's signed webhooks reach the real handler
 * over HTTP, and the teacher can create again.
 */

let db: Firestore;
let paths: Paths;
let stand: StripeServer;
let webhookServer: Server;
let billing: BillingService;
let stripeApi: Stripe;
let config: ReturnType<typeof loadBillingConfig>;

beforeAll(async () => {
  db = testFirestore();
  paths = createPaths(db);
  const core = loadCoreConfig({ STRIPE_PORT: String(await freePort()), PAGES_URL: 'http://pages.test' });
  config = loadBillingConfig({}, core);
  const stripe = createStripeClient(config);
  stripeApi = stripe;
  const handler = createStripeWebhookHandler({ stripe, paths, webhookSecret: config.webhookSecret, logger: silentLogger, now: () => new Date() });
  http('stripeWebhookJourney', hostFunction(handler, { name: 'stripeWebhook', logger: silentLogger, projectId: 'test' }));
  webhookServer = getTestServer('stripeWebhookJourney');
  await new Promise<void>((r) => webhookServer.listen(0, '127.0.0.1', r));
  stand = await startStripeServer({
    port: core.ports.stripe,
    secretKey: config.secretKey,
    webhookSecret: config.webhookSecret,
    webhookUrl: `http://127.0.0.1:${(webhookServer.address() as AddressInfo).port}/`,
  });
  billing = createBillingService({ stripe, paths, config, now: () => new Date() });
});
afterAll(async () => {
  await stand.close();
  webhookServer.closeAllConnections();
  await new Promise<void>((r) => webhookServer.close(() => r()));
  await db.terminate();
});

let n = 0;
const create = (userId: string) =>
  db.runTransaction((tx) => reserveQuota(tx, paths, userId, new Date(), { idempotencyKey: `${userId}-req-${++n}`, limits: config.limits }));

async function freeTeacherAtLimit(id: string) {
  await ensureUser(paths, { id, email: `${id}@school.test`, timeZone: 'America/Chicago' }, new Date());
  await create(id);
  const err = await create(id).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(QuotaExceededError);
  expect((err as QuotaExceededError).kind).toBe('free_limit');
  return err as QuotaExceededError;
}

async function pay(checkoutUrl: string, delivery = 'stripe') {
  const page = await fetch(checkoutUrl);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('$9.99');
  const res = await fetch(`${checkoutUrl}/pay`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ delivery }) });
  expect(res.status).toBe(303);
  return res.headers.get('location');
}

describe('upgrade journey through the local Stripe stand-in', () => {
  it('free at the limit → checkout → pay → webhook → paid → can create again', async () => {
    const limited = await freeTeacherAtLimit('journey-1');
    const user = (await getUser(paths, 'journey-1'))!;
    const checkout = await billing.createCheckoutSession(user);
    expect(limited.withCheckoutUrl(checkout.url).details).toMatchObject({ checkoutUrl: checkout.url, limit: 1 });

    const session = stand.state.sessions.get(checkout.sessionId)!;
    expect(session).toMatchObject({ mode: 'subscription', client_reference_id: 'journey-1', metadata: { teacherId: 'journey-1' } });
    const location = await pay(checkout.url);
    expect(location).toBe(`http://pages.test/billing/success?session_id=${checkout.sessionId}`);

    // The pay page answers after the webhooks were delivered, so the teacher is paid already.
    const paid = await getUser(paths, 'journey-1');
    expect(paid).toMatchObject({ plan: 'paid', subscription: { status: 'active', stripeSubscriptionId: session.subscription, cancelAtPeriodEnd: false } });
    expect(paid?.subscription.currentPeriodEnd?.getTime()).toBeGreaterThan(Date.now());
    await expect(create('journey-1')).resolves.toMatchObject({ kind: 'reserved', plan: 'paid', used: 2, limit: 300 });
    expect(stand.deliveries.filter((d) => d.status !== 200)).toEqual([]);
    await expect(billing.createCheckoutSession(paid!)).rejects.toBeInstanceOf(AlreadySubscribedError);
  });

  it('reuses one Stripe customer and one open session for repeated clicks', async () => {
    await freeTeacherAtLimit('journey-2');
    const a = await billing.createCheckoutSession((await getUser(paths, 'journey-2'))!);
    const b = await billing.createCheckoutSession((await getUser(paths, 'journey-2'))!);
    expect(b.sessionId).toBe(a.sessionId);
    const c = await billing.createCheckoutSession((await getUser(paths, 'journey-2'))!, { requestKey: 'later' });
    expect(c.sessionId).not.toBe(a.sessionId);
    const customerId = (await getUser(paths, 'journey-2'))?.subscription.stripeCustomerId;
    expect([...stand.state.customers.values()].filter((x) => x.metadata.teacherId === 'journey-2').map((x) => x.id)).toEqual([customerId]);
    expect(stand.state.sessions.get(c.sessionId)?.customer).toBe(customerId);
  });

  it('a checkout whose parameters changed within the window gets its own session (no idempotency error)', async () => {
    await freeTeacherAtLimit('journey-5');
    const at = new Date();
    const first = await createBillingService({ stripe: stripeApi, paths, config, now: () => at }).createCheckoutSession((await getUser(paths, 'journey-5'))!);
    // A deploy changed the success page (or the price) a minute later, same 10-minute window.
    const moved = { ...config, urls: { ...config.urls, success: 'http://pages.test/billing/thanks' } };
    const later = createBillingService({ stripe: stripeApi, paths, config: moved, now: () => new Date(at.getTime() + 60_000) });
    const second = await later.createCheckoutSession((await getUser(paths, 'journey-5'))!);
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(stand.state.sessions.get(second.sessionId)?.success_url).toBe('http://pages.test/billing/thanks?session_id={CHECKOUT_SESSION_ID}');
    // …and a repeated click with the new parameters reuses that one.
    expect((await later.createCheckoutSession((await getUser(paths, 'journey-5'))!)).sessionId).toBe(second.sessionId);
  });

  const TIMINGS: Array<[string, CheckoutTiming]> = [
    ['in one second', { invoicePaidAfter: 0, activatedAfter: 0, completedAfter: 0 }],
    ['session 2 s later', STRIPE_CHECKOUT_TIMING],
    ['a second apart each', { invoicePaidAfter: 1, activatedAfter: 1, completedAfter: 1 }],
  ];
  const CASES = TIMINGS.flatMap(([name, timing]) => ['stripe', 'reversed', 'shuffled', 'twice'].map((delivery) => [delivery, name, timing] as const));

  it.each(CASES)('ends paid with the period end when the webhooks arrive %s, stamped %s', async (delivery, name, timing) => {
    const id = `journey-${delivery}-${name.replace(/\W+/g, '-')}`;
    stand.setCheckoutTiming(timing);
    try {
      await freeTeacherAtLimit(id);
      const checkout = await billing.createCheckoutSession((await getUser(paths, id))!);
      await pay(checkout.url, delivery);
      const subId = stand.state.sessions.get(checkout.sessionId)!.subscription!;
      const periodEnd = new Date(stand.state.subscriptions.get(subId)!.items.data[0]!.current_period_end * 1000);
      expect(await getUser(paths, id)).toMatchObject({ plan: 'paid', subscription: { status: 'active', stripeSubscriptionId: subId, currentPeriodEnd: periodEnd } });
      const outcomes = await paths.raw('stripeEvents').where('userId', '==', id).get();
      // Nothing the subscription said was thrown away as "stale" because the session came first.
      const staleTypes = outcomes.docs.filter((d) => d.get('outcome') === 'stale').map((d) => d.get('type') as string);
      expect(staleTypes.filter((t) => t === 'customer.subscription.updated')).toEqual([]);
      await expect(create(id)).resolves.toMatchObject({ kind: 'reserved', plan: 'paid' });
    } finally {
      stand.setCheckoutTiming(STRIPE_CHECKOUT_TIMING);
    }
  });

  it('a trial checkout (no payment required) makes the teacher paid, whatever the order', async () => {
    for (const delivery of ['stripe', 'reversed', 'shuffled']) {
      const id = `journey-trial-${delivery}`;
      await freeTeacherAtLimit(id);
      // Our checkout has no trial; a session made with one (e.g. from a promotion) must work too.
      // Ours stores the teacher's Stripe customer first; the trial session uses that customer.
      await billing.createCheckoutSession((await getUser(paths, id))!);
      const user = (await getUser(paths, id))!;
      const session = await stripeApi.checkout.sessions.create({
        mode: 'subscription',
        customer: user.subscription.stripeCustomerId!,
        line_items: [{ price: config.priceId, quantity: 1 }],
        client_reference_id: id,
        metadata: { teacherId: id },
        subscription_data: { metadata: { teacherId: id }, trial_period_days: 14 },
        success_url: 'http://pages.test/billing/success',
      });
      await pay(session.url!, delivery);
      const subId = stand.state.sessions.get(session.id)!.subscription!;
      expect(await getUser(paths, id)).toMatchObject({
        plan: 'paid',
        subscription: { status: 'trialing', stripeSubscriptionId: subId, currentPeriodEnd: new Date(stand.state.subscriptions.get(subId)!.trial_end! * 1000) },
      });
      await expect(create(id)).resolves.toMatchObject({ kind: 'reserved', plan: 'paid' });
    }
  });

  it('portal: cancel at period end keeps paid, the period end or cancel now makes free again', async () => {
    await freeTeacherAtLimit('journey-3');
    const checkout = await billing.createCheckoutSession((await getUser(paths, 'journey-3'))!);
    await pay(checkout.url);
    const subId = stand.state.sessions.get(checkout.sessionId)!.subscription!;
    const portal = await billing.createPortalSession((await getUser(paths, 'journey-3'))!);
    expect(portal.url).toContain(stand.url);

    await fetch(`${portal.url}/subscriptions/${subId}/cancel-at-period-end`, { method: 'POST', redirect: 'manual' });
    expect(await getUser(paths, 'journey-3')).toMatchObject({ plan: 'paid', subscription: { status: 'active', cancelAtPeriodEnd: true } });
    await expect(create('journey-3')).resolves.toMatchObject({ kind: 'reserved' });

    await stand.advancePeriod(subId); // the period ends: Stripe deletes the subscription
    expect(await getUser(paths, 'journey-3')).toMatchObject({ plan: 'free', subscription: { status: 'canceled' } });
    await expect(create('journey-3')).rejects.toMatchObject({ kind: 'free_limit' });

    // Subscribing again makes a new subscription; "cancel now" in the portal ends it at once.
    // Within the same 10-minute window as the first checkout: a new session, not a replay of the paid one.
    const again = await billing.createCheckoutSession((await getUser(paths, 'journey-3'))!);
    expect(again.sessionId).not.toBe(checkout.sessionId);
    await pay(again.url);
    const secondSub = stand.state.sessions.get(again.sessionId)!.subscription!;
    expect(await getUser(paths, 'journey-3')).toMatchObject({ plan: 'paid', subscription: { stripeSubscriptionId: secondSub, status: 'active' } });
    await fetch(`${portal.url}/subscriptions/${secondSub}/cancel-now`, { method: 'POST', redirect: 'manual' });
    expect(await getUser(paths, 'journey-3')).toMatchObject({ plan: 'free', subscription: { stripeSubscriptionId: secondSub, status: 'canceled' } });
  });

  it('a failed renewal keeps paid while past_due; a paid renewal moves the period', async () => {
    await freeTeacherAtLimit('journey-4');
    const checkout = await billing.createCheckoutSession((await getUser(paths, 'journey-4'))!);
    await pay(checkout.url);
    const subId = stand.state.sessions.get(checkout.sessionId)!.subscription!;
    const firstEnd = (await getUser(paths, 'journey-4'))!.subscription.currentPeriodEnd!;

    await stand.failPayment(subId);
    expect(await getUser(paths, 'journey-4')).toMatchObject({ plan: 'paid', subscription: { status: 'past_due' } });
    await stand.advancePeriod(subId);
    const renewed = (await getUser(paths, 'journey-4'))!;
    expect(renewed.subscription.status).toBe('active');
    expect(renewed.subscription.currentPeriodEnd!.getTime()).toBeGreaterThan(firstEnd.getTime());
  });
});
