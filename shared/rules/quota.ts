import type { Plan, SubscriptionStatus, User } from '../domain/user';

/**
 * Monthly assignment quota, as pure rules both the backend and the add-on use.
 *
 * The quota month is the teacher's calendar month in the teacher's own time zone (`User.timeZone`),
 * not UTC: a teacher in California who grades on the evening of the 31st expects that to count
 * against the month on their wall calendar. An unknown zone falls back to UTC.
 */

/** Assignments per quota month, per plan (from configuration). */
export interface QuotaLimits {
  free: number;
  paid: number;
}

/** The parts of a user the quota rules read. */
export type QuotaUser = Pick<User, 'timeZone' | 'usage'> & { subscription: Pick<User['subscription'], 'status' | 'currentPeriodEnd' | 'cancelAtPeriodEnd'> };

export type QuotaCheck =
  | { kind: 'ok'; plan: Plan; month: string; used: number; limit: number }
  | { kind: 'free_limit'; plan: 'free'; month: string; used: number; limit: number }
  | { kind: 'paid_limit'; plan: 'paid'; month: string; used: number; limit: number; resetsOn: string; note: string };

/**
 * Statuses in which Stripe still considers the subscription in force. `past_due` is included: Stripe
 * keeps the subscription running while it retries the payment and itself moves it to `canceled` or
 * `unpaid` when retries run out, so we follow that rather than cut a teacher off on the first
 * declined card. `unpaid`, `paused`, `incomplete*` and `canceled` grant nothing.
 */
export const PAID_STATUSES: ReadonlySet<SubscriptionStatus> = new Set(['active', 'trialing', 'past_due']);

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      // An unknown zone (a stale or hand-edited value) must not block a teacher: count in UTC.
      f = formatterFor('UTC');
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** The calendar date (year, month 1–12, day) of an instant in a time zone. */
export function calendarDate(at: Date, timeZone: string): { year: number; month: number; day: number } {
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** True when the runtime knows this IANA time zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The quota month key (YYYY-MM) of an instant for a teacher in `timeZone`. */
export function quotaMonth(at: Date, timeZone: string): string {
  const { year, month } = calendarDate(at, timeZone);
  return `${year}-${pad(month)}`;
}

/** The first day (YYYY-MM-DD, a calendar date in the teacher's zone) of the month after `month`. */
export function nextMonthStart(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`;
}

/**
 * The plan in force at `now`. A subscription set to cancel at period end stays paid until the
 * period ends, even before Stripe's `customer.subscription.deleted` arrives; one that renews keeps
 * paid past a stale period end, because a late renewal webhook must not lock out a paying teacher.
 */
export function effectivePlan(user: Pick<QuotaUser, 'subscription'>, now: Date): Plan {
  const s = user.subscription;
  if (!PAID_STATUSES.has(s.status)) return 'free';
  if (s.cancelAtPeriodEnd && s.currentPeriodEnd && now.getTime() >= s.currentPeriodEnd.getTime()) return 'free';
  return 'paid';
}

/** Whether one more assignment fits in the teacher's current quota month. */
export function checkQuota(user: QuotaUser, now: Date, limits: QuotaLimits): QuotaCheck {
  const month = quotaMonth(now, user.timeZone);
  const used = user.usage[month] ?? 0;
  const plan = effectivePlan(user, now);
  const limit = limits[plan];
  if (used < limit) return { kind: 'ok', plan, month, used, limit };
  if (plan === 'free') return { kind: 'free_limit', plan, month, used, limit };
  return { kind: 'paid_limit', plan, month, used, limit, resetsOn: nextMonthStart(month), note: quotaMonthNote(user.timeZone) };
}

/** What the add-on home shows about this month's usage. */
export interface UsageSummary {
  plan: Plan;
  month: string;
  used: number;
  limit: number;
  /** First day of the next quota month, a calendar date in the teacher's zone. */
  resetsOn: string;
  /** A sentence saying which calendar the quota follows. */
  note: string;
}

/** The explanation the add-on shows next to the usage meter. */
export function quotaMonthNote(timeZone: string): string {
  const zone = isKnownTimeZone(timeZone) ? timeZone : 'UTC';
  return `Your monthly allowance follows the calendar month in your time zone (${zone}) and resets at midnight on the 1st.`;
}

export function usageSummary(user: QuotaUser, now: Date, limits: QuotaLimits): UsageSummary {
  const month = quotaMonth(now, user.timeZone);
  const plan = effectivePlan(user, now);
  return {
    plan,
    month,
    used: user.usage[month] ?? 0,
    limit: limits[plan],
    resetsOn: nextMonthStart(month),
    note: quotaMonthNote(user.timeZone),
  };
}
