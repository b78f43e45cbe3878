import { z } from 'zod';
import { SubscriptionStatusSchema } from '../../shared/domain/user';

/**
 * What a Stripe event tells us about a teacher's subscription, read through zod from the few
 * fields we rely on (Stripe's payloads are large and versioned; we trust only what we parse).
 */
export type BillingFact =
  /** A full snapshot of one subscription (customer.subscription.created|updated|deleted). */
  | {
      kind: 'subscription';
      subscriptionId: string;
      status: z.infer<typeof SubscriptionStatusSchema>;
      currentPeriodEnd: Date | null;
      cancelAtPeriodEnd: boolean;
    }
  /**
   * Checkout finished: links the customer and subscription to the teacher. `paymentStatus` is the
   * session's (`paid`, `no_payment_required` for a trial or a free first period, `unpaid`).
   */
  | { kind: 'checkout'; subscriptionId: string; paymentStatus: string }
  /** A subscription invoice was paid or its payment failed. */
  | { kind: 'invoice'; subscriptionId: string; paid: boolean; periodEnd: Date | null };

export interface EventFacts {
  fact: BillingFact;
  customerId: string | null;
  /** The teacher id we put in metadata / client_reference_id, when the object carries it. */
  teacherId: string | null;
}

/** The event envelope, after the signature check. */
export const StripeEventEnvelopeSchema = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  created: z.number().int(),
  data: z.object({ object: z.unknown() }),
});
export type StripeEventEnvelope = z.infer<typeof StripeEventEnvelopeSchema>;

const id = z.string().min(1);
const expandable = z.union([id, z.object({ id })]).transform((v) => (typeof v === 'string' ? v : v.id));
const metadata = z.record(z.string(), z.string()).nullish().transform((m) => m ?? {});
const unixDate = (s: number) => new Date(s * 1000);

const SubscriptionObject = z.object({
  id,
  customer: expandable,
  status: SubscriptionStatusSchema.exclude(['none']),
  cancel_at_period_end: z.boolean(),
  metadata,
  items: z.object({ data: z.array(z.object({ current_period_end: z.number().int() })) }),
});

const CheckoutSessionObject = z.object({
  mode: z.string(),
  customer: expandable.nullish(),
  subscription: expandable.nullish(),
  payment_status: z.string(),
  client_reference_id: z.string().nullish(),
  metadata,
});

const InvoiceObject = z.object({
  customer: expandable.nullish(),
  parent: z
    .object({ subscription_details: z.object({ subscription: expandable, metadata }).nullish() })
    .nullish(),
  lines: z.object({ data: z.array(z.object({ period: z.object({ end: z.number().int() }) })) }).nullish(),
});

/** The event types that change a teacher's billing state; everything else is acknowledged and ignored. */
export const HANDLED_EVENT_TYPES = [
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
] as const;

/** The billing fact in an event, or undefined for events we do not act on. Throws on a malformed payload. */
export function factsFromEvent(event: StripeEventEnvelope): EventFacts | undefined {
  const object = event.data.object;
  switch (event.type) {
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted': {
      const s = SubscriptionObject.parse(object);
      // The paid period ends when the last item's period does (items may renew separately).
      const ends = s.items.data.map((i) => i.current_period_end);
      return {
        customerId: s.customer,
        teacherId: s.metadata.teacherId ?? null,
        fact: {
          kind: 'subscription',
          subscriptionId: s.id,
          status: s.status,
          currentPeriodEnd: ends.length > 0 ? unixDate(Math.max(...ends)) : null,
          cancelAtPeriodEnd: s.cancel_at_period_end,
        },
      };
    }
    case 'checkout.session.completed': {
      const c = CheckoutSessionObject.parse(object);
      if (c.mode !== 'subscription' || !c.subscription) return undefined;
      return {
        customerId: c.customer ?? null,
        teacherId: c.client_reference_id ?? c.metadata.teacherId ?? null,
        fact: { kind: 'checkout', subscriptionId: c.subscription, paymentStatus: c.payment_status },
      };
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const inv = InvoiceObject.parse(object);
      const details = inv.parent?.subscription_details;
      if (!details) return undefined; // a one-off invoice, not our subscription
      const ends = (inv.lines?.data ?? []).map((l) => l.period.end);
      return {
        customerId: inv.customer ?? null,
        teacherId: details.metadata.teacherId ?? null,
        fact: {
          kind: 'invoice',
          subscriptionId: details.subscription,
          paid: event.type === 'invoice.paid',
          periodEnd: ends.length > 0 ? unixDate(Math.max(...ends)) : null,
        },
      };
    }
    default:
      return undefined;
  }
}
