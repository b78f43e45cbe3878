import { invalid, missing } from './errors';
import {
  addMonth,
  type CheckoutSession,
  type Customer,
  type Invoice,
  newId,
  type Metadata,
  publicSession,
  snapshot,
  type StandInState,
  type StripeEvent,
  type Subscription,
} from './objects';

/**
 * How far apart Stripe stamps the events of one checkout, in seconds. Stripe creates the
 * subscription, pays its first invoice and activates it within a second or so, and completes the
 * Checkout Session a second or more after that: `checkout.session.completed` is usually the newest
 * event of the batch, not a twin of the subscription events.
 */
export interface CheckoutTiming {
  /** From `customer.subscription.created` to `invoice.paid` / `invoice.payment_succeeded`. */
  invoicePaidAfter: number;
  /** From the invoice being paid to `customer.subscription.updated` (active). */
  activatedAfter: number;
  /** From the subscription being active (or trialing) to `checkout.session.completed`. */
  completedAfter: number;
}

/** Stripe's usual spacing: the subscription events in one second, the session completed 2 s later. */
export const STRIPE_CHECKOUT_TIMING: CheckoutTiming = { invoicePaidAfter: 0, activatedAfter: 0, completedAfter: 2 };

/** What every state change needs: the objects, a clock, and how events are stamped. */
export interface Ledger {
  state: StandInState;
  /** Unix seconds: the stand-in's clock, which never runs backwards. */
  now(): number;
  /** Moves the stand-in's clock `seconds` ahead of now (later events are stamped from there). */
  advance(seconds: number): void;
  /** Spacing of a checkout's events. */
  checkoutTiming: CheckoutTiming;
  apiVersion: string;
}

/** Records an event with a snapshot of the object as it is now (Stripe's "snapshot" payloads). */
export function recordEvent(
  l: Ledger,
  type: string,
  object: { id: string },
  previous?: Record<string, unknown>,
  request: StripeEvent['request'] = { id: null, idempotency_key: null },
): StripeEvent {
  const data: StripeEvent['data'] = { object: snapshot(object) };
  if (previous) data.previous_attributes = previous;
  const event: StripeEvent = {
    id: newId('evt'),
    object: 'event',
    api_version: l.apiVersion,
    created: l.now(),
    type,
    data,
    livemode: false,
    pending_webhooks: 1,
    request,
  };
  l.state.events.push(event);
  return event;
}

export function createCustomer(l: Ledger, p: { email?: string; name?: string; description?: string; metadata?: Metadata }): Customer {
  const customer: Customer = {
    id: newId('cus', 14),
    object: 'customer',
    created: l.now(),
    email: p.email ?? null,
    name: p.name ?? null,
    description: p.description ?? null,
    metadata: p.metadata ?? {},
    livemode: false,
  };
  l.state.customers.set(customer.id, customer);
  return customer;
}

export function getSubscription(l: Ledger, id: string): Subscription {
  const sub = l.state.subscriptions.get(id);
  if (!sub) throw missing('subscription', id);
  return sub;
}

function periodEnd(sub: Subscription): number {
  return sub.items.data[0]?.current_period_end ?? sub.created;
}

function newInvoice(l: Ledger, sub: Subscription, reason: Invoice['billing_reason'], start: number, end: number, paid: boolean, amountDue?: number): Invoice {
  const amount = amountDue ?? sub.items.data.reduce((sum, i) => sum + i.price.unit_amount * i.quantity, 0);
  const invoice: Invoice = {
    id: newId('in'),
    object: 'invoice',
    created: l.now(),
    customer: sub.customer,
    status: paid ? 'paid' : 'open',
    billing_reason: reason,
    currency: sub.currency,
    amount_due: amount,
    amount_paid: paid ? amount : 0,
    amount_remaining: paid ? 0 : amount,
    attempt_count: 1,
    period_start: start,
    period_end: end,
    parent: { type: 'subscription_details', quote_details: null, subscription_details: { subscription: sub.id, metadata: { ...sub.metadata } } },
    lines: { object: 'list', has_more: false, data: [{ id: newId('il'), object: 'line_item', amount, currency: sub.currency, period: { start, end } }] },
    livemode: false,
  };
  l.state.invoices.set(invoice.id, invoice);
  sub.latest_invoice = invoice.id;
  return invoice;
}

/**
 * The customer pays on the Checkout page. Stripe creates the subscription (first `incomplete`),
 * pays its first invoice, activates it and completes the session; the events follow that order and
 * are stamped per `l.checkoutTiming` (the session completed a second or more after the rest). With a
 * trial (`subscription_data[trial_period_days]`) the subscription starts `trialing`, its first
 * invoice is for 0, there is no activation, and the session's `payment_status` is
 * `no_payment_required`.
 */
