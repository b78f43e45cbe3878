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
   * Makes repeated requests return the same session (Stripe idempotency). Default: the teacher and
   * the current 10-minute window, so a double click or a retried API call reuses one open session
   * while a teacher who comes back later gets a fresh one.
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

function withQuery(url: string, query: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

export function createBillingService(deps: BillingServiceDeps): BillingService {
  const { stripe, paths, config } = deps;

  /** The teacher's Stripe customer, created once; the idempotency key makes a concurrent create converge. */
  async function ensureCustomer(user: User): Promise<string> {
    if (user.subscription.stripeCustomerId) return user.subscription.stripeCustomerId;
    const customer = await stripe.customers.create(
      { email: user.email, metadata: { teacherId: user.id } },
      { idempotencyKey: `gradebot-customer-${user.id}` },
    );
    return setStripeCustomerId(paths, user.id, customer.id, deps.now());
  }

  return {
    async createCheckoutSession(user, opts = {}) {
      const now = deps.now();
      if (effectivePlan(user, now) === 'paid') throw new AlreadySubscribedError();
      const customer = await ensureCustomer(user);
      const requestKey = opts.requestKey ?? `w${Math.floor(now.getTime() / CHECKOUT_WINDOW_MS)}`;
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'subscription',
          customer,
          line_items: [{ price: config.priceId, quantity: 1 }],
          // Both carry the teacher id so the webhook can find the teacher from any object it gets.
          client_reference_id: user.id,
          metadata: { teacherId: user.id },
          subscription_data: { metadata: { teacherId: user.id } },
          success_url: withQuery(config.urls.success, 'session_id={CHECKOUT_SESSION_ID}'),
          cancel_url: config.urls.cancel,
        },
        { idempotencyKey: `gradebot-checkout-${user.id}-${requestKey}` },
      );
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
