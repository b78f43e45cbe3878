import type { ActionJson, CardJson, NavigationJson, OnClickJson, OpenLinkJson, RenderActionsJson } from '../../apps-script-fakes/card-json';
import type { Host, Session } from '../preview-contract';
import { h } from './dom';
import { commonEvent, formInputsOf } from './event';
import { addonLogo } from './icons';
import { askFileAccess, openOverlay, openTab } from './overlay';
import { renderCard } from './render-card';
import { grantFiles, run } from './server-api';
import { hideToast, showFailure, showToast } from './toast';

export interface SidebarDeps {
  session: Session;
  /** Where the panel is open right now (Drive selection, open Doc). */
  host(): Host;
  /** Host name of a file, for the consent prompt. */
  fileName(id: string): string;
  /** After every execution: the host refreshes what the add-on may have changed (grants, the Doc). */
  afterRun(): void;
}

type Reply = { kind: 'trigger' | 'universal' | 'action'; value: unknown };

const isCard = (v: unknown): v is CardJson => typeof v === 'object' && v !== null && Array.isArray((v as CardJson).sections);
const isRender = (v: unknown): v is RenderActionsJson => typeof v === 'object' && v !== null && 'renderActions' in v;

/** The add-on's side panel: a stack of cards, actions sent as Apps Script events, responses applied. */
export class Sidebar {
  readonly el: HTMLElement;
  private readonly cardSlot = h('div', { class: 'card-slot', style: 'display:contents' });
  private readonly menu: HTMLElement;
  private stack: CardJson[] = [];
  private busy = false;
  /** The host changed while the add-on was running: open it again once that run is done. */
  private reopen = false;

