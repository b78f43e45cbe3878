import type { MeResponse } from '../../../shared/api';
import { usageSummary } from '../../../shared/rules/quota';
import { deleteAccount } from '../../account/delete-account';
import { getTeacherStats } from '../../stats/stats-service';
import type { RouteHandlers } from '../route-types';

type Handlers = Pick<RouteHandlers, 'getMe' | 'getStats' | 'createCheckout' | 'createPortal' | 'deleteAccount'>;

/** "September 2025" for "2025-09": the month as the teacher reads it. */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 15)));
}

export const accountHandlers: Handlers = {
  async getMe(ctx, { teacher }) {
    const user = await teacher.user();
    const usage = usageSummary(user, ctx.now(), ctx.limits);
    const me: MeResponse = {
      email: user.email,
      plan: usage.plan,
      timeZone: user.timeZone,
      usage: {
        month: usage.month,
        monthLabel: monthLabel(usage.month),
        used: usage.used,
        limit: usage.limit,
        remaining: Math.max(0, usage.limit - usage.used),
        resetsOn: usage.resetsOn,
        note: usage.note,
      },
      subscription: {
        status: user.subscription.status,
        cancelAtPeriodEnd: user.subscription.cancelAtPeriodEnd,
        currentPeriodEnd: user.subscription.currentPeriodEnd ? user.subscription.currentPeriodEnd.toISOString() : null,
      },
    };
    return me;
  },

  async getStats(ctx, { teacher, reads }) {
    const user = await teacher.user();
    reads.add(1);
    return getTeacherStats({ paths: ctx.paths, signer: ctx.signer, logger: ctx.logger, now: ctx.now }, user);
  },

  async createCheckout(ctx, { teacher }) {
    return { url: await ctx.services.createCheckoutUrl(await teacher.user()) };
  },

  async createPortal(ctx, { teacher }) {
    return { url: await ctx.services.createPortalUrl(await teacher.user()) };
  },

  async deleteAccount(ctx, { teacher }) {
    const result = await deleteAccount({ db: ctx.db, paths: ctx.paths, stripe: ctx.stripe, logger: ctx.logger }, teacher.id);
    // This instance must not trust its "user ensured" memory: a next call starts a new, empty account.
    teacher.forget();
    return { deleted: true as const, assignments: result.assignments, subscriptionCanceled: result.subscriptionsCanceled.length > 0 };
  },
};
