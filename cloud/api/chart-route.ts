import { renderSignedChart, type StatsContext } from '../stats/stats-service';
import type { Request, Response } from '../http/types';

/**
 * GET /charts/contribution.png?u&tz&exp&sig — the chart image, authorized by its URL's signature
 * alone (the card's image proxy sends no Authorization header). Caches may keep it until the
 * signature expires, and no longer.
 */
export function chartRoute(ctx: StatsContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const { png, expiresAt } = await renderSignedChart(ctx, req.query);
    const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - ctx.now().getTime()) / 1000));
    res.status(200).set({ 'content-type': 'image/png', 'cache-control': `public, max-age=${maxAge}`, 'x-content-type-options': 'nosniff' }).send(png);
  };
}
