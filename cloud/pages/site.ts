import { ASSIGNMENT_LIMITS } from '../../shared/domain';
import type { PagesConfig } from '../config/pages';

/** What the pages function needs; everything comes from configuration built at the root. */
export interface PagesDeps {
  /** Operator details, effective date and retention periods (cloud/config/pages). */
  site: PagesConfig;
  /** The Google Cloud region the backend runs and stores data in. */
  region: string;
  /** Public base URL of the pages function, for absolute links that work under any path prefix. */
  baseUrl: string;
  /** The plans as billing configures them. */
  plans: { free: number; paid: number; priceDisplay: string };
  /** Limits of one assignment as the pages state them; defaults to the product's own. */
  limits?: { maxDocuments: number; maxWordsPerDocument: number };
}

/** Words per student Doc the backend grades (longer Docs fail with a reason). */
export const DEFAULT_MAX_WORDS_PER_DOCUMENT = 2000;

export type PageId = 'home' | 'privacy' | 'terms' | 'ai' | 'billing-success' | 'billing-cancel' | 'billing-return' | 'not-found';

/** The data every template sees as `it`. */
export interface SiteView {
  page: PageId;
  title: string;
  robots: 'index, follow' | 'noindex';
  operator: PagesConfig['operator'];
  effective: { iso: string; text: string };
  retention: PagesConfig['retention'];
  region: string;
  plans: PagesDeps['plans'];
  limits: { maxDocuments: number; maxWordsPerDocument: string };
  links: { home: string; privacy: string; terms: string; ai: string; mailto: string };
}

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

/** The part of the view that does not depend on the page, computed once per instance. */
export function siteView(deps: PagesDeps): Omit<SiteView, 'page' | 'title' | 'robots'> {
  const base = deps.baseUrl.endsWith('/') ? deps.baseUrl : `${deps.baseUrl}/`;
  const link = (path: string) => new URL(path, base).toString();
  const effective = new Date(`${deps.site.effectiveDate}T00:00:00Z`);
  const limits = deps.limits ?? { maxDocuments: ASSIGNMENT_LIMITS.maxDocuments, maxWordsPerDocument: DEFAULT_MAX_WORDS_PER_DOCUMENT };
  return {
    operator: deps.site.operator,
    effective: { iso: deps.site.effectiveDate, text: dateFormat.format(effective) },
    retention: deps.site.retention,
    region: deps.region,
    plans: deps.plans,
    limits: { maxDocuments: limits.maxDocuments, maxWordsPerDocument: limits.maxWordsPerDocument.toLocaleString('en-US') },
    links: {
      home: link('./'),
      privacy: link('privacy'),
      terms: link('terms'),
      ai: link('ai'),
      mailto: `mailto:${deps.site.operator.contactEmail}`,
    },
  };
}
