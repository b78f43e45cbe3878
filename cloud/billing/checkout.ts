import { createHash } from 'node:crypto';
import type Stripe from 'stripe';
import type { User } from '../../shared/domain/user';
import { effectivePlan } from '../../shared/rules/quota';
import type { BillingConfig } from '../config/billing';
import type { Paths } from '../store/paths';
import { setStripeCustomerId } from '../store/users-repo';
import { AlreadySubscribedError } from './errors';

export interface BillingServiceDeps {
  stripe: Stripe;
  paths: Paths;
  config: Pick<BillingConfig, 'priceId' | 'urls'>;
  now: () => Date;
}

export interface CheckoutOptions {
  /**
   * Makes repeated requests return the same session (Stripe idempotency). Default: the current
   * 10-minute window, so a double click or a retried API call reuses one open session while a
   * teacher who comes back later gets a fresh one. The key also carries a digest of the session's
   * parameters and of the teacher's subscription, so a request that differs (a new price or URL
   * after a deploy, another customer, a subscription made or ended meanwhile) gets its own session
   * instead of Stripe's idempotency error.
   */
  requestKey?: string;
}

export interface BillingService {
  /** A Checkout Session for the paid plan; its `url` is where the add-on sends the teacher. */
  createCheckoutSession(user: User, opts?: CheckoutOptions): Promise<{ url: string; sessionId: string }>;
  /** A customer-portal session to update the card or cancel; `url` opens it. */
  createPortalSession(user: User): Promise<{ url: string }>;
}

const CHECKOUT_WINDOW_MS = 10 * 60 * 1000;

/** A short digest of what a Checkout request depends on (part of its idempotency key). */
function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);
}

function withQuery(url: string, query: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

export function createBillingService(deps: BillingServiceDeps): BillingService {
  const { stripe, paths, config } = deps;

  /** The teacher's Stripe customer, created once; the idempotency key makes a concurrent create converge. */
  async function ensureCustomer(user: User): Promise<string> {
    if (user.subscription.stripeCustomerId) return user.subscription.stripeCustomerId;
    // The account's creation time is in the key: a teacher who deleted their account and signs up
    // again within Stripe's 24 h key lifetime gets a new customer, not the deleted account's.
    const customer = await stripe.customers.create(
      { email: user.email, metadata: { teacherId: user.id } },
      { idempotencyKey: `gradebot-customer-${user.id}-${user.createdAt.getTime()}` },
    );
    return setStripeCustomerId(paths, user.id, customer.id, deps.now());
  }

  return {
    async createCheckoutSession(user, opts = {}) {
      const now = deps.now();
      if (effectivePlan(user, now) === 'paid') throw new AlreadySubscribedError();
      const customer = await ensureCustomer(user);
      const requestKey = opts.requestKey ?? `w${Math.floor(now.getTime() / CHECKOUT_WINDOW_MS)}`;
      const params: Stripe.Checkout.SessionCreateParams = {
        mode: 'subscription',
        customer,
        line_items: [{ price: config.priceId, quantity: 1 }],
        // Both carry the teacher id so the webhook can find the teacher from any object it gets.
        client_reference_id: user.id,
        metadata: { teacherId: user.id },
        subscription_data: { metadata: { teacherId: user.id } },
        success_url: withQuery(config.urls.success, 'session_id={CHECKOUT_SESSION_ID}'),
        cancel_url: config.urls.cancel,
      };
      const session = await stripe.checkout.sessions.create(params, {
        idempotencyKey: `gradebot-checkout-${user.id}-${requestKey}-${digest([params, user.subscription.stripeSubscriptionId, user.subscription.status])}`,
      });
      if (!session.url) throw new Error(`Checkout session ${session.id} has no url`);
      return { url: session.url, sessionId: session.id };
    },

    async createPortalSession(user) {
      const customer = await ensureCustomer(user);
      const session = await stripe.billingPortal.sessions.create({ customer, return_url: config.urls.portalReturn });
      return { url: session.url };
    },
  };
}