  constructor(private readonly d: SidebarDeps) {
    const a = d.session.addon;
    this.menu = h('div', { class: 'menu', role: 'menu', hidden: true }, ...a.universalActions.map((u) => h('button', { type: 'button', role: 'menuitem', onclick: () => this.universal(u) }, u.label)));
    const more = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'More options', 'aria-haspopup': 'menu', onclick: () => (this.menu.hidden = !this.menu.hidden) }, '⋮');
    this.el = h('aside', { class: 'panel', 'aria-label': `${a.name} side panel`, 'data-state': 'idle' }, h('div', { class: 'addon-bar' }, addonLogo(a.primaryColor), h('span', { class: 'name' }, a.name), more, this.menu), h('div', { class: 'loading', role: 'progressbar', 'aria-label': 'Loading' }), this.cardSlot);
  }

  /** Open (or reload) the add-on where it is: the host's contextual trigger, else its homepage. */
  async open(): Promise<void> {
    if (this.busy) {
      this.reopen = true;
      return;
    }
    const host = this.d.host();
    const t = this.d.session.addon.triggers;
    const fn = host.app === 'DOCS' ? t.docsHomepage : host.selectedIds?.length && t.itemsSelected ? t.itemsSelected : t.driveHomepage;
    this.stack = [];
    await this.execute(fn, { kind: 'trigger' });
  }

  private async universal(u: Session['addon']['universalActions'][number]): Promise<void> {
    this.menu.hidden = true;
    if (u.openLink) return openTab(u.openLink);
    if (u.runFunction) await this.execute(u.runFunction, { kind: 'universal' });
  }

  /** Run one function with an event built from the current card, then show what it answered. */
  private async execute(fn: string, o: { kind: Reply['kind']; parameters?: Record<string, string>; spinner?: boolean }): Promise<void> {
    if (this.busy) return;
    hideToast();
    delete this.el.dataset.notification;
    this.setBusy(true, o.spinner !== false);
    try {
      const host = this.d.host();
      const formInputs = o.kind === 'action' ? formInputsOf(this.cardSlot) : undefined;
      const res = await run(fn, host, commonEvent({ hostApp: host.app, parameters: o.parameters, formInputs }));
      if (!res.ok) {
        if (this.stack.length === 0) showFailure(this.cardSlot, `${res.error.name}: ${res.error.message}`);
        else showToast(this.el, `Error with the add-on. ${res.error.name}: ${res.error.message}`, true);
        return;
      }
      await this.apply({ kind: o.kind, value: res.value });
    } catch (err) {
      showToast(this.el, `The preview could not reach the add-on: ${err instanceof Error ? err.message : String(err)}`, true);
    } finally {
      this.setBusy(false, false);
      this.d.afterRun();
      if (this.reopen) {
        this.reopen = false;
        void this.open();
      }
    }
  }

  private async apply(r: Reply): Promise<void> {
    if (isCard(r.value) || (Array.isArray(r.value) && r.value.every(isCard))) {
      this.stack = Array.isArray(r.value) ? [...r.value] : [r.value];
      return this.render();
    }
    if (!isRender(r.value)) {
      showFailure(this.cardSlot, `The add-on answered something that is not a card or an action response: ${JSON.stringify(r.value).slice(0, 300)}`);
      return;
    }
    const { action, hostAppAction } = r.value.renderActions;
    if (action?.navigations?.length) {
      if (r.kind === 'universal') this.stack = action.navigations.flatMap((n) => ('pushCard' in n ? [n.pushCard] : []));
      else this.navigate(action.navigations);
      this.render();
    }
    if (action?.notification) {
      showToast(this.el, action.notification.text);
      // Kept until the next execution (the toast itself fades): what the last action said.
      this.el.dataset.notification = action.notification.text;
    }
    if (action?.link) this.openLink(action.link);
    if (hostAppAction) void this.fileScope(hostAppAction);
  }

  private navigate(navs: NavigationJson[]): void {
    for (const n of navs) {
      if ('pushCard' in n) this.stack.push(n.pushCard);
      else if ('updateCard' in n) this.stack.splice(Math.max(0, this.stack.length - 1), 1, n.updateCard);
      else if ('pop' in n) this.stack.length > 1 && this.stack.pop();
      else if ('popToRoot' in n) this.stack.length = Math.min(1, this.stack.length);
      else while (this.stack.length > 1 && this.stack.at(-1)?.name !== n.popToCard) this.stack.pop();
    }
  }

  private openLink(link: OpenLinkJson): void {
    const reload = link.onClose === 'RELOAD' ? () => void this.open() : undefined;
    if (link.openAs === 'OVERLAY') openOverlay(link.url, reload ?? (() => undefined));
    else openTab(link.url, reload);
  }

  /** Drive's and Docs' consent for drive.file on one file; allowed, the host runs the add-on again. */
  private async fileScope(a: NonNullable<RenderActionsJson['renderActions']['hostAppAction']>): Promise<void> {
    const host = this.d.host();
    const id = a.driveAction?.requestFileScope.itemId ?? (a.editorAction && host.app === 'DOCS' ? host.docId : undefined);
    if (!id) return;
    if (!(await askFileAccess(this.d.session.addon.name, this.d.fileName(id)))) return;
    await grantFiles([id]);
    const t = this.d.session.addon.triggers;
    if (a.editorAction) await this.execute(t.fileScopeGranted ?? t.docsHomepage, { kind: 'trigger' });
    else await this.open();
  }

  private click(onClick: OnClickJson): void {
    this.menu.hidden = true;
    if ('openLink' in onClick) return this.openLink(onClick.openLink);
    const action: ActionJson = 'action' in onClick ? onClick.action : onClick.openDynamicLinkAction;
    void this.runAction(action);
  }

  private runAction(action: ActionJson): Promise<void> {
    const parameters = Object.fromEntries(action.parameters.map((p) => [p.key, p.value]));
    return this.execute(action.function, { kind: 'action', parameters, spinner: action.loadIndicator !== 'NONE' });
  }

  private render(): void {
    const top = this.stack.at(-1);
    if (!top) return;
    const back = this.stack.length > 1 ? () => (this.stack.pop(), this.render()) : undefined;
    this.cardSlot.replaceChildren(renderCard(top, { click: (c) => this.click(c), change: (a) => void this.runAction(a), back }));
  }

  private setBusy(busy: boolean, visible: boolean): void {
    this.busy = busy;
    this.el.classList.toggle('busy', busy && visible);
    this.el.dataset.state = busy ? 'busy' : 'idle';
    this.el.setAttribute('aria-busy', String(busy));
  }
}
