import { Eta } from 'eta';
import type { PageId, SiteView } from './site';
import { AI } from './templates/ai';
import { BILLING_CANCEL, BILLING_RETURN, BILLING_SUCCESS } from './templates/billing';
import { HOME } from './templates/home';
import { LAYOUT } from './templates/layout';
import { NOT_FOUND } from './templates/not-found';
import { PRIVACY } from './templates/privacy';
import { TERMS } from './templates/terms';

const TEMPLATES: Record<PageId, string> = {
  home: HOME,
  privacy: PRIVACY,
  terms: TERMS,
  ai: AI,
  'billing-success': BILLING_SUCCESS,
  'billing-cancel': BILLING_CANCEL,
  'billing-return': BILLING_RETURN,
  'not-found': NOT_FOUND,
};

/** Renders one page to a complete HTML document. */
export type PageRenderer = (view: SiteView) => string;

/**
 * Compiles every template once (per function instance). Templates live in TypeScript strings, not
 * files, so the esbuild bundle carries them; names start with "@" so Eta never looks on disk.
 * Interpolations escape by default (`autoEscape`).
 */
export function createPageRenderer(): PageRenderer {
  const eta = new Eta({ autoEscape: true, useWith: false, varName: 'it', cache: true });
  eta.loadTemplate('@layout', LAYOUT);
  for (const [id, template] of Object.entries(TEMPLATES)) eta.loadTemplate(`@${id}`, template);
  return (view) => eta.render(`@${view.page}`, view);
}
