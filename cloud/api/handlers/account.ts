import type { MeResponse } from '../../../shared/api';
import { usageSummary } from '../../../shared/rules/quota';
import { getTeacherStats } from '../../stats/stats-service';
import type { RouteHandlers } from '../route-types';

type Handlers = Pick<RouteHandlers, 'getMe' | 'getStats' | 'createCheckout' | 'createPortal'>;

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
};