export function completeCheckout(l: Ledger, session: CheckoutSession): StripeEvent[] {
  if (session.status !== 'open') throw invalid('session', `This Checkout Session is ${session.status}.`);
  const timing = l.checkoutTiming;
  const events: StripeEvent[] = [];
  let customerId = session.customer;
  if (!customerId) {
    const customer = createCustomer(l, session.customer_email ? { email: session.customer_email } : {});
    customerId = customer.id;
    events.push(recordEvent(l, 'customer.created', customer));
  }
  const price = l.state.prices.get(session._price);
  if (!price) throw missing('price', session._price);
  const now = l.now();
  const subId = newId('sub');
  const trialEnd = session._trialDays > 0 ? now + session._trialDays * 86400 : null;
  const sub: Subscription = {
    id: subId,
    object: 'subscription',
    created: now,
    start_date: now,
    billing_cycle_anchor: trialEnd ?? now,
    customer: customerId,
    status: trialEnd ? 'trialing' : 'incomplete',
    cancel_at_period_end: false,
    cancel_at: null,
    canceled_at: null,
    ended_at: null,
    trial_start: trialEnd ? now : null,
    trial_end: trialEnd,
    collection_method: 'charge_automatically',
    currency: price.currency,
    latest_invoice: null,
    metadata: { ...session._subscriptionMetadata },
    items: {
      object: 'list',
      has_more: false,
      url: `/v1/subscription_items?subscription=${subId}`,
      data: [
        {
          id: newId('si', 14),
          object: 'subscription_item',
          created: now,
          price: snapshot(price),
          quantity: 1,
          subscription: subId,
          current_period_start: now,
          current_period_end: trialEnd ?? addMonth(now),
          metadata: {},
        },
      ],
    },
    livemode: false,
  };
  l.state.subscriptions.set(sub.id, sub);
  const invoice = newInvoice(l, sub, 'subscription_create', now, trialEnd ?? addMonth(now), true, trialEnd ? 0 : undefined);
  events.push(recordEvent(l, 'customer.subscription.created', sub));
  l.advance(timing.invoicePaidAfter);
  events.push(recordEvent(l, 'invoice.paid', invoice));
  events.push(recordEvent(l, 'invoice.payment_succeeded', invoice));
  if (!trialEnd) {
    l.advance(timing.activatedAfter);
    sub.status = 'active';
    events.push(recordEvent(l, 'customer.subscription.updated', sub, { status: 'incomplete' }));
  }
  l.advance(timing.completedAfter);
  Object.assign(session, { status: 'complete', payment_status: trialEnd ? 'no_payment_required' : 'paid', customer: customerId, subscription: sub.id, url: null });
  events.push(recordEvent(l, 'checkout.session.completed', publicSession(session)));
  return events;
}

/** The portal's "cancel at period end" (or undoing it). */
export function setCancelAtPeriodEnd(l: Ledger, subId: string, cancel: boolean): StripeEvent[] {
  const sub = getSubscription(l, subId);
  if (sub.status === 'canceled') throw invalid('subscription', 'A canceled subscription can only be read.');
  if (sub.cancel_at_period_end === cancel) return [];
  const previous = { cancel_at_period_end: sub.cancel_at_period_end, cancel_at: sub.cancel_at, canceled_at: sub.canceled_at };
  sub.cancel_at_period_end = cancel;
  sub.cancel_at = cancel ? periodEnd(sub) : null;
  sub.canceled_at = cancel ? l.now() : null;
  return [recordEvent(l, 'customer.subscription.updated', sub, previous)];
}

/** Cancel now: the subscription ends immediately. */
export function cancelNow(l: Ledger, subId: string): StripeEvent[] {
  const sub = getSubscription(l, subId);
  if (sub.status === 'canceled') return [];
  const now = l.now();
  Object.assign(sub, { status: 'canceled', canceled_at: sub.canceled_at ?? now, ended_at: now });
  return [recordEvent(l, 'customer.subscription.deleted', sub)];
}

/**
 * The period ends: a subscription set to cancel ends (`deleted`); otherwise the next invoice is
 * paid and the subscription moves to the new period (recovering from past_due if it was).
 */
export function advancePeriod(l: Ledger, subId: string): StripeEvent[] {
  const sub = getSubscription(l, subId);
  if (sub.status === 'canceled') throw invalid('subscription', 'A canceled subscription has no next period.');
  if (sub.cancel_at_period_end) return cancelNow(l, subId);
  const item = sub.items.data[0];
  if (!item) throw invalid('subscription', 'The subscription has no items.');
  const start = item.current_period_end;
  const end = addMonth(start);
  const invoice = newInvoice(l, sub, 'subscription_cycle', start, end, true);
  const previous = { status: sub.status, items: snapshot(sub.items), latest_invoice: sub.latest_invoice };
  Object.assign(item, { current_period_start: start, current_period_end: end });
  sub.status = 'active';
  return [
    recordEvent(l, 'invoice.paid', invoice),
    recordEvent(l, 'invoice.payment_succeeded', invoice),
    recordEvent(l, 'customer.subscription.updated', sub, previous),
  ];
}

/** The renewal charge is declined: the invoice stays open and the subscription goes past_due. */
export function failPayment(l: Ledger, subId: string): StripeEvent[] {
  const sub = getSubscription(l, subId);
  if (sub.status === 'canceled') throw invalid('subscription', 'A canceled subscription is not billed.');
  const item = sub.items.data[0];
  const start = item?.current_period_end ?? l.now();
  const invoice = newInvoice(l, sub, 'subscription_cycle', start, addMonth(start), false);
  const previous = { status: sub.status };
  sub.status = 'past_due';
  return [recordEvent(l, 'invoice.payment_failed', invoice), recordEvent(l, 'customer.subscription.updated', sub, previous)];
}
