import type * as CS from '../../../addon/platform/card-service';
import type { CardJson, NavigationJson, RenderActionsJson } from '../card-json';
import { type FakeOpenLink, need, printable } from './common';

/** Responses: navigation, notifications, links, universal actions and file-scope requests. */

export class FakeNavigation implements CS.Navigation {
  readonly steps: NavigationJson[] = [];
  pushCard(card: CS.Card) {
    this.steps.push({ pushCard: card as unknown as CardJson });
    return this;
  }
  popCard() {
    this.steps.push({ pop: true });
    return this;
  }
  popToRoot() {
    this.steps.push({ popToRoot: true });
    return this;
  }
  popToNamedCard(name: string) {
    this.steps.push({ popToCard: name });
    return this;
  }
  updateCard(card: CS.Card) {
    this.steps.push({ updateCard: card as unknown as CardJson });
    return this;
  }
}

export class FakeNotification implements CS.Notification {
  text = '';
  setText(text: string) {
    this.text = text;
    return this;
  }
}

export class FakeActionResponseBuilder implements CS.ActionResponseBuilder {
  private nav?: FakeNavigation;
  private note?: FakeNotification;
  private link?: FakeOpenLink;
  setNavigation(navigation: CS.Navigation) {
    this.nav = navigation as FakeNavigation;
    return this;
  }
  setNotification(notification: CS.Notification) {
    this.note = notification as FakeNotification;
    return this;
  }
  setOpenLink(link: CS.OpenLink) {
    this.link = link as FakeOpenLink;
    return this;
  }
  setStateChanged() {
    return this;
  }
  build(): CS.ActionResponse & RenderActionsJson {
    need(this.nav || this.note || this.link, 'An ActionResponse needs a navigation, a notification or a link');
    const action: NonNullable<RenderActionsJson['renderActions']['action']> = {};
    if (this.nav) action.navigations = [...this.nav.steps];
    if (this.note) {
      need(this.note.text, 'A notification needs text');
      action.notification = { text: this.note.text };
    }
    if (this.link) action.link = this.link.toJson();
    return printable({ renderActions: { action } });
  }
}

export class FakeUniversalActionResponseBuilder implements CS.UniversalActionResponseBuilder {
  private cards?: CardJson[];
  private link?: FakeOpenLink;
  displayAddOnCards(cards: CS.Card[]) {
    this.cards = cards as unknown as CardJson[];
    return this;
  }
  setOpenLink(link: CS.OpenLink) {
    this.link = link as FakeOpenLink;
    return this;
  }
  build(): CS.UniversalActionResponse & RenderActionsJson {
    need(this.cards?.length || this.link, 'A UniversalActionResponse needs cards or a link');
    return printable({
      renderActions: { action: this.link ? { link: this.link.toJson() } : { navigations: this.cards!.map((c) => ({ pushCard: c })) } },
    });
  }
}

export class FakeEditorFileScopeBuilder implements CS.EditorFileScopeActionResponseBuilder {
  private requested = false;
  requestFileScopeForActiveDocument() {
    this.requested = true;
    return this;
  }
  build(): CS.ActionResponse & RenderActionsJson {
    need(this.requested, 'Nothing requested');
    return printable({ renderActions: { hostAppAction: { editorAction: { requestFileScopeForActiveDocument: {} } } } });
  }
}

export class FakeDriveItemsSelectedBuilder implements CS.DriveItemsSelectedActionResponseBuilder {
  private itemId?: string;
  requestFileScope(itemId: string) {
    this.itemId = itemId;
    return this;
  }
  build(): CS.ActionResponse & RenderActionsJson {
    need(this.itemId, 'requestFileScope needs an item id');
    return printable({ renderActions: { hostAppAction: { driveAction: { requestFileScope: { itemId: this.itemId! } } } } });
  }
}

