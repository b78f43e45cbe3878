import { createHmac } from 'node:crypto';
import type { StripeEvent } from './objects';

/** In which order a batch of events (one checkout, one cancellation…) reaches the webhook. */
export type DeliveryOrder = 'stripe' | 'shuffled' | 'reversed';

export interface DeliveryMode {
  order: DeliveryOrder;
  /** Deliver the whole batch a second time after the first pass (Stripe is at-least-once). */
  duplicates: boolean;
}

export interface DeliveryRecord {
  eventId: string;
  type: string;
  attempt: number;
  /** The webhook's HTTP status; null when the request itself failed. */
  status: number | null;
  error?: string;
}

/**
 * The `Stripe-Signature` header exactly as Stripe builds it: `t=<unix seconds>,v1=<hex HMAC-SHA256
 * of "<t>.<payload>" keyed with the whole webhook secret>`.
 */
export function signatureHeader(payload: string, secret: string, timestamp: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

export interface DispatcherOptions {
  webhookUrl?: string;
  secret: string;
  mode?: DeliveryMode;
  /** Attempts per event before giving up (Stripe retries for days; a dev server need not). */
  maxAttempts?: number;
  retryDelayMs?: number;
  /** Seconds since the epoch for signature timestamps. */
  nowSeconds: () => number;
  random?: () => number;
}

export interface Dispatcher {
  /** Sends a batch per the current mode; resolves when every delivery has finished or given up. */
  deliver(events: StripeEvent[]): Promise<void>;
  mode: DeliveryMode;
  webhookUrl: string | undefined;
  readonly log: DeliveryRecord[];
  /** Resolves when no delivery is in flight. */
  idle(): Promise<void>;
}

export function orderBatch<T>(events: T[], mode: DeliveryMode, random: () => number = Math.random): T[] {
  let ordered = [...events];
  if (mode.order === 'reversed') ordered.reverse();
  if (mode.order === 'shuffled') {
    for (let i = ordered.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [ordered[i], ordered[j]] = [ordered[j] as T, ordered[i] as T];
    }
  }
  if (mode.duplicates) ordered = [...ordered, ...ordered];
  return ordered;
}

export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const inFlight = new Set<Promise<void>>();
  const log: DeliveryRecord[] = [];
  const maxAttempts = opts.maxAttempts ?? 3;
  const retryDelayMs = opts.retryDelayMs ?? 250;

  async function send(url: string, event: StripeEvent): Promise<void> {
    const payload = JSON.stringify(event, null, 2);
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        // Each attempt is signed afresh, as Stripe does, so retries pass the tolerance check.
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
            'stripe-signature': signatureHeader(payload, opts.secret, opts.nowSeconds()),
          },
          body: payload,
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer();
        log.push({ eventId: event.id, type: event.type, attempt, status: res.status });
        if (res.ok) return;
      } catch (err) {
        log.push({ eventId: event.id, type: event.type, attempt, status: null, error: (err as Error).message });
      }
      if (attempt < maxAttempts) await new Promise((r) => setTimeout(r, retryDelayMs * attempt));
    }
  }

  const dispatcher: Dispatcher = {
    mode: opts.mode ?? { order: 'stripe', duplicates: false },
    webhookUrl: opts.webhookUrl,
    log,
    deliver(events) {
      const url = dispatcher.webhookUrl;
      if (!url || events.length === 0) return Promise.resolve();
      const batch = orderBatch(events, dispatcher.mode, opts.random);
      // One at a time, so "in Stripe's order" and "reversed" mean what they say at the receiver.
      const run = (async () => {
        for (const event of batch) await send(url, event);
      })();
      inFlight.add(run);
      void run.finally(() => inFlight.delete(run));
      return run;
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
  return dispatcher;
}
