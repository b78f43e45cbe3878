import { StripeEventEnvelopeSchema } from '../../cloud/billing/event-facts';
import { applyStripeEvent } from '../../cloud/billing/webhook-handler';
import type { StripeEvent } from '../../dev/stripe-server/objects';
import type { DeleteAccountResponse, MeResponse } from '../../shared/api';
import { type ApiHarness, startApiHarness } from './api-harness';

/**
 * A teacher deletes their account and signs up again with the same Google account (same `sub`):
 * the deleted account's subscription — found by its `metadata.teacherId` — must never make the new
 * account paid, however late Stripe delivers its events.
 */

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(() => h.close());

const apply = (e: StripeEvent) => applyStripeEvent({ paths: h.paths, now: () => h.clock.now() }, StripeEventEnvelopeSchema.parse(e));

test('the old subscription’s late and redelivered events leave the new account free', async () => {
  const token = h.token('comeback');
  expect((await h.call('POST', '/billing/checkout', { token, body: {} })).status).toBe(200);
  const session = [...h.stripe.state.sessions.values()].find((s) => s.client_reference_id === 'comeback')!;
  const events = await h.stripe.completeCheckout(session.id);
  // Stripe's "active" snapshot is delayed; the rest arrives now and makes the teacher paid.
  const late = events.filter((e) => e.type === 'customer.subscription.updated');
  for (const e of events.filter((x) => !late.includes(x))) await apply(e);
  const paid = (await h.call<MeResponse>('GET', '/me', { token })).body;
  expect(paid).toMatchObject({ plan: 'paid', subscription: { status: 'active' } });
  const old = (await h.paths.user('comeback').get()).data()!.subscription;

  const deleted = await h.call<DeleteAccountResponse>('DELETE', '/account', { token });
  expect(deleted.body).toMatchObject({ deleted: true, subscriptionCanceled: true });
  const cancellation = h.stripe.state.events.filter((e) => e.type === 'customer.subscription.deleted' && (e.data.object as { id: string }).id === old.stripeSubscriptionId);
  expect(cancellation).toHaveLength(1);

  // An hour later the same Google account signs up again: a new, free account.
  h.clock.set(new Date(Date.now() + 3_600_000));
  try {
    expect((await h.call<MeResponse>('GET', '/me', { token })).body).toMatchObject({ plan: 'free', subscription: { status: 'none' } });
    // The delayed "active" update and the cancellation arrive now; both name the teacher in metadata.
    for (const e of [...late, ...cancellation]) expect(await apply(e)).toMatchObject({ outcome: 'stale', userId: 'comeback', duplicate: false });
    // Stripe redelivers the rest: already processed, nothing changes.
    for (const e of events.filter((x) => !late.includes(x))) expect(await apply(e)).toMatchObject({ duplicate: true });
    const fresh = (await h.paths.user('comeback').get()).data()!;
    expect(fresh).toMatchObject({ plan: 'free', subscription: { status: 'none', stripeCustomerId: null, stripeSubscriptionId: null, currentPeriodEnd: null } });
    expect((await h.call<MeResponse>('GET', '/me', { token })).body).toMatchObject({ plan: 'free', usage: { used: 0, limit: 1 } });

    // Upgrading again makes a new Stripe customer, not the deleted account's (Stripe would replay
    // the old one for 24 h under the same idempotency key).
    expect((await h.call('POST', '/billing/checkout', { token, body: {} })).status).toBe(200);
    const customer = (await h.paths.user('comeback').get()).data()!.subscription.stripeCustomerId;
    expect(customer).toMatch(/^cus_/);
    expect(customer).not.toBe(old.stripeCustomerId);
  } finally {
    h.clock.set(undefined);
  }
});
