import { randomBytes } from 'node:crypto';

/**
 * The Stripe objects the stand-in keeps, shaped as Stripe's API version of the installed SDK
 * returns them (period dates live on subscription items; an invoice names its subscription under
 * `parent.subscription_details`). Only the fields our code or the SDK reads, plus the identifying
 * ones, are filled.
 */

export type Metadata = Record<string, string>;

export interface Customer {
  id: string;
  object: 'customer';
  created: number;
  email: string | null;
  name: string | null;
  description: string | null;
  metadata: Metadata;
  livemode: false;
}

export interface Price {
  id: string;
  object: 'price';
  active: boolean;
  created: number;
  currency: string;
  unit_amount: number;
  nickname: string | null;
  product: string;
  recurring: { interval: 'month'; interval_count: 1; usage_type: 'licensed' };
  type: 'recurring';
  metadata: Metadata;
  livemode: false;
}

export interface CheckoutSession {
  id: string;
  object: 'checkout.session';
  created: number;
  expires_at: number;
  mode: 'subscription';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid' | 'no_payment_required';
  customer: string | null;
  customer_email: string | null;
  client_reference_id: string | null;
  metadata: Metadata;
  success_url: string;
  cancel_url: string | null;
  url: string | null;
  subscription: string | null;
  amount_total: number;
  currency: string;
  livemode: false;
  /** Not a Stripe field on the wire (Stripe keeps line items behind an expansion); stripped on output. */
  _price: string;
  _subscriptionMetadata: Metadata;
  /** `subscription_data[trial_period_days]`, 0 without a trial; stripped on output. */
  _trialDays: number;
}

export interface SubscriptionItem {
  id: string;
  object: 'subscription_item';
  created: number;
  price: Price;
  quantity: number;
  subscription: string;
  current_period_start: number;
  current_period_end: number;
  metadata: Metadata;
}

export type SubscriptionStatus = 'incomplete' | 'trialing' | 'active' | 'past_due' | 'canceled' | 'unpaid';

export interface Subscription {
  id: string;
  object: 'subscription';
  created: number;
  start_date: number;
  billing_cycle_anchor: number;
  customer: string;
  status: SubscriptionStatus;
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  canceled_at: number | null;
  ended_at: number | null;
  trial_start: number | null;
  trial_end: number | null;
  collection_method: 'charge_automatically';
  currency: string;
  latest_invoice: string | null;
  metadata: Metadata;
  items: { object: 'list'; data: SubscriptionItem[]; has_more: false; url: string };
  livemode: false;
}

export interface Invoice {
  id: string;
  object: 'invoice';
  created: number;
  customer: string;
  status: 'open' | 'paid';
  billing_reason: 'subscription_create' | 'subscription_cycle';
  currency: string;
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  attempt_count: number;
  period_start: number;
  period_end: number;
  parent: { type: 'subscription_details'; quote_details: null; subscription_details: { subscription: string; metadata: Metadata } };
  lines: {
    object: 'list';
    has_more: false;
    data: Array<{ id: string; object: 'line_item'; amount: number; currency: string; period: { start: number; end: number } }>;
  };
  livemode: false;
}

export interface PortalSession {
  id: string;
  object: 'billing_portal.session';
  created: number;
  customer: string;
  return_url: string | null;
  url: string;
  livemode: false;
}

export interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  type: string;
  data: { object: unknown; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
}

/** Everything the stand-in remembers; in memory, gone on restart (like a fresh Stripe test account). */
export interface StandInState {
  customers: Map<string, Customer>;
  prices: Map<string, Price>;
  sessions: Map<string, CheckoutSession>;
  subscriptions: Map<string, Subscription>;
  invoices: Map<string, Invoice>;
  portalSessions: Map<string, PortalSession>;
  events: StripeEvent[];
}

export function emptyState(): StandInState {
  return {
    customers: new Map(),
    prices: new Map(),
    sessions: new Map(),
    subscriptions: new Map(),
    invoices: new Map(),
    portalSessions: new Map(),
    events: [],
  };
}

/** A Stripe-looking id: prefix plus random characters. */
export function newId(prefix: string, length = 24): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${prefix}_${out}`;
}

/** One calendar month later, in UTC, clamped to the month's last day (Stripe's monthly anchor). */
export function addMonth(unixSeconds: number): number {
  const d = new Date(unixSeconds * 1000);
  const day = d.getUTCDate();
  const next = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(day, lastDay));
  return Math.floor(next.getTime() / 1000);
}

/** The wire form of a checkout session (our private fields removed). */
export function publicSession(s: CheckoutSession): Omit<CheckoutSession, '_price' | '_subscriptionMetadata' | '_trialDays'> {
  const { _price: _p, _subscriptionMetadata: _m, _trialDays: _t, ...rest } = s;
  return rest;
}

/** A deep copy, so an event keeps the object as it was when the event happened. */
export function snapshot<T>(value: T): T {
  return structuredClone(value);
}
