import type { User } from '../../shared/domain/user';
import { checkQuota, effectivePlan, nextMonthStart, quotaMonth, quotaMonthNote, usageSummary, type QuotaUser } from '../../shared/rules/quota';

const limits = { free: 1, paid: 300 };

function user(over: Partial<QuotaUser> & { sub?: Partial<User['subscription']> } = {}): QuotaUser {
  return {
    timeZone: over.timeZone ?? 'UTC',
    usage: over.usage ?? {},
    subscription: { status: 'none', currentPeriodEnd: null, cancelAtPeriodEnd: false, ...over.sub },
  };
}

describe('quotaMonth (the teacher’s calendar month)', () => {
  it.each([
    // instant, zone, month
    ['2025-01-31T23:30:00Z', 'UTC', '2025-01'],
    ['2025-02-01T00:00:00Z', 'UTC', '2025-02'],
    // 18:30 on Jan 31 in Los Angeles is already February in UTC: the teacher's calendar wins.
    ['2025-02-01T02:30:00Z', 'America/Los_Angeles', '2025-01'],
    ['2025-02-01T08:00:00Z', 'America/Los_Angeles', '2025-02'],
    // Tokyo is ahead: 23:30 UTC on Jan 31 is Feb 1 there.
    ['2025-01-31T23:30:00Z', 'Asia/Tokyo', '2025-02'],
    ['2025-12-31T23:59:59Z', 'Pacific/Kiritimati', '2026-01'],
    ['2026-01-01T05:00:00Z', 'America/New_York', '2026-01'],
    ['2026-01-01T04:59:59Z', 'America/New_York', '2025-12'],
    // Half-hour zone.
    ['2025-02-28T18:29:59Z', 'Asia/Kolkata', '2025-02'],
    ['2025-02-28T18:30:00Z', 'Asia/Kolkata', '2025-03'],
  ])('%s in %s is %s', (at, zone, month) => {
    expect(quotaMonth(new Date(at), zone)).toBe(month);
  });

  it('falls back to UTC for an unknown zone', () => {
    expect(quotaMonth(new Date('2025-02-01T02:30:00Z'), 'Not/AZone')).toBe('2025-02');
    expect(quotaMonthNote('Not/AZone')).toContain('(UTC)');
  });

  it('names the next month start across a year end', () => {
    expect(nextMonthStart('2025-12')).toBe('2026-01-01');
    expect(nextMonthStart('2025-02')).toBe('2025-03-01');
  });
});

describe('effectivePlan (Stripe status semantics)', () => {
  const now = new Date('2025-03-10T12:00:00Z');
  const later = new Date('2025-04-01T00:00:00Z');
  const earlier = new Date('2025-03-01T00:00:00Z');
  it.each([
    ['none', false, null, 'free'],
    ['active', false, later, 'paid'],
    ['trialing', false, later, 'paid'],
    // Stripe keeps a past_due subscription in force while it retries the card.
    ['past_due', false, later, 'paid'],
    ['unpaid', false, later, 'free'],
    ['paused', false, later, 'free'],
    ['incomplete', false, later, 'free'],
    ['incomplete_expired', false, later, 'free'],
    ['canceled', false, later, 'free'],
    // Cancel at period end: paid until the period ends, free after, even before `deleted` arrives.
    ['active', true, later, 'paid'],
    ['active', true, earlier, 'free'],
    // A renewing subscription whose renewal webhook is late stays paid.
    ['active', false, earlier, 'paid'],
  ] as const)('%s, cancelAtPeriodEnd=%s, period end %s → %s', (status, cancelAtPeriodEnd, currentPeriodEnd, plan) => {
    expect(effectivePlan(user({ sub: { status, cancelAtPeriodEnd, currentPeriodEnd } }), now)).toBe(plan);
  });
});

describe('checkQuota', () => {
  const now = new Date('2025-03-10T12:00:00Z');
  const paid = { status: 'active' as const, currentPeriodEnd: new Date('2025-04-01T00:00:00Z') };

  it('lets a free teacher create the first assignment of the month', () => {
    expect(checkQuota(user({ usage: { '2025-02': 1 } }), now, limits)).toEqual({ kind: 'ok', plan: 'free', month: '2025-03', used: 0, limit: 1 });
  });

  it('sends a free teacher at the limit to upgrade', () => {
    expect(checkQuota(user({ usage: { '2025-03': 1 } }), now, limits)).toMatchObject({ kind: 'free_limit', used: 1, limit: 1 });
  });

  it('allows a paid teacher up to 300 and then names the reset date', () => {
    expect(checkQuota(user({ usage: { '2025-03': 299 }, sub: paid }), now, limits)).toMatchObject({ kind: 'ok', plan: 'paid', used: 299 });
    expect(checkQuota(user({ usage: { '2025-03': 300 }, sub: paid }), now, limits)).toEqual({
      kind: 'paid_limit',
      plan: 'paid',
      month: '2025-03',
      used: 300,
      limit: 300,
      resetsOn: '2025-04-01',
      note: 'Your monthly allowance follows the calendar month in your time zone (UTC) and resets at midnight on the 1st.',
    });
  });

  it('counts in the teacher’s zone at the month boundary', () => {
    // 02:30 UTC on March 1 is still February 28 in Los Angeles, where February is used up.
    const u = user({ timeZone: 'America/Los_Angeles', usage: { '2025-02': 1 } });
    expect(checkQuota(u, new Date('2025-03-01T02:30:00Z'), limits).kind).toBe('free_limit');
    expect(checkQuota(u, new Date('2025-03-01T08:30:00Z'), limits).kind).toBe('ok');
  });

  it('summarises usage for the add-on home', () => {
    const s = usageSummary(user({ timeZone: 'Europe/Paris', usage: { '2025-03': 7 }, sub: paid }), now, limits);
    expect(s).toMatchObject({ plan: 'paid', month: '2025-03', used: 7, limit: 300, resetsOn: '2025-04-01' });
    expect(s.note).toContain('Europe/Paris');
  });
});
