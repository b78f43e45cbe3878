import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { LOCAL_STRIPE_PRICE_ID } from '../../cloud/config/billing';
import { type ApiContext, routeApi } from './api';
import { StripeApiError } from './errors';
import { parseForm } from './form';
import { advancePeriod, cancelNow, type CheckoutTiming, completeCheckout, failPayment, type Ledger, setCancelAtPeriodEnd, STRIPE_CHECKOUT_TIMING } from './lifecycle';
import { emptyState, newId, type Price, type StandInState, type StripeEvent } from './objects';
import { type DeliveryChoice, notFoundPage, payPage, portalPage, subscriptionsOf } from './pages';
import { header, readBody, redirect, sendHtml, sendJson } from './http-util';
import { createDispatcher, type DeliveryMode, type DeliveryRecord } from './webhooks';

export interface StripeServerOptions {
  host?: string;
  port: number;
  /** The only API key the stand-in accepts (Bearer). */
  secretKey: string;
  /** Signs webhooks (`Stripe-Signature`). */
  webhookSecret: string;
  /** Where webhooks go; unset: events are only recorded. Can be set later with `setWebhookUrl`. */
  webhookUrl?: string;
  /** Prices to offer; default: GradeBot Pro at $9.99/month under the local price id. */
  prices?: Array<Pick<Price, 'id' | 'unit_amount' | 'currency'> & { nickname?: string }>;
  delivery?: Partial<DeliveryMode>;
  webhookMaxAttempts?: number;
  webhookRetryDelayMs?: number;
  /**
   * The clock events and objects are stamped with (default: the wall clock). The stand-in's own
   * clock never runs behind it, and moves ahead of it while a checkout's events are spread out.
   */
  now?: () => Date;
  /** How a checkout's events are spaced (default: Stripe's usual, {@link STRIPE_CHECKOUT_TIMING}). */
  checkoutTiming?: Partial<CheckoutTiming>;
}

export interface StripeServer {
  url: string;
  close(): Promise<void>;
  /** Everything the stand-in holds, for assertions. */
  state: StandInState;
  /** Every webhook attempt so far. */
  deliveries: readonly DeliveryRecord[];
  setDelivery(mode: Partial<DeliveryMode>): DeliveryMode;
  /** Spacing of the next checkouts' events (seconds); returns the whole timing now in force. */
  setCheckoutTiming(timing: Partial<CheckoutTiming>): CheckoutTiming;
  setWebhookUrl(url: string | undefined): void;
  /** What the pay page's button does; resolves after the webhooks were delivered. */
  completeCheckout(sessionId: string): Promise<StripeEvent[]>;
  cancelAtPeriodEnd(subscriptionId: string, cancel?: boolean): Promise<StripeEvent[]>;
  cancelNow(subscriptionId: string): Promise<StripeEvent[]>;
  /** Ends the current period: renews (invoice paid) or, if set to cancel, ends the subscription. */
  advancePeriod(subscriptionId: string): Promise<StripeEvent[]>;
  /** The renewal charge is declined: invoice.payment_failed and status past_due. */
  failPayment(subscriptionId: string): Promise<StripeEvent[]>;
  /** Resolves when no webhook delivery is in flight. */
  idle(): Promise<void>;
}

const choiceToMode = (c: string | undefined): DeliveryMode | undefined =>
  c === 'stripe' ? { order: 'stripe', duplicates: false }
  : c === 'reversed' ? { order: 'reversed', duplicates: false }
  : c === 'shuffled' ? { order: 'shuffled', duplicates: false }
  : c === 'twice' ? { order: 'stripe', duplicates: true }
  : undefined;

const modeToChoice = (m: DeliveryMode): DeliveryChoice => (m.duplicates ? 'twice' : m.order);

/**
 * A Stripe-compatible server for the calls GradeBot makes, driven through the real `stripe` SDK
 * (`host`/`port`/`protocol: 'http'`), with hosted pay and portal pages that send the signed
 * webhooks Stripe would. In memory; one instance per test or per `npm start`.
 */
