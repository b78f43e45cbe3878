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

/**
 * The next billing state after one event, or why the event is stale. Pure, so every ordering of a
 * batch can be tested; the webhook runs it inside the transaction that records the event.
 *
 * - Subscription snapshots are the source of truth. For the teacher's current subscription, an
 *   event older than the newest applied one (`lastEventCreated`) is stale; same-second ties follow
 *   `stage`; a terminal subscription never comes back (a late `updated` after `deleted`).
 * - Another subscription replaces the current one only if it is live and newer (`takesOver`); an
 *   old subscription ending never touches the current one.
 * - Checkout links a new subscription on the same terms (it may arrive before the snapshots).
 * - Invoices nudge the status (paid → active, failed → past_due) and extend the period but do not
 *   advance the watermark, so the subscription snapshot Stripe sends alongside still applies.
 */
export function reduceBilling(current: Sub, fact: BillingFact, created: number, customerId: string | null): Reduction {
  const withCustomer = { ...current, stripeCustomerId: current.stripeCustomerId ?? customerId };
  const last = current.lastEventCreated;
  const same = current.stripeSubscriptionId === fact.subscriptionId;

  switch (fact.kind) {
    case 'subscription': {
      const next: Sub = {
        ...withCustomer,
        stripeSubscriptionId: fact.subscriptionId,
        status: fact.status,
        currentPeriodEnd: fact.currentPeriodEnd,
        cancelAtPeriodEnd: fact.cancelAtPeriodEnd,
        lastEventCreated: Math.max(created, last ?? created),
      };
      if (same) {
        if (TERMINAL.has(current.status) && !TERMINAL.has(fact.status)) return { outcome: 'stale', reason: 'subscription already ended' };
        if (last !== null && created < last) return { outcome: 'stale', reason: 'older than the applied state' };
        if (last === created && stage(fact.status) < stage(current.status)) return { outcome: 'stale', reason: 'earlier stage in the same second' };
        return { outcome: 'applied', next };
      }
      if (TERMINAL.has(fact.status)) {
        // Another subscription ending: only matters if it is the only one we know of.
        if (current.stripeSubscriptionId !== null) return { outcome: 'stale', reason: 'another subscription ended' };
        return { outcome: 'applied', next };
      }
      if (!takesOver(current, created)) return { outcome: 'stale', reason: 'older than the current subscription' };
      return { outcome: 'applied', next };
    }

    case 'checkout': {
      if (same) {
        if (withCustomer.stripeCustomerId === current.stripeCustomerId) return { outcome: 'stale', reason: 'subscription already known' };
        return { outcome: 'applied', next: withCustomer };
      }
      if (!takesOver(current, created)) return { outcome: 'stale', reason: 'older than the current subscription' };
      return {
        outcome: 'applied',
        next: {
          ...withCustomer,
          stripeSubscriptionId: fact.subscriptionId,
          status: fact.paid ? 'active' : 'incomplete',
          currentPeriodEnd: null,
          cancelAtPeriodEnd: false,
          // The session is as new as the subscription it made: same-second `created` snapshots
          // that say `incomplete` are then recognised as the earlier stage.
          lastEventCreated: Math.max(created, last ?? created),
        },
      };
    }

    case 'invoice': {
      if (!same) return { outcome: 'stale', reason: 'invoice of another subscription' };
      if (TERMINAL.has(current.status)) return { outcome: 'stale', reason: 'subscription already ended' };
      if (last !== null && created < last) return { outcome: 'stale', reason: 'older than the applied state' };
      const next: Sub = { ...withCustomer };
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
