import { createContext, createFormatter, timeZoneOf, type Formatter } from '../context';
import type { ActionResponse } from '../platform/card-service';
import { parseEvent, type AddonEvent } from '../platform/event';
import type { AppsScriptGlobals } from '../platform/services';
import { act } from '../ui/widgets';
import { logError, replyForError } from './error-reply';
import { HANDLER_PARAM } from './handler';
import { findHandler } from './registry';
import { notify, toActionResponse, type Reply } from './reply';

const STALE = 'This button is out of date. Close GradeBot and open it again.';

/**
 * The one action dispatcher: every card button calls `onAction`, whose `handler` parameter names a
 * registered handler. Parameters are validated with the handler's schema; errors become a card or a
 * notification here and nowhere else.
 */
export function dispatchAction(raw: unknown, g: AppsScriptGlobals): ActionResponse {
  let event: AddonEvent;
  try {
    event = parseEvent(raw);
  } catch (err) {
    logError('onAction:event', err);
    return toActionResponse(notify(STALE), g.CardService);
  }
  const { [HANDLER_PARAM]: key, ...params } = event.commonEventObject.parameters ?? {};
  const handler = findHandler(key);
  const parsed = handler?.params.safeParse(params);
  if (!handler || !parsed?.success) {
    logError(`onAction:${key ?? 'none'}`, new Error('unknown handler or bad parameters'));
    return toActionResponse(notify(STALE), g.CardService);
  }
  let fmt: Formatter | undefined;
  let reply: Reply;
  try {
    fmt = createFormatter(g.Utilities, timeZoneOf(g, event));
    reply = handler.run(parsed.data, event, createContext(g, event));
  } catch (err) {
    logError(handler.key, err);
    reply = replyForError(err, fmt, act(handler, params as never));
  }
  return toActionResponse(reply, g.CardService);
}
