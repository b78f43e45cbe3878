import Stripe from 'stripe';

export interface StripeWebhookDeps {
  stripe: Stripe;
  /** The stripeWebhook function's public URL. */
  url: string;
  events: readonly string[];
  /** Whether Secret Manager already holds a signing secret for the function. */
  secretHasVersion: () => Promise<boolean>;
  /** Adds a version to the signing-secret secret; the value never reaches a log. */
  storeSecret: (value: string) => Promise<void>;
  /** A signing secret the operator supplies (for an endpoint made by hand in the Dashboard). */
  suppliedSecret?: string;
  log: (line: string) => void;
}

export type WebhookOutcome = { action: 'created' | 'updated' | 'unchanged'; endpointId: string };

const sameEvents = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Makes Stripe send our events to our URL, exactly once: one endpoint per URL (a second endpoint
 * would deliver every event twice with a different secret). Stripe reveals an endpoint's signing
 * secret only when it is created, so that is when it goes to Secret Manager. Events are generated
 * in the API version this SDK speaks, so the webhook handler parses the shapes it was written for.
 */
export async function ensureStripeWebhook(deps: StripeWebhookDeps): Promise<WebhookOutcome> {
  let existing: Stripe.WebhookEndpoint | undefined;
  for await (const endpoint of deps.stripe.webhookEndpoints.list({ limit: 100 })) {
    if (endpoint.url === deps.url) {
      existing = endpoint;
      break;
    }
  }

  if (!existing) {
    const created = await deps.stripe.webhookEndpoints.create({
      url: deps.url,
      enabled_events: [...deps.events] as Stripe.WebhookEndpointCreateParams.EnabledEvent[],
      api_version: Stripe.API_VERSION as Stripe.WebhookEndpointCreateParams.ApiVersion,
      description: 'GradeBot stripeWebhook function',
    });
    if (!created.secret) throw new Error(`Stripe created webhook endpoint ${created.id} without a signing secret.`);
    await deps.storeSecret(created.secret);
    deps.log(`Created Stripe webhook endpoint ${created.id} for ${deps.url}; its signing secret is in Secret Manager.`);
    return { action: 'created', endpointId: created.id };
  }

  let action: WebhookOutcome['action'] = 'unchanged';
  if (!sameEvents(existing.enabled_events, deps.events) || existing.status !== 'enabled') {
    await deps.stripe.webhookEndpoints.update(existing.id, {
      enabled_events: [...deps.events] as Stripe.WebhookEndpointUpdateParams.EnabledEvent[],
      disabled: false,
    });
    action = 'updated';
  }
  if (!(await deps.secretHasVersion())) {
    if (!deps.suppliedSecret) {
      throw new Error(
        `Stripe webhook endpoint ${existing.id} exists but Secret Manager has no signing secret for it. ` +
          'Roll the endpoint’s secret in the Stripe Dashboard and rerun with STRIPE_WEBHOOK_SECRET=whsec_… set.',
      );
    }
    await deps.storeSecret(deps.suppliedSecret);
  }
  deps.log(`Stripe webhook endpoint ${existing.id} for ${deps.url}: ${action}.`);
  return { action, endpointId: existing.id };
}
