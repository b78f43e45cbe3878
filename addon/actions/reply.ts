import type { ActionResponse, Card, CardServiceApi } from '../platform/card-service';

/** One step on the card stack. */
export type Nav = { push: Card } | { update: Card } | { pop: true } | { popToRoot: true };

/** A link the client opens; `overlay` + `reloadOnClose` is how the Picker and Checkout open. */
export interface LinkReply {
  url: string;
  overlay?: boolean;
  reloadOnClose?: boolean;
}

/**
 * What a handler asks the client to do, as a value: the dispatcher turns it into an ActionResponse.
 * Handlers never touch navigation themselves, which keeps them testable as plain functions.
 */
export interface Reply {
  nav?: Nav[];
  notify?: string;
  link?: LinkReply;
  /** Ask Docs (editor) or Drive (item) for drive.file access. */
  fileScope?: { kind: 'activeDocument' } | { kind: 'driveItem'; itemId: string };
}

export const push = (card: Card, notify?: string): Reply => ({ nav: [{ push: card }], notify });
export const update = (card: Card, notify?: string): Reply => ({ nav: [{ update: card }], notify });
/** Leave an edit card and show the card under it with fresh data. */
export const popAndUpdate = (card: Card, notify?: string): Reply => ({ nav: [{ pop: true }, { update: card }], notify });
export const pop = (): Reply => ({ nav: [{ pop: true }] });
export const toRootAndUpdate = (card: Card, notify?: string): Reply => ({ nav: [{ popToRoot: true }, { update: card }], notify });
export const notify = (text: string): Reply => ({ notify: text });
export const openLink = (link: LinkReply): Reply => ({ link });

/** Build the CardService response for a reply. */
export function toActionResponse(reply: Reply, cs: CardServiceApi): ActionResponse {
  if (reply.fileScope?.kind === 'activeDocument') {
    return cs.newEditorFileScopeActionResponseBuilder().requestFileScopeForActiveDocument().build();
  }
  if (reply.fileScope?.kind === 'driveItem') {
    return cs.newDriveItemsSelectedActionResponseBuilder().requestFileScope(reply.fileScope.itemId).build();
  }
  const builder = cs.newActionResponseBuilder();
  if (reply.nav && reply.nav.length > 0) {
    const nav = cs.newNavigation();
    for (const step of reply.nav) {
      if ('push' in step) nav.pushCard(step.push);
      else if ('update' in step) nav.updateCard(step.update);
      else if ('pop' in step) nav.popCard();
      else nav.popToRoot();
    }
    builder.setNavigation(nav);
  }
  if (reply.notify) builder.setNotification(cs.newNotification().setText(reply.notify));
  if (reply.link) {
    const link = cs.newOpenLink().setUrl(reply.link.url).setOpenAs(reply.link.overlay ? cs.OpenAs.OVERLAY : cs.OpenAs.FULL_SIZE);
    link.setOnClose(reply.link.reloadOnClose ? cs.OnClose.RELOAD : cs.OnClose.NOTHING);
    builder.setOpenLink(link);
  }
  return builder.build();
}
