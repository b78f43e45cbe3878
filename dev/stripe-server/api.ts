import { invalid, missing, required, StripeApiError } from './errors';
import { type FormObject, objects, record, str, strings, bool } from './form';
import { cancelNow, createCustomer, getSubscription, type Ledger, recordEvent, setCancelAtPeriodEnd } from './lifecycle';
import { type CheckoutSession, newId, type PortalSession, publicSession, type StripeEvent } from './objects';

/** One API call as the router sees it. */
export interface ApiCall {
  method: string;
  path: string;
  form: FormObject;
  idempotencyKey: string | null;
  requestId: string;
}

export interface ApiContext extends Ledger {
  /** The stand-in's own base URL, for the hosted pay and portal pages. */
  baseUrl: string;
  /** Events an API call caused, handed to the webhook dispatcher after the response is decided. */
  emit(events: StripeEvent[]): void;
}

type Handler = (ctx: ApiContext, call: ApiCall, id: string) => unknown;

const list = (data: unknown[], url: string) => ({ object: 'list', data, has_more: false, url });

/** Replaces `expand[]`-ed ids with their objects (one level, the fields we might ask for). */
function expand(ctx: ApiContext, obj: unknown, fields: string[]): unknown {
  if (!obj || typeof obj !== 'object' || fields.length === 0) return obj;
  const out = { ...(obj as Record<string, unknown>) };
  const lookups: Record<string, (id: string) => unknown> = {
    customer: (id) => ctx.state.customers.get(id),
    subscription: (id) => ctx.state.subscriptions.get(id),
    latest_invoice: (id) => ctx.state.invoices.get(id),
  };
  for (const f of fields) {
    const v = out[f];
    const find = lookups[f];
    if (typeof v === 'string' && find) out[f] = find(v) ?? v;
  }
  return out;
}

const routes: Array<[string, RegExp, Handler]> = [
  ['POST', /^\/v1\/customers$/, (ctx, { form, requestId, idempotencyKey }) => {
    const c = createCustomer(ctx, { email: str(form, 'email'), name: str(form, 'name'), description: str(form, 'description'), metadata: record(form, 'metadata') });
    ctx.emit([recordEvent(ctx, 'customer.created', c, undefined, { id: requestId, idempotency_key: idempotencyKey })]);
    return c;
  }],
  ['GET', /^\/v1\/customers\/([^/]+)$/, (ctx, _c, id) => ctx.state.customers.get(id) ?? raise(missing('customer', id))],
  ['POST', /^\/v1\/customers\/([^/]+)$/, (ctx, { form }, id) => {
    const c = ctx.state.customers.get(id) ?? raise(missing('customer', id));
    if (form.email !== undefined) c.email = str(form, 'email') ?? null;
    if (form.name !== undefined) c.name = str(form, 'name') ?? null;
    Object.assign(c.metadata, record(form, 'metadata'));
    return c;
  }],
  ['GET', /^\/v1\/prices$/, (ctx) => list([...ctx.state.prices.values()].filter((p) => p.active), '/v1/prices')],
  ['GET', /^\/v1\/prices\/([^/]+)$/, (ctx, _c, id) => ctx.state.prices.get(id) ?? raise(missing('price', id))],
  ['POST', /^\/v1\/checkout\/sessions$/, createSession],
  ['GET', /^\/v1\/checkout\/sessions\/([^/]+)$/, (ctx, _c, id) => publicSession(ctx.state.sessions.get(id) ?? raise(missing('checkout.session', id)))],
  ['POST', /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/, (ctx, _c, id) => {
    const s = ctx.state.sessions.get(id) ?? raise(missing('checkout.session', id));
    if (s.status !== 'open') raise(invalid('session', `Only open sessions can be expired; this one is ${s.status}.`));
    Object.assign(s, { status: 'expired', url: null });
    ctx.emit([recordEvent(ctx, 'checkout.session.expired', publicSession(s))]);
    return publicSession(s);
  }],
  ['POST', /^\/v1\/billing_portal\/sessions$/, (ctx, { form }) => {
    const customer = str(form, 'customer') ?? raise(required('customer'));
    if (!ctx.state.customers.has(customer)) raise(missing('customer', customer, 'customer'));
    const id = newId('bps');
    const session: PortalSession = { id, object: 'billing_portal.session', created: ctx.now(), customer, return_url: str(form, 'return_url') ?? null, url: `${ctx.baseUrl}/portal/${id}`, livemode: false };
    ctx.state.portalSessions.set(id, session);
    return session;
  }],
  ['GET', /^\/v1\/subscriptions$/, (ctx, { form }) => {
    const customer = str(form, 'customer');
    const status = str(form, 'status');
    const subs = [...ctx.state.subscriptions.values()].filter(
      (s) => (!customer || s.customer === customer) && (status === 'all' || (status ? s.status === status : s.status !== 'canceled')),
    );
    return list(subs, '/v1/subscriptions');
  }],
  ['GET', /^\/v1\/subscriptions\/([^/]+)$/, (ctx, _c, id) => getSubscription(ctx, id)],
  ['POST', /^\/v1\/subscriptions\/([^/]+)$/, (ctx, { form }, id) => {
    const sub = getSubscription(ctx, id);
    const cancel = bool(form, 'cancel_at_period_end');
    const events = cancel === undefined ? [] : setCancelAtPeriodEnd(ctx, id, cancel);
    if (form.metadata !== undefined) Object.assign(sub.metadata, record(form, 'metadata'));
    ctx.emit(events);
    return sub;
  }],
  ['DELETE', /^\/v1\/subscriptions\/([^/]+)$/, (ctx, _c, id) => {
    ctx.emit(cancelNow(ctx, id));
    return getSubscription(ctx, id);
  }],
  ['GET', /^\/v1\/invoices\/([^/]+)$/, (ctx, _c, id) => ctx.state.invoices.get(id) ?? raise(missing('invoice', id))],
  ['GET', /^\/v1\/events$/, (ctx, { form }) => {
    const type = str(form, 'type');
    return list([...ctx.state.events].reverse().filter((e) => !type || e.type === type), '/v1/events');
  }],
  ['GET', /^\/v1\/events\/([^/]+)$/, (ctx, _c, id) => ctx.state.events.find((e) => e.id === id) ?? raise(missing('event', id))],
];

