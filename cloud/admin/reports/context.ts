import type { AdminConfig } from '../../config/admin';
import type { Paths } from '../../store/paths';
import type { AdminLinks } from '../links';
import { type Period, PERIOD_IDS, type PeriodId, periods } from '../periods';
import { html, type SafeHtml } from '../render/html';

/** What every report builder gets. */
export interface ReportContext {
  paths: Paths;
  now: Date;
  plans: AdminConfig['plans'];
  /** Every link a report makes goes through `links.href` (the dashboard may live under a prefix). */
  links: AdminLinks;
}

/** The period a page shows, chosen by its `period` query parameter. */
export function periodOf(ctx: ReportContext, id: PeriodId): Period {
  return periods(ctx.now)[id];
}

/** "Today · Last 7 days · …" links for a page that can show any period (`path`: an app path). */
export function periodLinks(ctx: ReportContext, path: string, active: PeriodId): SafeHtml {
  const all = periods(ctx.now);
  return html`<nav class="periods" aria-label="Period">${PERIOD_IDS.map((id) => html`<a href="${ctx.links.href(`${path}?period=${id}`)}"${id === active ? html` aria-current="page"` : ''}>${all[id].label}</a>`)}</nav>`;
}

/** a / b, or null when b is 0 (a share of nothing is not 0%). */
export const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** "2026-03-01 to 2026-03-14 (UTC days)". */
export const rangeText = (p: Pick<Period, 'from' | 'to'>): string => (p.from === p.to ? `${p.from} (UTC day)` : `${p.from} to ${p.to} (UTC days)`);
