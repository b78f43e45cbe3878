import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { LOCAL_STRIPE_PRICE_ID } from '../../cloud/config/billing';
import { createStripeClient } from '../../cloud/billing/stripe-client';
import { startStripeServer, type StripeServer } from '../../dev/stripe-server/server';

const secretKey = 'sk_test_standin_suite';
const webhookSecret = 'whsec_standin_suite';

/** A webhook receiver that verifies each delivery with the SDK, as our handler will. */
async function startReceiver() {
  const received: Stripe.Event[] = [];
  const rejected: string[] = [];
  const verifier = new Stripe('sk_test_unused');
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        received.push(verifier.webhooks.constructEvent(Buffer.concat(chunks), String(req.headers['stripe-signature']), webhookSecret));
        res.writeHead(200).end('{}');
      } catch (err) {
        rejected.push((err as Error).message);
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, received, rejected, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let stand: StripeServer;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let stripe: Stripe;

beforeAll(async () => {
  receiver = await startReceiver();
  stand = await startStripeServer({ port: 0, secretKey, webhookSecret, webhookUrl: receiver.url, webhookRetryDelayMs: 10 });
  const port = Number(new URL(stand.url).port);
  stripe = createStripeClient({ secretKey, api: { host: '127.0.0.1', port, protocol: 'http' } });
});
afterAll(async () => {
  await stand.close();
  await receiver.close();
});
beforeEach(() => {
  receiver.received.length = 0;
  stand.setDelivery({ order: 'stripe', duplicates: false });
});

async function checkout(email = 't@school.test') {
  const customer = await stripe.customers.create({ email, metadata: { teacherId: 'teacher-1' } });
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    line_items: [{ price: LOCAL_STRIPE_PRICE_ID, quantity: 1 }],
    client_reference_id: 'teacher-1',
    metadata: { teacherId: 'teacher-1' },
    subscription_data: { metadata: { teacherId: 'teacher-1' } },
    success_url: 'http://pages.test/billing/success?session_id={CHECKOUT_SESSION_ID}',
    cancel_url: 'http://pages.test/billing/cancel',
  });
  return { customer, session };
}

