import type { StatsResponse } from '../../shared/api';
import type { User } from '../../shared/domain';
import { contributionGrid } from '../../shared/rules/contribution';
import { computeStreak, localDay, monthsSpanned } from '../../shared/rules/streak';
import type { Logger } from '../log';
import type { Paths } from '../store/paths';
import { renderContributionPng } from './chart-png';
import { type ChartSigner, signChartUrl, verifyChartQuery } from './chart-url';
import { pruneUserStats, readUserStats, type UserStats } from './user-stats-doc';

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;

/** The days of a map that had activity. */
function activeDays(map: Record<string, number>): string[] {
  return Object.entries(map)
    .filter(([, n]) => n > 0)
    .map(([d]) => d);
}

/** GET /stats's answer from the stats document: pure, so the arithmetic is testable without a store. */
export function statsResponseFrom(stats: UserStats, user: Pick<User, 'timeZone' | 'createdAt'>, now: Date, chart: { url: string; expiresAt: Date }): StatsResponse {
  const today = localDay(now, user.timeZone);
  const streak = computeStreak(activeDays(stats.active), today, stats.longestStreak);
  const grid = contributionGrid(stats.graded, today);
  const t = stats.totals;
  const months = monthsSpanned(localDay(user.createdAt, user.timeZone), today);
  return {
    streak,
    totals: { gradingTasks: t.gradingTasks, assignments: t.assignments, worksGraded: t.worksGraded, feedbackSent: t.feedbackSent },
    averages: {
      assignmentsPerMonth: round(t.assignments / months, 2),
      worksPerAssignment: t.assignments > 0 ? round(t.worksSubmitted / t.assignments, 1) : 0,
    },
    chart: {
      imageUrl: chart.url,
      expiresAt: chart.expiresAt.toISOString(),
      from: grid.from,
      to: grid.to,
      activeDays: grid.activeDays,
      maxPerDay: grid.maxPerDay,
      days: grid.weeks.flat().flatMap((c) => (c.count > 0 ? [{ day: c.day, count: c.count }] : [])),
    },
  };
}

export interface StatsContext {
  paths: Paths;
  signer: ChartSigner;
  logger: Logger;
  now: () => Date;
}

/**
 * The teacher's stats: one document read. Pruning of year-old day keys rides along when there is
 * any (a write at most once a day per teacher); a failed prune is logged and does not fail the read.
 */
export async function getTeacherStats(ctx: StatsContext, user: Pick<User, 'id' | 'timeZone' | 'createdAt'>): Promise<StatsResponse> {
  const now = ctx.now();
  const stats = await readUserStats(ctx.paths, user.id);
  await pruneUserStats(ctx.paths, user.id, stats, localDay(now, user.timeZone)).catch((err: unknown) => {
    ctx.logger.warn('stats prune failed', { userId: user.id, err: err instanceof Error ? err : String(err) });
  });
  return statsResponseFrom(stats, user, now, signChartUrl(ctx.signer, user.id, user.timeZone, now));
}

/** The chart PNG for a signed URL's query (throws `forbidden` for a bad or expired signature). */
export async function renderSignedChart(ctx: StatsContext, query: unknown): Promise<{ png: Buffer; expiresAt: Date }> {
  const now = ctx.now();
  const { userId, timeZone, expiresAt } = verifyChartQuery(ctx.signer.secret, query, now);
  const stats = await readUserStats(ctx.paths, userId);
  return { png: renderContributionPng(contributionGrid(stats.graded, localDay(now, timeZone))), expiresAt };
}
