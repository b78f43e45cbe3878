import { z } from 'zod';
import { homeCard, morePageCard, type HomeView } from '../cards/home-card';
import type { Ctx } from '../context';
import type { Card } from '../platform/card-service';
import { defineHandler } from './handler';
import { pop, push, toRootAndUpdate } from './reply';

const NoParams = z.object({});

/** The home card's data in one round trip (three GETs through one fetchAll). */
export function loadHome(ctx: Ctx): Pick<HomeView, 'me' | 'stats' | 'page'> {
  const [me, stats, page] = ctx.backend.all([
    { name: 'getMe', params: {} },
    { name: 'getStats', params: {} },
    { name: 'listAssignments', params: {}, query: { limit: 20 } },
  ] as const);
  return { me, stats, page };
}

export function homeCardFor(ctx: Ctx, extra: Pick<HomeView, 'notice' | 'offerDocAccess'> = {}): Card {
  return homeCard({ ...loadHome(ctx), ...extra }, ctx.fmt);
}

/** Back to a fresh home card from anywhere (Refresh, Cancel, "Back to assignments"). */
export const showHome = defineHandler('home.show', NoParams, (_p, _e, ctx) => toRootAndUpdate(homeCardFor(ctx)));

export const loadMoreAssignments = defineHandler('home.more', z.object({ cursor: z.string().min(1).max(500) }), ({ cursor }, _e, ctx) => {
  const page = ctx.backend.call({ name: 'listAssignments', params: {}, query: { cursor, limit: 20 } });
  return push(morePageCard(page, ctx.fmt));
});

/** Leave the current card (Cancel on forms and edits). */
export const goBack = defineHandler('nav.back', NoParams, () => pop());
