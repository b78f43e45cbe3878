import type { SubscriptionStatus, User } from '../../shared/domain/user';
import { PAID_STATUSES } from '../../shared/rules/quota';
import type { BillingFact } from './event-facts';

type Sub = User['subscription'];

export type Reduction = { outcome: 'applied'; next: Sub } | { outcome: 'stale'; reason: string };

/** Stripe never revives these: a canceled subscription stays canceled. */
const TERMINAL: ReadonlySet<SubscriptionStatus> = new Set(['canceled', 'incomplete_expired']);

/**
 * Order within one second (Stripe's `created` resolution): a subscription starts `incomplete`,
 * then lives, then ends. Two snapshots from the same second apply unless the later-arriving one
 * is an earlier stage — so `created`(incomplete) arriving after `updated`(active) cannot undo it.
 */
function stage(status: SubscriptionStatus): number {
  if (status === 'none' || status === 'incomplete') return 0;
  return TERMINAL.has(status) ? 2 : 1;
}

/**
 * Whether an event about a different subscription may replace the current one: only if it is
 * newer (the watermark then belongs to the new subscription, so the old one's late events are
 * stale), or from the same second while the current one is not in force.
 */
function takesOver(current: Sub, created: number): boolean {
  const last = current.lastEventCreated;
  if (current.stripeSubscriptionId === null || last === null) return true;
  return created > last || (created === last && !PAID_STATUSES.has(current.status));
}

/** What the reducer needs to know about the event beyond its billing fact. */
export interface EventContext {
  /** The event's `created` (Unix seconds, Stripe's one-second resolution). */
  created: number;
  /** The Stripe customer the event's object belongs to, when it names one. */
  customerId: string | null;
  /**
   * When the teacher's account was created (Unix seconds). An event older than the account is about
   * an account that was deleted since — the same Google `sub` signing up again must not inherit it.
   */
  accountCreated: number;
}

/**
 * How much older than the account an event may be and still be the account's: Stripe's clock and
 * ours may disagree a little. A deleted account's customer is never reused (its idempotency key
 * carries the account's creation time), so this margin only has to cover clock skew.
 */
export const ACCOUNT_CLOCK_SLACK_SECONDS = 300;

const stale = (reason: string): Reduction => ({ outcome: 'stale', reason });

/** The status a subscription has, by its Checkout Session's `payment_status`, until its own snapshot arrives. */
function provisionalStatus(paymentStatus: string): SubscriptionStatus {
  if (paymentStatus === 'paid') return 'active';
  if (paymentStatus === 'no_payment_required') return 'trialing';
  return 'incomplete';
}

/**
 * The next billing state after one event, or why the event is stale. Pure, so every ordering of a
 * batch can be tested; the webhook runs it inside the transaction that records the event.
 *
 * - Only the teacher's own: an event older than the account, or about another Stripe customer than
 *   the one stored for the teacher (or any customer when none is stored), is stale — so a deleted
 *   account's subscription never attaches to a new account of the same Google user.
 * - Subscription snapshots are the source of truth. For the teacher's current subscription, an
 *   event older than the newest applied snapshot (`lastEventCreated`) is stale; same-second ties
 *   follow `stage`; a terminal subscription never comes back (a late `updated` after `deleted`).
 * - Another subscription replaces the current one only if it is live and newer (`takesOver`); an
 *   old subscription ending never touches the current one.
 * - Checkout only links the subscription (with a provisional status from its
 *   payment status, so a paid teacher is paid even before the snapshots arrive). It never moves the
 *   watermark: Stripe stamps the session a second or more after the subscription's own events, so
 *   a session arriving first must not make those snapshots look stale.
 * - Invoices nudge the status (paid → active, failed → past_due) and extend the period but do not
 *   advance the watermark, so the subscription snapshot Stripe sends alongside still applies.
 */
export function reduceBilling(current: Sub, fact: BillingFact, event: EventContext): Reduction {
  const { created, customerId } = event;
  if (created < event.accountCreated - ACCOUNT_CLOCK_SLACK_SECONDS) return stale('older than this account');
  // Our Checkout always runs on the customer stored for the teacher (billing.createCheckoutSession
  // stores it first), so an object of any other customer — or one arriving for a teacher with no
  // customer at all — is not this account's, whatever its metadata says.
  if (customerId !== null && customerId !== current.stripeCustomerId) {
    return stale(current.stripeCustomerId ? 'another Stripe customer' : 'a Stripe customer this account never used');
  }
  const last = current.lastEventCreated;
  const same = current.stripeSubscriptionId === fact.subscriptionId;

  switch (fact.kind) {
    case 'subscription': {
      const next: Sub = {
        ...current,
        stripeSubscriptionId: fact.subscriptionId,
        status: fact.status,
        currentPeriodEnd: fact.currentPeriodEnd,
        cancelAtPeriodEnd: fact.cancelAtPeriodEnd,
        lastEventCreated: Math.max(created, last ?? created),
      };
      if (same) {
        if (TERMINAL.has(current.status) && !TERMINAL.has(fact.status)) return stale('subscription already ended');
        if (last !== null && created < last) return stale('older than the applied state');
        if (last === created && stage(fact.status) < stage(current.status)) return stale('earlier stage in the same second');
        return { outcome: 'applied', next };
      }
      if (TERMINAL.has(fact.status)) {
        // Another subscription ending: only matters if it is the only one we know of (of the
        // teacher's own customer, checked above).
        if (current.stripeSubscriptionId !== null) return stale('another subscription ended');
        return { outcome: 'applied', next };
      }
      if (!takesOver(current, created)) return stale('older than the current subscription');
      return { outcome: 'applied', next };
    }

    case 'checkout': {
      if (same) return stale('subscription already known');
      if (!takesOver(current, created)) return stale('older than the current subscription');
      return {
        outcome: 'applied',
        next: {
          ...current,
          stripeSubscriptionId: fact.subscriptionId,
          status: provisionalStatus(fact.paymentStatus),
          currentPeriodEnd: null,
          cancelAtPeriodEnd: false,
          // Unchanged: the watermark is the newest applied snapshot's, never the session's.
          lastEventCreated: last,
        },
      };
    }

    case 'invoice': {
      if (!same) return stale('invoice of another subscription');
      if (TERMINAL.has(current.status)) return stale('subscription already ended');
      if (last !== null && created < last) return stale('older than the applied state');
      const next: Sub = { ...current };
      if (fact.paid) {
        if (['incomplete', 'past_due', 'unpaid'].includes(current.status)) next.status = 'active';
        const end = fact.periodEnd;
        if (end && (!current.currentPeriodEnd || end > current.currentPeriodEnd)) next.currentPeriodEnd = end;
      } else if (current.status === 'active' || current.status === 'trialing') {
        next.status = 'past_due';
      }
      return { outcome: 'applied', next };
    }
  }
}