describe('the Stripe stand-in through the real SDK', () => {
  it('creates and reads customers and prices, with Stripe-shaped errors', async () => {
    const c = await stripe.customers.create({ email: 'a@school.test', metadata: { teacherId: 'x' } });
    expect(c).toMatchObject({ object: 'customer', email: 'a@school.test', metadata: { teacherId: 'x' } });
    expect(c.id).toMatch(/^cus_/);
    expect((await stripe.customers.retrieve(c.id)).id).toBe(c.id);
    expect(await stripe.prices.retrieve(LOCAL_STRIPE_PRICE_ID)).toMatchObject({ unit_amount: 999, currency: 'usd', recurring: { interval: 'month' } });
    await expect(stripe.customers.retrieve('cus_nope')).rejects.toMatchObject({ type: 'StripeInvalidRequestError', code: 'resource_missing', statusCode: 404 });
    await expect(stripe.checkout.sessions.create({ mode: 'subscription', success_url: 'http://x.test' })).rejects.toMatchObject({ code: 'parameter_missing', param: 'line_items' });
  });

  it('refuses a wrong API key', async () => {
    const wrong = createStripeClient({ secretKey: 'sk_test_wrong', api: { host: '127.0.0.1', port: Number(new URL(stand.url).port), protocol: 'http' } });
    await expect(wrong.customers.create({ email: 'b@school.test' })).rejects.toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401 });
  });

  it('honours Idempotency-Key: same params replay, different params are refused', async () => {
    const a = await stripe.customers.create({ email: 'i@school.test' }, { idempotencyKey: 'idem-1' });
    const b = await stripe.customers.create({ email: 'i@school.test' }, { idempotencyKey: 'idem-1' });
    expect(b.id).toBe(a.id);
    expect(b.lastResponse.headers['idempotent-replayed']).toBe('true');
    await expect(stripe.customers.create({ email: 'other@school.test' }, { idempotencyKey: 'idem-1' })).rejects.toMatchObject({ type: 'StripeIdempotencyError' });
    expect([...stand.state.customers.values()].filter((c) => c.email === 'i@school.test')).toHaveLength(1);
  });

  it('completes a checkout from the pay page and sends signed webhooks in Stripe’s order', async () => {
    const { session, customer } = await checkout();
    expect(session.url).toBe(`${stand.url}/checkout/${session.id}`);
    const page = await fetch(session.url as string);
    expect(await page.text()).toContain('Pay and subscribe');
    await stand.idle();
    receiver.received.length = 0;

    const paid = await fetch(`${session.url}/pay`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ delivery: 'stripe' }) });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`http://pages.test/billing/success?session_id=${session.id}`);
    expect(receiver.rejected).toEqual([]);
    expect(receiver.received.map((e) => e.type)).toEqual([
      'customer.subscription.created',
      'invoice.paid',
      'invoice.payment_succeeded',
      'customer.subscription.updated',
      'checkout.session.completed',
    ]);
    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['subscription'] });
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid', client_reference_id: 'teacher-1' });
    const sub = done.subscription as Stripe.Subscription;
    expect(sub).toMatchObject({ status: 'active', customer: customer.id, metadata: { teacherId: 'teacher-1' } });
    expect(sub.items.data[0]?.current_period_end).toBeGreaterThan(sub.created);
    const invoice = receiver.received.find((e) => e.type === 'invoice.paid')?.data.object as Stripe.Invoice;
    expect(invoice.parent?.subscription_details?.subscription).toBe(sub.id);
    // Paying twice does not create a second subscription.
    await fetch(`${session.url}/pay`, { method: 'POST', redirect: 'manual' });
    expect((await stripe.subscriptions.list({ customer: customer.id })).data).toHaveLength(1);
  });

  it('can deliver a batch reversed, and twice', async () => {
    const first = await checkout('r@school.test');
    await stand.idle();
    receiver.received.length = 0;
    stand.setDelivery({ order: 'reversed' });
    await stand.completeCheckout(first.session.id);
    expect(receiver.received.map((e) => e.type)[0]).toBe('checkout.session.completed');
    expect(receiver.received.at(-1)?.type).toBe('customer.subscription.created');

    const second = await checkout('d@school.test');
    await stand.idle();
    receiver.received.length = 0;
    stand.setDelivery({ order: 'stripe', duplicates: true });
    await stand.completeCheckout(second.session.id);
    expect(receiver.received).toHaveLength(10);
    expect(new Set(receiver.received.map((e) => e.id)).size).toBe(5);
  });

  it('runs the portal, renewals and failed payments', async () => {
    const { session, customer } = await checkout('p@school.test');
    await stand.completeCheckout(session.id);
    const subId = stand.state.sessions.get(session.id)?.subscription as string;
    const portal = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: 'http://pages.test/billing/return' });
    expect(portal.url).toBe(`${stand.url}/portal/${portal.id}`);
    expect(await (await fetch(portal.url)).text()).toContain('Cancel at period end');
    receiver.received.length = 0;

    const cancel = await fetch(`${portal.url}/subscriptions/${subId}/cancel-at-period-end`, { method: 'POST', redirect: 'manual' });
    expect(cancel.status).toBe(303);
    expect(receiver.received.map((e) => [e.type, (e.data.object as Stripe.Subscription).cancel_at_period_end])).toEqual([['customer.subscription.updated', true]]);
    await stand.cancelAtPeriodEnd(subId, false);
    const before = (await stripe.subscriptions.retrieve(subId)).items.data[0]?.current_period_end as number;

    await stand.failPayment(subId);
    expect((await stripe.subscriptions.retrieve(subId)).status).toBe('past_due');
    await stand.advancePeriod(subId);
    const renewed = await stripe.subscriptions.retrieve(subId);
    expect(renewed.status).toBe('active');
    expect(renewed.items.data[0]?.current_period_start).toBe(before);

    receiver.received.length = 0;
    const canceled = await stripe.subscriptions.cancel(subId);
    expect(canceled.status).toBe('canceled');
    await stand.idle();
    expect(receiver.received.map((e) => e.type)).toEqual(['customer.subscription.deleted']);
    expect(receiver.rejected).toEqual([]);
  });

  it('retries a webhook the receiver refuses', async () => {
    stand.setWebhookUrl(`${receiver.url}nowhere`.replace(/:\d+\//, ':1/'));
    const { session } = await checkout('x@school.test');
    await stand.idle();
    const n = stand.deliveries.length;
    await stand.completeCheckout(session.id);
    const attempts = stand.deliveries.slice(n);
    expect(attempts).toHaveLength(5 * 3);
    expect(attempts.every((a) => a.status === null)).toBe(true);
    stand.setWebhookUrl(receiver.url);
  });
});
