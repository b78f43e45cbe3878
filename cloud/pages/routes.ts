import type { PageId } from './site';

export interface PageRoute {
  page: PageId;
  title: string;
  /** Policies may be cached briefly and indexed; billing pages are per-visit and private. */
  public: boolean;
}

/** Every path the pages function answers; anything else is the 404 page. */
export const PAGE_ROUTES: Readonly<Record<string, PageRoute>> = {
  '/': { page: 'home', title: 'AI feedback for teachers', public: true },
  '/privacy': { page: 'privacy', title: 'Privacy policy', public: true },
  '/terms': { page: 'terms', title: 'Terms of service', public: true },
  '/ai': { page: 'ai', title: 'How GradeBot uses AI', public: true },
  '/billing/success': { page: 'billing-success', title: 'Thank you for upgrading', public: false },
  '/billing/cancel': { page: 'billing-cancel', title: 'Checkout cancelled', public: false },
  '/billing/return': { page: 'billing-return', title: 'Billing settings', public: false },
};

export const NOT_FOUND_ROUTE: PageRoute = { page: 'not-found', title: 'Page not found', public: false };

/** "/privacy/" and "/privacy" are the same page. */
export function findRoute(path: string): PageRoute | undefined {
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') || '/' : path;
  return Object.hasOwn(PAGE_ROUTES, normalized) ? PAGE_ROUTES[normalized] : undefined;
}
