import { homeCardFor } from '../actions/home-actions';
import { formCard } from '../cards/form-card';
import { homeCard } from '../cards/home-card';
import { workCard } from '../cards/work-card';
import type { Ctx } from '../context';
import { ApiCallError } from '../errors';
import type { Card } from '../platform/card-service';
import type { AddonEvent } from '../platform/event';
import type { AppsScriptGlobals } from '../platform/services';
import { cardTrigger } from './run';

/** After the Picker overlay closes the add-on reloads here: go back to the form the teacher left. */
function resumedForm(ctx: Ctx): Card | undefined {
  const draft = ctx.drafts.load();
  if (!draft?.resumeForm) return undefined;
  const next = { ...draft, resumeForm: false };
  ctx.drafts.save(next);
  return formCard({ draft: next, errors: [], asRoot: true });
}

/** Common and Drive homepage: the assignment list with streak, usage and chart. */
export function homepage(raw: unknown, g: AppsScriptGlobals): Card {
  return cardTrigger('homepage', raw, g, (ctx) => resumedForm(ctx) ?? homeCardFor(ctx));
}

function docsCard(ctx: Ctx, e: AddonEvent): Card {
  const resumed = resumedForm(ctx);
  if (resumed) return resumed;
  const doc = e.docs;
  if (!doc?.id || !doc.addonHasFileScopePermission) return homeCardFor(ctx, { offerDocAccess: true });
  try {
    const [found, me, stats, page] = ctx.backend.all([
      { name: 'findWorksByDoc', params: { googleDocId: doc.id } },
      { name: 'getMe', params: {} },
      { name: 'getStats', params: {} },
      { name: 'listAssignments', params: {}, query: { limit: 20 } },
    ] as const);
    ctx.cache.putHome({ me, stats, page });
    if (found.latest) {
      ctx.cache.putWork(found.latest);
      return workCard(found.latest, ctx.fmt, { fromDoc: true });
    }
    return homeCard({ me, stats, page, notice: "This Doc isn't student work in any of your assignments." }, ctx.fmt);
  } catch (err) {
    // A backend without the by-doc lookup still shows the list.
    if (err instanceof ApiCallError && err.error.code === 'not_found') return homeCardFor(ctx);
    throw err;
  }
}

/** Docs homepage (and the file-scope-granted trigger): the open Doc's feedback when it is a student work. */
export function docsHomepage(raw: unknown, g: AppsScriptGlobals): Card {
  return cardTrigger('docsHomepage', raw, g, docsCard);
}

