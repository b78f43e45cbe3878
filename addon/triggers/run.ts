import { cardForError, logError } from '../actions/error-reply';
import { createContext, createFormatter, timeZoneOf, type Ctx } from '../context';
import type { Card } from '../platform/card-service';
import { parseEvent, type AddonEvent } from '../platform/event';
import type { AppsScriptGlobals } from '../platform/services';

/** Run a trigger that must answer with a card; any failure becomes an error card (triggers cannot notify). */
export function cardTrigger(where: string, raw: unknown, g: AppsScriptGlobals, build: (ctx: Ctx, event: AddonEvent) => Card): Card {
  let event: AddonEvent | undefined;
  try {
    event = parseEvent(raw);
    return build(createContext(g, event), event);
  } catch (err) {
    logError(where, err);
    return cardForError(err, event ? createFormatter(g.Utilities, timeZoneOf(g, event)) : undefined);
  }
}
