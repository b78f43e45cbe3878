import type { Transaction } from '@google-cloud/firestore';
import type { Request, Response } from '@google-cloud/functions-framework';
import type Stripe from 'stripe';
import { z } from 'zod';
import type { User } from '../../shared/domain/user';
import { effectivePlan } from '../../shared/rules/quota';
import { GradeBotError, ValidationError } from '../errors';
import type { Logger } from '../log';
import { zodConverter } from '../store/converter';
import type { Paths } from '../store/paths';
import { findUserIdByCustomer, writeBillingState } from '../store/users-repo';
import { type EventFacts, factsFromEvent, type StripeEventEnvelope, StripeEventEnvelopeSchema } from './event-facts';
import { reduceBilling } from './subscription-state';

/** One processed Stripe event (stripeEvents/{eventId}): the marker that makes a redelivery a no-op. */
export const ProcessedEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  created: z.number().int(),
  outcome: z.enum(['applied', 'stale', 'ignored']),
  reason: z.string().nullable(),
  userId: z.string().nullable(),
  receivedAt: z.date(),
});
export type ProcessedEvent = z.infer<typeof ProcessedEventSchema>;
const processedConverter = zodConverter(ProcessedEventSchema);

export interface StripeWebhookDeps {
  /** Only its `webhooks` helper is used (signature check); no API call is made here. */
  stripe: Pick<Stripe, 'webhooks'>;
  paths: Paths;
  webhookSecret: string;
  logger: Logger;
  now: () => Date;
}

export type WebhookOutcome = Pick<ProcessedEvent, 'outcome' | 'reason' | 'userId'> & { duplicate: boolean };

/**
 * Applies one verified event exactly once: the event marker and the user's new billing state are
 * written in one transaction, so a redelivery (even a concurrent one) finds the marker and stops.
 */
export async function applyStripeEvent(deps: Pick<StripeWebhookDeps, 'paths' | 'now'>, event: StripeEventEnvelope): Promise<WebhookOutcome> {
  const { paths } = deps;
  const markerRef = paths.raw('stripeEvents').doc(event.id).withConverter(processedConverter);
  const facts = factsFromEvent(event);
  return paths.db.runTransaction(async (tx) => {
    const marker = (await tx.get(markerRef)).data();
    if (marker) return { outcome: marker.outcome, reason: marker.reason, userId: marker.userId, duplicate: true };
    const now = deps.now();
    const record = (outcome: ProcessedEvent['outcome'], reason: string | null, userId: string | null): WebhookOutcome => {
      tx.create(markerRef, { id: event.id, type: event.type, created: event.created, outcome, reason, userId, receivedAt: now });
      return { outcome, reason, userId, duplicate: false };
    };
    if (!facts) return record('ignored', 'not a billing event', null);
    const user = await findUser(tx, paths, facts);
    if (!user) return record('ignored', 'no teacher for this customer', null);
    const r = reduceBilling(user.subscription, facts.fact, {
      created: event.created,
      customerId: facts.customerId,
      accountCreated: Math.floor(user.createdAt.getTime() / 1000),
    });
    if (r.outcome === 'stale') return record('stale', r.reason, user.id);
    writeBillingState(tx, paths, { ...user, plan: effectivePlan({ subscription: r.next }, now), subscription: r.next }, now);
    return record('applied', null, user.id);
  });
}

async function findUser(tx: Transaction, paths: Paths, facts: EventFacts): Promise<User | undefined> {
  // Our own metadata names the teacher; the customer id is the fallback (and covers objects created
  // outside our checkout, e.g. in the Stripe dashboard).
  if (facts.teacherId) {
    const byId = (await tx.get(paths.user(facts.teacherId))).data();
    if (byId) return byId;
  }
  if (!facts.customerId) return undefined;
  const uid = await findUserIdByCustomer(tx, paths, facts.customerId);
  return uid ? (await tx.get(paths.user(uid))).data() : undefined;
}

/**
 * The `stripeWebhook` function body. The signature is checked on the exact bytes Stripe sent
 * (`req.rawBody`, kept by functions-framework); a bad one is a 400 and changes nothing. Events we
 * do not act on are acknowledged with 200 so Stripe stops sending them; a storage failure throws,
 * answers 5xx, and Stripe retries.
 */
export function createStripeWebhookHandler(deps: StripeWebhookDeps): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    if (req.method !== 'POST') throw new GradeBotError('not_found', 'Stripe webhooks are POSTed.');
    const signature = req.get('stripe-signature');
    if (!req.rawBody || !signature) throw new ValidationError('Missing Stripe signature or body.', {});
    let verified: unknown;
    try {
      verified = deps.stripe.webhooks.constructEvent(req.rawBody, signature, deps.webhookSecret);
    } catch (err) {
      deps.logger.warn('stripe webhook signature rejected', { reason: (err as Error).message });
      throw new ValidationError('Invalid Stripe signature.', {});
    }
    const event = StripeEventEnvelopeSchema.parse(verified);
    const log = deps.logger.child({ stripeEventId: event.id, stripeEventType: event.type });
    let outcome: WebhookOutcome;
    try {
      outcome = await applyStripeEvent(deps, event);
    } catch (err) {
      if (!(err instanceof z.ZodError)) throw err;
      // A signed event we cannot read means our schema is behind Stripe's: answer 5xx so Stripe
      // keeps the event and retries (and flags the endpoint) until a fix is deployed.
      log.error('stripe event payload not understood', { issues: err.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
      throw new GradeBotError('internal', 'Stripe event payload not understood.');
    }
    log.info(`stripe event ${outcome.duplicate ? 'duplicate' : outcome.outcome}`, { outcome: outcome.outcome, reason: outcome.reason, userId: outcome.userId });
    res.status(200).json({ received: true, outcome: outcome.outcome, duplicate: outcome.duplicate });
  };
}
