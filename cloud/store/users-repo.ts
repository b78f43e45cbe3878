import { FieldPath, type Transaction } from '@google-cloud/firestore';
import { type User, UserSchema } from '../../shared/domain/user';
import { isKnownTimeZone } from '../../shared/rules/quota';
import type { Paths } from './paths';

/** What we learn about a teacher from a verified sign-in (and the add-on's time zone). */
export interface UserIdentity {
  id: string;
  email: string;
  timeZone: string;
}

/** A new teacher: the free plan, no Stripe customer, no usage. */
export function newUser(who: UserIdentity, now: Date): User {
  return {
    id: who.id,
    email: who.email,
    timeZone: isKnownTimeZone(who.timeZone) ? who.timeZone : 'UTC',
    plan: 'free',
    subscription: {
      status: 'none',
      stripeCustomerId: null,
      stripeSubscriptionId: null,
      currentPeriodEnd: null,
      cancelAtPeriodEnd: false,
      lastEventCreated: null,
    },
    usage: {},
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * The teacher's record, created on first sight with the free plan. Email and time zone follow the
 * latest sign-in (a teacher who moves should get their new calendar); nothing else is touched, so
 * calling this on every request never clobbers billing state written by the webhook.
 */
export async function ensureUser(paths: Paths, who: UserIdentity, now: Date): Promise<User> {
  const ref = paths.user(who.id);
  // The common case (a known teacher, nothing changed) is one plain read, no transaction.
  const seen = (await ref.get()).data();
  if (seen && seen.email === who.email && (seen.timeZone === who.timeZone || !isKnownTimeZone(who.timeZone))) return seen;
  return paths.db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    const existing = snap.data();
    if (!existing) {
      const user = newUser(who, now);
      tx.create(ref, user);
      return user;
    }
    const timeZone = isKnownTimeZone(who.timeZone) ? who.timeZone : existing.timeZone;
    if (existing.email === who.email && existing.timeZone === timeZone) return existing;
    tx.update(ref, { email: who.email, timeZone, updatedAt: now });
    return { ...existing, email: who.email, timeZone, updatedAt: now };
  });
}

/** The teacher's record, or undefined if they have never signed in. */
export async function getUser(paths: Paths, id: string): Promise<User | undefined> {
  return (await paths.user(id).get()).data();
}

/** The teacher who owns a Stripe customer, inside a transaction (webhooks without our metadata). */
export async function findUserIdByCustomer(tx: Transaction, paths: Paths, customerId: string): Promise<string | undefined> {
  const q = paths.users().where(new FieldPath('subscription', 'stripeCustomerId'), '==', customerId).limit(1);
  const snap = await tx.get(q);
  return snap.docs[0]?.id;
}

/**
 * Remember the teacher's Stripe customer, unless one is already stored (then that one wins and is
 * returned), so two concurrent first checkouts converge on one customer.
 */
export async function setStripeCustomerId(paths: Paths, userId: string, customerId: string, now: Date): Promise<string> {
  const ref = paths.user(userId);
  return paths.db.runTransaction(async (tx) => {
    const user = (await tx.get(ref)).data();
    if (!user) throw new Error(`setStripeCustomerId: no user ${userId}`);
    if (user.subscription.stripeCustomerId) return user.subscription.stripeCustomerId;
    tx.update(ref, new FieldPath('subscription', 'stripeCustomerId'), customerId, 'updatedAt', now);
    return customerId;
  });
}

/** Replace the teacher's billing state (the webhook computed it from the user it read in `tx`). */
export function writeBillingState(tx: Transaction, paths: Paths, user: User, now: Date): void {
  // A field update bypasses the converter, so validate the parts we write here.
  const plan = UserSchema.shape.plan.parse(user.plan);
  const subscription = UserSchema.shape.subscription.parse(user.subscription);
  tx.update(paths.user(user.id), { plan, subscription, updatedAt: now });
}