function createSession(ctx: ApiContext, { form }: ApiCall): unknown {
  const mode = str(form, 'mode') ?? raise(required('mode'));
  if (mode !== 'subscription') raise(invalid('mode', `The local Stripe stand-in only supports mode=subscription, not ${mode}.`));
  const success_url = str(form, 'success_url') ?? raise(required('success_url'));
  const items = objects(form, 'line_items');
  const first = items[0] ?? raise(required('line_items'));
  if (items.length !== 1) raise(invalid('line_items', 'The local Stripe stand-in supports exactly one line item.'));
  const priceId = str(first, 'price') ?? raise(required('line_items[0][price]'));
  const price = ctx.state.prices.get(priceId) ?? raise(missing('price', priceId, 'line_items[0][price]'));
  const customer = str(form, 'customer') ?? null;
  if (customer && !ctx.state.customers.has(customer)) raise(missing('customer', customer, 'customer'));
  const subscriptionData = form.subscription_data;
  const subData: FormObject = subscriptionData && typeof subscriptionData === 'object' && !Array.isArray(subscriptionData) ? subscriptionData : {};
  const trialDays = Number(str(subData, 'trial_period_days') ?? 0);
  if (!Number.isInteger(trialDays) || trialDays < 0 || trialDays > 730) raise(invalid('subscription_data[trial_period_days]', 'Trial days must be a whole number from 1 to 730.'));
  const id = newId('cs_test', 58);
  const created = ctx.now();
  const session: CheckoutSession = {
    id,
    object: 'checkout.session',
    created,
    expires_at: created + 24 * 3600,
    mode: 'subscription',
    status: 'open',
    payment_status: 'unpaid',
    customer,
    customer_email: customer ? null : (str(form, 'customer_email') ?? null),
    client_reference_id: str(form, 'client_reference_id') ?? null,
    metadata: record(form, 'metadata'),
    success_url,
    cancel_url: str(form, 'cancel_url') ?? null,
    url: `${ctx.baseUrl}/checkout/${id}`,
    subscription: null,
    amount_total: price.unit_amount * Number(str(first, 'quantity') ?? 1),
    currency: price.currency,
    livemode: false,
    _price: price.id,
    _subscriptionMetadata: record(subData, 'metadata'),
    _trialDays: trialDays,
  };
  ctx.state.sessions.set(id, session);
  return publicSession(session);
}

function raise(err: StripeApiError): never {
  throw err;
}

/** Routes one call; throws `StripeApiError` for anything Stripe would refuse. */
export function routeApi(ctx: ApiContext, call: ApiCall): unknown {
  for (const [method, pattern, handler] of routes) {
    if (method !== call.method) continue;
    const m = pattern.exec(call.path);
    if (!m) continue;
    const result = handler(ctx, call, decodeURIComponent(m[1] ?? ''));
    return expand(ctx, result, strings(call.form, 'expand'));
  }
  throw new StripeApiError(404, 'invalid_request_error', `Unrecognized request URL (${call.method}: ${call.path}).`);
}
