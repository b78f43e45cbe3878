import { homeCardFor } from '../actions/home-actions';
import { billingCard } from '../cards/billing-cards';
import type { UniversalActionResponse } from '../platform/card-service';
import type { AppsScriptGlobals } from '../platform/services';
import { getAddonConfig } from '../config';
import { cardTrigger } from './run';
import { logError } from '../actions/error-reply';

/** The public pages a Marketplace listing requires, under PAGES_BASE_URL. */
export const PUBLIC_PAGES = { privacy: '/privacy', terms: '/terms', ai: '/ai' } as const;

export function universalAssignments(raw: unknown, g: AppsScriptGlobals): UniversalActionResponse {
  const card = cardTrigger('universal:assignments', raw, g, (ctx) => homeCardFor(ctx));
  return g.CardService.newUniversalActionResponseBuilder().displayAddOnCards([card]).build();
}

export function universalBilling(raw: unknown, g: AppsScriptGlobals): UniversalActionResponse {
  const card = cardTrigger('universal:billing', raw, g, (ctx) => billingCard(ctx.backend.call({ name: 'getMe', params: {} }), ctx.fmt));
  return g.CardService.newUniversalActionResponseBuilder().displayAddOnCards([card]).build();
}

/** Open a public page in a new tab (the base URL comes from Script Properties, not the manifest). */
export function universalPage(page: keyof typeof PUBLIC_PAGES, raw: unknown, g: AppsScriptGlobals): UniversalActionResponse {
  let base = 'https://gradebot.app';
  try {
    base = getAddonConfig(g.PropertiesService.getScriptProperties()).pagesBaseUrl;
  } catch (err) {
    // The pages are public; an incomplete setup must not hide the privacy policy.
    logError(`universal:${page}`, err);
  }
  const cs = g.CardService;
  const link = cs.newOpenLink().setUrl(`${base}${PUBLIC_PAGES[page]}`).setOpenAs(cs.OpenAs.FULL_SIZE).setOnClose(cs.OnClose.NOTHING);
  return cs.newUniversalActionResponseBuilder().setOpenLink(link).build();
}
