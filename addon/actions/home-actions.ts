import { z } from 'zod';
import { homeCard, morePageCard, type HomeView } from '../cards/home-card';
import type { Ctx } from '../context';
import type { Card } from '../platform/card-service';
import type { HomeData } from '../services/user-cache';
import { defineHandler } from './handler';
import { pop, push, toRootAndUpdate } from './reply';

const NoParams = z.object({});

/** A cached chart URL must stay valid this much longer, or the card leaves the chart out. */
const CHART_MARGIN_MS = 60_000;

/**
 * The home card's data in one round trip (three GETs through one fetchAll), kept in the user cache
 * so Submit and Delete can show a current list without reading it again.
 */
export function loadHome(ctx: Ctx): HomeData {
  const [me, stats, page] = ctx.backend.all([
    { name: 'getMe', params: {} },
    { name: 'getStats', params: {} },
    { name: 'listAssignments', params: {}, query: { limit: 20 } },
  ] as const);
  const data = { me, stats, page };
  ctx.cache.putHome(data);
  return data;
}

export function homeCardFor(ctx: Ctx, extra: Pick<HomeView, 'notice' | 'offerDocAccess'> = {}): Card {
  return homeCard({ ...loadHome(ctx), ...extra }, ctx.fmt);
}

/**
 * The home card from the last home data with `change` applied (and kept), without a backend call;
 * undefined when nothing is cached. The chart is left out once its signed URL has expired.
 */
export function cachedHomeCard(ctx: Ctx, change: (d: HomeData) => HomeData): Card | undefined {
  const cached = ctx.cache.getHome();
  if (!cached) return undefined;
  const data = change(cached);
  ctx.cache.putHome(data);
  const chartValid = Date.parse(data.stats.chart.expiresAt) - CHART_MARGIN_MS > Date.now();
  return homeCard({ ...data, hideChart: !chartValid }, ctx.fmt);
}

/** Back to a fresh home card from anywhere (Refresh, Cancel, "All assignments", "Back to assignments"). */
export const showHome = defineHandler('home.show', NoParams, (_p, _e, ctx) => toRootAndUpdate(homeCardFor(ctx)));

export const loadMoreAssignments = defineHandler('home.more', z.object({ cursor: z.string().min(1).max(500) }), ({ cursor }, _e, ctx) => {
  const page = ctx.backend.call({ name: 'listAssignments', params: {}, query: { cursor, limit: 20 } });
  return push(morePageCard(page, ctx.fmt));
});

/** Leave the current card (Cancel on forms and edits). */
export const goBack = defineHandler('nav.back', NoParams, () => pop());