export async function startStripeServer(opts: StripeServerOptions): Promise<StripeServer> {
  const host = opts.host ?? '127.0.0.1';
  const state = emptyState();
  const clock = opts.now ?? (() => new Date());
  const nowSeconds = () => Math.floor(clock().getTime() / 1000);
  for (const p of opts.prices ?? [{ id: LOCAL_STRIPE_PRICE_ID, unit_amount: 999, currency: 'usd', nickname: 'GradeBot Pro' }]) {
    state.prices.set(p.id, {
      id: p.id, object: 'price', active: true, created: nowSeconds(), currency: p.currency, unit_amount: p.unit_amount,
      nickname: p.nickname ?? null, product: `prod_${p.id}`, recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed' },
      type: 'recurring', metadata: {}, livemode: false,
    });
  }
  const dispatcher = createDispatcher({
    webhookUrl: opts.webhookUrl,
    secret: opts.webhookSecret,
    mode: { order: 'stripe', duplicates: false, ...opts.delivery },
    maxAttempts: opts.webhookMaxAttempts,
    retryDelayMs: opts.webhookRetryDelayMs,
    nowSeconds,
  });
  // Stripe's clock: the caller's clock, except while a batch of events is being spread out ahead of it.
  let floor = 0;
  const stamp = () => Math.max(nowSeconds(), floor);
  const ledger: Ledger = {
    state,
    now: stamp,
    advance: (seconds) => void (floor = stamp() + Math.max(0, seconds)),
    checkoutTiming: { ...STRIPE_CHECKOUT_TIMING, ...opts.checkoutTiming },
    apiVersion: Stripe.API_VERSION,
  };
  const idempotency = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  let baseUrl = '';

  /** Runs a state change and delivers its events before resolving (pages redirect afterwards). */
  const act = async (change: () => StripeEvent[], mode?: DeliveryMode): Promise<StripeEvent[]> => {
    const events = change();
    const saved = dispatcher.mode;
    if (mode) dispatcher.mode = mode;
    const delivered = dispatcher.deliver(events);
    dispatcher.mode = saved;
    await delivered;
    return events;
  };
  const session = (id: string) => {
    const s = state.sessions.get(id);
    if (!s) throw new StripeApiError(404, 'invalid_request_error', `No such checkout.session: '${id}'`, 'resource_missing');
    return s;
  };

  function handleApi(req: IncomingMessage, res: ServerResponse, path: string, query: string, body: string): void {
    const requestId = newId('req', 14);
    const key = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (key !== opts.secretKey) {
      const shown = key ? `${key.slice(0, 8)}***${key.slice(-4)}` : '(none)';
      return sendJson(res, 401, new StripeApiError(401, 'authentication_error', `Invalid API Key provided: ${shown}`).toJSON(), { 'request-id': requestId });
    }
    const method = req.method ?? 'GET';
    const form = parseForm(method === 'GET' || body === '' ? query : body);
    const idemKey = method === 'GET' ? null : (header(req, 'idempotency-key') ?? null);
    const fingerprint = `${method} ${path} ${JSON.stringify(form)}`;
    const headers: Record<string, string> = { 'request-id': requestId, 'stripe-version': header(req, 'stripe-version') ?? Stripe.API_VERSION };
    if (idemKey) {
      headers['idempotency-key'] = idemKey;
      const seen = idempotency.get(idemKey);
      if (seen && seen.fingerprint !== fingerprint) {
        const err = new StripeApiError(400, 'idempotency_error', `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idemKey}' if you meant to execute a different request.`);
        return sendJson(res, 400, err.toJSON(), headers);
      }
      if (seen) return sendJson(res, seen.status, seen.body, { ...headers, 'idempotent-replayed': 'true' });
    }
    const pending: StripeEvent[] = [];
    const ctx: ApiContext = { ...ledger, baseUrl, emit: (events) => pending.push(...events) };
    let status = 200;
    let out: unknown;
    try {
      // Serialize now: the objects are live state that later calls mutate.
      out = JSON.parse(JSON.stringify(routeApi(ctx, { method, path, form, idempotencyKey: idemKey, requestId })));
    } catch (err) {
      const e = err instanceof StripeApiError ? err : new StripeApiError(500, 'api_error', (err as Error).message);
      status = e.status;
      out = e.toJSON();
      if (status >= 500) headers['stripe-should-retry'] = 'true';
    }
    // Stripe remembers every result but a server error under the key.
    if (idemKey && status < 500) idempotency.set(idemKey, { fingerprint, status, body: out });
    sendJson(res, status, out, headers);
    void dispatcher.deliver(pending);
  }

  async function handlePages(req: IncomingMessage, res: ServerResponse, path: string, body: string): Promise<boolean> {
    const method = req.method ?? 'GET';
    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = /^\/checkout\/([^/]+)$/.exec(path))) {
      const s = state.sessions.get(m[1] as string);
      const price = s && state.prices.get(s._price);
      if (!s || !price) return sendHtml(res, 404, notFoundPage('Checkout session')), true;
      const email = s.customer ? (state.customers.get(s.customer)?.email ?? null) : s.customer_email;
      return sendHtml(res, 200, payPage(s, price, email, modeToChoice(dispatcher.mode))), true;
    }
    if (method === 'POST' && (m = /^\/checkout\/([^/]+)\/pay$/.exec(path))) {
      const s = session(m[1] as string);
      // A second click (or a back-button resubmit) shows the session's state instead of paying again.
      if (s.status !== 'open') return redirect(res, `/checkout/${s.id}`), true;
      await act(() => completeCheckout(ledger, s), choiceToMode(new URLSearchParams(body).get('delivery') ?? undefined));
      return redirect(res, s.success_url.replaceAll('{CHECKOUT_SESSION_ID}', s.id)), true;
    }
    if (method === 'GET' && (m = /^\/portal\/([^/]+)$/.exec(path))) {
      const p = state.portalSessions.get(m[1] as string);
      if (!p) return sendHtml(res, 404, notFoundPage('Portal session')), true;
      const html = portalPage(p.id, state.customers.get(p.customer)?.email ?? null, subscriptionsOf(state, p.customer), p.return_url);
      return sendHtml(res, 200, html), true;
    }
    if (method === 'POST' && (m = /^\/portal\/([^/]+)\/subscriptions\/([^/]+)\/(cancel-at-period-end|resume|cancel-now)$/.exec(path))) {
      const [, portalId, subId, action] = m as unknown as [string, string, string, string];
      const p = state.portalSessions.get(portalId);
      const sub = state.subscriptions.get(subId);
      if (!p || !sub || sub.customer !== p.customer) return sendHtml(res, 404, notFoundPage('Subscription')), true;
      await act(() => (action === 'cancel-now' ? cancelNow(ledger, subId) : setCancelAtPeriodEnd(ledger, subId, action === 'cancel-at-period-end')));
      return redirect(res, `/portal/${portalId}`), true;
    }
    return false;
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, path: string, body: string): Promise<boolean> {
    const method = req.method ?? 'GET';
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/_control/deliveries') return sendJson(res, 200, dispatcher.log), true;
    if (method === 'POST' && path === '/_control/delivery') {
      return sendJson(res, 200, handle.setDelivery(body ? (JSON.parse(body) as Partial<DeliveryMode>) : {})), true;
    }
    if (method === 'POST' && path === '/_control/checkout-timing') {
      return sendJson(res, 200, handle.setCheckoutTiming(body ? (JSON.parse(body) as Partial<CheckoutTiming>) : {})), true;
    }
    if (method === 'POST' && (m = /^\/_control\/subscriptions\/([^/]+)\/(advance|fail-payment)$/.exec(path))) {
      const events = m[2] === 'advance' ? await handle.advancePeriod(m[1] as string) : await handle.failPayment(m[1] as string);
      return sendJson(res, 200, { events: events.map((e) => ({ id: e.id, type: e.type })) }), true;
    }
    return false;
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      try {
        const body = await readBody(req);
        if (url.pathname.startsWith('/v1/')) return handleApi(req, res, url.pathname, url.search.slice(1), body);
        if (await handlePages(req, res, url.pathname, body)) return;
        if (await handleControl(req, res, url.pathname, body)) return;
        sendJson(res, 404, new StripeApiError(404, 'invalid_request_error', `Unrecognized request URL (${req.method}: ${url.pathname}).`).toJSON());
      } catch (err) {
        const e = err instanceof StripeApiError ? err : new StripeApiError(500, 'api_error', (err as Error).message);
        if (!res.headersSent) sendJson(res, e.status, e.toJSON());
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolve());
  });
  baseUrl = `http://${host}:${(server.address() as AddressInfo).port}`;

  const handle: StripeServer = {
    url: baseUrl,
    state,
    deliveries: dispatcher.log,
    setDelivery: (mode) => (dispatcher.mode = { ...dispatcher.mode, ...mode }),
    setWebhookUrl: (url) => void (dispatcher.webhookUrl = url),
    setCheckoutTiming: (timing) => (ledger.checkoutTiming = { ...ledger.checkoutTiming, ...timing }),
    completeCheckout: (id) => act(() => completeCheckout(ledger, session(id))),
    cancelAtPeriodEnd: (id, cancel = true) => act(() => setCancelAtPeriodEnd(ledger, id, cancel)),
    cancelNow: (id) => act(() => cancelNow(ledger, id)),
    advancePeriod: (id) => act(() => advancePeriod(ledger, id)),
    failPayment: (id) => act(() => failPayment(ledger, id)),
    idle: () => dispatcher.idle(),
    close: async () => {
      await dispatcher.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return handle;
}
