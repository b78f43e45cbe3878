import type Stripe from 'stripe';
import type { User } from '../../shared/domain';

/** Stripe statuses after which nothing is billed any more. */
const ENDED = new Set<string>(['canceled', 'incomplete_expired']);

export type SubscriptionsApi = Pick<Stripe, 'subscriptions'>;

/**
 * Cancel, at once, every subscription of the teacher's Stripe customer that can still bill — the one
 * we track and any other (made in the Stripe dashboard, say). Stripe keeps its customer, invoices and
 * payments (the law requires them); we only stop future charges. No refund is made here: the current
 * period is already paid and an operator refunds on request.
 *
 * Throws what Stripe threw when it cannot be asked or refuses: the caller then deletes nothing, so
 * a teacher is never left without an account but still paying.
 */
export async function cancelSubscriptions(stripe: SubscriptionsApi, user: Pick<User, 'subscription'>): Promise<string[]> {
  const { stripeCustomerId: customer, stripeSubscriptionId: tracked, status } = user.subscription;
  const ids = new Set<string>();
  if (customer) {
    for await (const s of stripe.subscriptions.list({ customer, status: 'all', limit: 100 })) {
      if (!ENDED.has(s.status)) ids.add(s.id);
    }
  } else if (tracked && status !== 'none' && !ENDED.has(status)) {
    ids.add(tracked);
  }
  const canceled: string[] = [];
  for (const id of ids) {
    try {
      await stripe.subscriptions.cancel(id);
      canceled.push(id);
    } catch (err) {
      // Gone already (deleted in the dashboard, another environment): nothing left to stop.
      if ((err as { code?: string }).code !== 'resource_missing') throw err;
    }
  }
  return canceled;
}
