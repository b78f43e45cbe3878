import Stripe from 'stripe';
import type { BillingConfig } from '../config/billing';

/**
 * The real Stripe SDK, pointed at Stripe or at the local stand-in (`config.api`). Retries are the
 * SDK's own: it adds an idempotency key to every POST, so a retried create is never doubled.
 */
export function createStripeClient(config: Pick<BillingConfig, 'secretKey' | 'api'>, options: { timeoutMs?: number } = {}): Stripe {
  return new Stripe(config.secretKey, {
    maxNetworkRetries: 2,
    timeout: options.timeoutMs ?? 20_000,
    appInfo: { name: 'GradeBot' },
    ...(config.api ? { host: config.api.host, port: config.api.port, protocol: config.api.protocol } : {}),
  });
}
