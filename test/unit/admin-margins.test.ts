import { addDays, daysBetween, periods, weekStart } from '../../cloud/admin/periods';
import { bucketize, quantile } from '../../cloud/admin/reports/distribution';
import { monthlyRevenue, planMargins, teacherMargin } from '../../cloud/admin/reports/margin-math';
import { loadAdminConfig } from '../../cloud/config/admin';

// Margin arithmetic (by hand), the dashboard's UTC periods, distributions, and the admin config.

const PLANS = { paidMonthlyUsd: 10, feePercent: 3, feeFixedUsd: 0.3 };

test('a paid teacher brings the price less fees; a free one nothing', () => {
  expect(monthlyRevenue('paid', PLANS)).toEqual({ revenue: 10, fees: 0.6 });
  expect(monthlyRevenue('free', PLANS)).toEqual({ revenue: 0, fees: 0 });
  expect(teacherMargin('paid', 2.5, PLANS)).toEqual({ revenue: 10, fees: 0.6, llmCost: 2.5, costShare: 0.25, contribution: 6.9 });
  expect(teacherMargin('free', 0.4, PLANS)).toEqual({ revenue: 0, fees: 0, llmCost: 0.4, costShare: null, contribution: -0.4 });
});

test('per plan: revenue from every teacher on the plan, cost from the active ones', () => {
  const [free, paid] = planMargins({ free: 10, paid: 4 }, { free: [0.5, 0.25], paid: [3, 1, 2] }, PLANS);
  expect(free).toEqual({ plan: 'free', teachers: 10, activeTeachers: 2, revenue: 0, fees: 0, llmCost: 0.75, costShare: null, contribution: -0.75, perTeacher: -0.075 });
  expect(paid!.revenue).toBe(40);
  expect(paid!.fees).toBeCloseTo(2.4, 12);
  expect(paid!.costShare).toBeCloseTo(6 / 40, 12);
  expect(paid!.contribution).toBeCloseTo(40 - 2.4 - 6, 12);
  expect(paid!.perTeacher).toBeCloseTo((40 - 2.4 - 6) / 4, 12);
  expect(planMargins({ free: 0, paid: 0 }, { free: [], paid: [] }, PLANS).map((p) => p.perTeacher)).toEqual([null, null]);
});

test('periods are UTC days ending today: 7 and 30 days include today, the month starts on the 1st', () => {
  const p = periods(new Date('2026-03-02T23:30:00-05:00')); // 04:30 UTC on March 3rd
  expect(p.today).toMatchObject({ from: '2026-03-03', to: '2026-03-03' });
  expect(p['7d']).toMatchObject({ from: '2026-02-25', to: '2026-03-03' });
  expect(p['30d']).toMatchObject({ from: '2026-02-02', to: '2026-03-03' });
  expect(p.month).toMatchObject({ from: '2026-03-01', to: '2026-03-03' });
  expect(daysBetween(p['30d'].from, p['30d'].to)).toHaveLength(30);
  expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  expect(weekStart('2026-03-15')).toBe('2026-03-09'); // a Sunday belongs to the week that began Monday
  expect(weekStart('2026-03-09')).toBe('2026-03-09');
});

test('distributions: inclusive upper bounds, an open last bucket, nearest-rank quantiles', () => {
  expect(bucketize([0.05, 0.0501, 0.1, 7], [0.05, 0.1, 5])).toEqual([
    { label: '≤ $0.05', count: 1 },
    { label: '$0.05–$0.10', count: 2 },
    { label: '$0.10–$5', count: 0 },
    { label: '> $5', count: 1 },
  ]);
  expect(quantile([5, 1, 3, 2, 4], 0.5)).toBe(3);
  expect(quantile([5, 1, 3, 2, 4], 0.9)).toBe(5);
  expect(quantile([], 0.5)).toBeNull();
});

test('admin config: local defaults; production needs a real session secret; bad values are named', () => {
  const local = loadAdminConfig({}, { local: true });
  expect(local.session).toMatchObject({ ttlMs: 3_600_000, cookieName: 'gradebot_admin', secure: false });
  expect(local.plans).toEqual({ paidMonthlyUsd: 9.99, feePercent: 2.9, feeFixedUsd: 0.3 });
  expect(() => loadAdminConfig({}, { local: false })).toThrow('ADMIN_SESSION_SECRET: required in production');
  const prod = loadAdminConfig({ ADMIN_SESSION_SECRET: 'x'.repeat(40), ADMIN_SESSION_TTL_MINUTES: '30', ADMIN_PAID_PLAN_PRICE_USD: '12' }, { local: false });
  expect(prod.session).toMatchObject({ ttlMs: 1_800_000, cookieName: '__Host-gradebot_admin', secure: true });
  expect(prod.plans.paidMonthlyUsd).toBe(12);
  expect(() => loadAdminConfig({ ADMIN_SESSION_SECRET: 'short', ADMIN_SESSION_TTL_MINUTES: '1' }, { local: true })).toThrow(/ADMIN_SESSION_SECRET[\s\S]*ADMIN_SESSION_TTL_MINUTES/);
});
