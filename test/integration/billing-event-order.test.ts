import Stripe from 'stripe';
import { factsFromEvent, StripeEventEnvelopeSchema } from '../../cloud/billing/event-facts';
import { createStripeClient } from '../../cloud/billing/stripe-client';
import { reduceBilling } from '../../cloud/billing/subscription-state';
import { LOCAL_STRIPE_PRICE_ID } from '../../cloud/config/billing';
import { newUser } from '../../cloud/store/users-repo';
import type { User } from '../../shared/domain/user';
import { startStripeServer, type StripeServer } from '../../dev/stripe-server/server';
import type { StripeEvent } from '../../dev/stripe-server/objects';
import { type CheckoutTiming, STRIPE_CHECKOUT_TIMING } from '../../dev/stripe-server/lifecycle';
import { effectivePlan } from '../../shared/rules/quota';

/**
 * Real event histories from the stand-in, replayed through the webhook's reducer in every (or
 * many random) orders, with duplicates: the final state must not depend on the order.
 */

const secretKey = 'sk_test_order_suite';
let clock = 1_760_000_000;
/** The teacher's account is older than every event here. */
const ACCOUNT_CREATED = clock - 86_400;
let stand: StripeServer;
let stripe: Stripe;

beforeAll(async () => {
  stand = await startStripeServer({ port: 0, secretKey, webhookSecret: 'whsec_order', now: () => new Date(clock * 1000) });
  stripe = createStripeClient({ secretKey, api: { host: '127.0.0.1', port: Number(new URL(stand.url).port), protocol: 'http' } });
});
afterAll(() => stand.close());

function replay(events: StripeEvent[], customerId: string): User['subscription'] {
  let sub: User['subscription'] = { ...newUser({ id: 't', email: 't@school.test', timeZone: 'UTC' }, new Date()).subscription, stripeCustomerId: customerId };
  for (const raw of events) {
    const event = StripeEventEnvelopeSchema.parse(raw);
    const facts = factsFromEvent(event);
    if (!facts) continue;
    const r = reduceBilling(sub, facts.fact, { created: event.created, customerId: facts.customerId, accountCreated: ACCOUNT_CREATED });
    if (r.outcome === 'applied') sub = r.next;
  }
  return sub;
}

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(xs: T[], random: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function subscribe(email: string, opts: { trialDays?: number } = {}) {
  const customer = await stripe.customers.create({ email });
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    line_items: [{ price: LOCAL_STRIPE_PRICE_ID, quantity: 1 }],
    client_reference_id: 't',
    metadata: { teacherId: 't' },
    subscription_data: { metadata: { teacherId: 't' }, ...(opts.trialDays ? { trial_period_days: opts.trialDays } : {}) },
    success_url: 'http://pages.test/ok',
  });
  const events = await stand.completeCheckout(session.id);
  return { customerId: customer.id, subId: stand.state.sessions.get(session.id)?.subscription as string, events };
}

/** Spacings of a checkout's events, as Stripe may stamp them (seconds between the steps). */
const TIMINGS: Array<[string, CheckoutTiming]> = [
  ['all in one second', { invoicePaidAfter: 0, activatedAfter: 0, completedAfter: 0 }],
  ["Stripe's usual: the session completed 2 s after the rest", STRIPE_CHECKOUT_TIMING],
  ['each step a second apart', { invoicePaidAfter: 1, activatedAfter: 1, completedAfter: 1 }],
  ['activated 3 s after the invoice, the session a minute later', { invoicePaidAfter: 0, activatedAfter: 3, completedAfter: 60 }],
];

