import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { ensureStripeWebhook, type StripeWebhookDeps } from '../../dev/deploy/stripe-webhook';

const KEY = 'sk_test_deploy_webhook';
const URL_ = 'https://us-central1-gradebot-prod.cloudfunctions.net/stripeWebhook';
const EVENTS = ['checkout.session.completed', 'customer.subscription.updated', 'invoice.paid'];

interface Endpoint {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  enabled_events: string[];
  status: 'enabled' | 'disabled';
  api_version: string | null;
  description: string | null;
  secret?: string;
}

/** Stripe's webhook-endpoint API, as much of it as the deploy step uses, on a local port. */
function startStripeEndpoints(): Promise<{ server: Server; port: number; endpoints: Endpoint[]; requests: string[] }> {
  const endpoints: Endpoint[] = [];
  const requests: string[] = [];
  const body = (req: IncomingMessage) =>
    new Promise<URLSearchParams>((done) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => done(new URLSearchParams(raw)));
    });
  const events = (form: URLSearchParams) => [...form.entries()].filter(([k]) => /^enabled_events\[\d*\]$/.test(k)).map(([, v]) => v);
  const server = createServer(async (req, res) => {
    const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (req.headers.authorization !== `Bearer ${KEY}`) return json(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key' } });
    const path = (req.url ?? '').split('?')[0];
    requests.push(`${req.method} ${path}`);
    if (req.method === 'GET' && path === '/v1/webhook_endpoints') {
      return json(200, { object: 'list', url: '/v1/webhook_endpoints', has_more: false, data: endpoints.map(({ secret: _s, ...e }) => e) });
    }
    const form = await body(req);
    if (req.method === 'POST' && path === '/v1/webhook_endpoints') {
      const n = endpoints.length + 1;
      const e: Endpoint = {
        id: `we_${n}`,
        object: 'webhook_endpoint',
        url: form.get('url') ?? '',
        enabled_events: events(form),
        status: 'enabled',
        api_version: form.get('api_version'),
        description: form.get('description'),
        secret: `whsec_endpoint_${n}`,
      };
      endpoints.push(e);
      return json(200, e);
    }
    const existing = endpoints.find((e) => path === `/v1/webhook_endpoints/${e.id}`);
    if (req.method === 'POST' && existing) {
      if (form.has('enabled_events[0]')) existing.enabled_events = events(form);
      if (form.get('disabled') === 'false') existing.status = 'enabled';
      const { secret: _s, ...rest } = existing;
      return json(200, rest);
    }
    return json(404, { error: { type: 'invalid_request_error', message: 'No such route' } });
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, port: (server.address() as AddressInfo).port, endpoints, requests })));
}

describe('ensureStripeWebhook', () => {
  let stripeApi: Awaited<ReturnType<typeof startStripeEndpoints>>;
  let stored: string[];
  let logs: string[];
  let deps: StripeWebhookDeps;

  beforeEach(async () => {
    stripeApi = await startStripeEndpoints();
    stored = [];
    logs = [];
    deps = {
      stripe: new Stripe(KEY, { host: '127.0.0.1', port: stripeApi.port, protocol: 'http', maxNetworkRetries: 0 }),
      url: URL_,
      events: EVENTS,
      secretHasVersion: async () => stored.length > 0,
      storeSecret: async (value) => {
        stored.push(value);
      },
      log: (l) => logs.push(l),
    };
  });
  afterEach(() => new Promise<void>((done) => stripeApi.server.close(() => done())));

  it('creates the endpoint with our events and API version, and stores its signing secret', async () => {
    stripeApi.endpoints.push({ id: 'we_other', object: 'webhook_endpoint', url: 'https://elsewhere.example/hook', enabled_events: ['*'], status: 'enabled', api_version: null, description: null });
    const outcome = await ensureStripeWebhook(deps);
    expect(outcome).toEqual({ action: 'created', endpointId: 'we_2' });
    const created = stripeApi.endpoints[1];
    expect(created?.url).toBe(URL_);
    expect(created?.enabled_events).toEqual(EVENTS);
    expect(created?.api_version).toBe(Stripe.API_VERSION);
    expect(stored).toEqual(['whsec_endpoint_2']);
    expect(logs.join('\n')).not.toContain('whsec_');
  });

  it('is idempotent: a second run finds the endpoint and changes nothing', async () => {
    await ensureStripeWebhook(deps);
    const again = await ensureStripeWebhook(deps);
    expect(again).toEqual({ action: 'unchanged', endpointId: 'we_1' });
    expect(stripeApi.endpoints).toHaveLength(1);
    expect(stored).toHaveLength(1);
    expect(stripeApi.requests.filter((r) => r.startsWith('POST'))).toEqual(['POST /v1/webhook_endpoints']);
  });

  it('brings the events of an existing endpoint up to date and re-enables it', async () => {
    await ensureStripeWebhook(deps);
    const first = stripeApi.endpoints[0] as Endpoint;
    first.status = 'disabled';
    const outcome = await ensureStripeWebhook({ ...deps, events: [...EVENTS, 'invoice.payment_failed'] });
    expect(outcome.action).toBe('updated');
    expect(first.enabled_events).toEqual([...EVENTS, 'invoice.payment_failed']);
    expect(first.status).toBe('enabled');
    expect(stored).toHaveLength(1);
  });

  it('asks for the secret of an endpoint made by hand, and stores one when it is supplied', async () => {
    stripeApi.endpoints.push({ id: 'we_hand', object: 'webhook_endpoint', url: URL_, enabled_events: EVENTS, status: 'enabled', api_version: null, description: null });
    await expect(ensureStripeWebhook(deps)).rejects.toThrow(/we_hand exists but Secret Manager has no signing secret[\s\S]*STRIPE_WEBHOOK_SECRET/);
    expect(stored).toEqual([]);
    const outcome = await ensureStripeWebhook({ ...deps, suppliedSecret: 'whsec_from_dashboard' });
    expect(outcome).toEqual({ action: 'unchanged', endpointId: 'we_hand' });
    expect(stored).toEqual(['whsec_from_dashboard']);
    expect(stripeApi.endpoints).toHaveLength(1);
  });
});