describe('billing state is independent of webhook order', () => {
  afterEach(() => stand.setCheckoutTiming(STRIPE_CHECKOUT_TIMING));

  it.each(TIMINGS)('every order of one checkout’s events ends active with its period end (%s)', async (_name, timing) => {
    stand.setCheckoutTiming(timing);
    const { customerId, subId, events } = await subscribe(`a-${timing.completedAfter}-${timing.activatedAfter}@school.test`);
    const live = stand.state.subscriptions.get(subId)!;
    const completed = events.find((e) => e.type === 'checkout.session.completed')!;
    const created = events.find((e) => e.type === 'customer.subscription.created')!;
    // The stand-in stamps the session's completion as Stripe does: after the subscription's events.
    expect(completed.created - created.created).toBe(timing.invoicePaidAfter + timing.activatedAfter + timing.completedAfter);
    const truth = { status: 'active', stripeSubscriptionId: subId, cancelAtPeriodEnd: false, currentPeriodEnd: new Date(live.items.data[0]!.current_period_end * 1000) };
    const expected = replay(events, customerId);
    expect(expected).toMatchObject(truth);
    const all = permutations(events);
    expect(all).toHaveLength(120);
    for (const order of all) {
      const end = replay(order, customerId);
      expect([order.map((e) => e.type), end]).toEqual([order.map((e) => e.type), expected]);
      expect(effectivePlan({ subscription: end }, new Date(clock * 1000))).toBe('paid');
    }
  });

  it.each(TIMINGS)('a trial checkout (no payment required) ends trialing in every order (%s)', async (_name, timing) => {
    stand.setCheckoutTiming(timing);
    const { customerId, subId, events } = await subscribe(`trial-${timing.completedAfter}-${timing.activatedAfter}@school.test`, { trialDays: 14 });
    expect(events.map((e) => e.type)).toEqual(['customer.subscription.created', 'invoice.paid', 'invoice.payment_succeeded', 'checkout.session.completed']);
    expect((events.at(-1)!.data.object as { payment_status: string }).payment_status).toBe('no_payment_required');
    const live = stand.state.subscriptions.get(subId)!;
    const truth = { status: 'trialing', stripeSubscriptionId: subId, cancelAtPeriodEnd: false, currentPeriodEnd: new Date(live.trial_end! * 1000) };
    const expected = replay(events, customerId);
    expect(expected).toMatchObject(truth);
    for (const order of permutations(events)) {
      const end = replay(order, customerId);
      expect([order.map((e) => e.type), end]).toEqual([order.map((e) => e.type), expected]);
      expect(effectivePlan({ subscription: end }, new Date(clock * 1000))).toBe('paid');
    }
  });

  it('a year of history in random orders, with duplicates, ends where Stripe is', async () => {
    const { customerId, subId, events } = await subscribe('b@school.test');
    const history = [...events];
    const step = async (action: () => Promise<StripeEvent[]>) => {
      clock += 60;
      history.push(...(await action()));
    };
    await step(() => stand.cancelAtPeriodEnd(subId, true));
    await step(() => stand.cancelAtPeriodEnd(subId, false));
    await step(() => stand.failPayment(subId));
    await step(() => stand.advancePeriod(subId));
    await step(() => stand.advancePeriod(subId));
    await step(() => stand.cancelAtPeriodEnd(subId, true));

    const live = stand.state.subscriptions.get(subId)!;
    const truth = { status: 'active', stripeSubscriptionId: subId, cancelAtPeriodEnd: true, currentPeriodEnd: new Date(live.items.data[0]!.current_period_end * 1000) };
    const random = seeded(42);
    expect(replay(history, customerId)).toMatchObject(truth);
    for (let i = 0; i < 300; i++) {
      const order = shuffled([...history, ...history.filter(() => random() < 0.3)], random);
      expect(replay(order, customerId)).toMatchObject(truth);
    }

    await step(() => stand.advancePeriod(subId)); // the period ends: deleted
    expect(stand.state.subscriptions.get(subId)?.status).toBe('canceled');
    for (let i = 0; i < 300; i++) {
      expect(replay(shuffled(history, random), customerId)).toMatchObject({ status: 'canceled', stripeSubscriptionId: subId });
    }
  });

  it.each(TIMINGS)('a new subscription after a canceled one takes over, whatever the order (%s)', async (_name, timing) => {
    stand.setCheckoutTiming(timing);
    const first = await subscribe(`c-${timing.completedAfter}-${timing.activatedAfter}@school.test`);
    clock += 60;
    const ended = await stand.cancelNow(first.subId);
    clock += 60;
    // The teacher subscribes again with the same customer.
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: first.customerId,
      line_items: [{ price: LOCAL_STRIPE_PRICE_ID, quantity: 1 }],
      success_url: 'http://pages.test/ok',
    });
    const again = await stand.completeCheckout(session.id);
    const secondSub = stand.state.sessions.get(session.id)?.subscription;
    const random = seeded(7);
    for (let i = 0; i < 200; i++) {
      expect(replay(shuffled([...first.events, ...ended, ...again], random), first.customerId)).toMatchObject({ status: 'active', stripeSubscriptionId: secondSub });
    }
  });
});
