import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';

/**
 * Drives the preview's side panel the way a teacher does: by visible labels and button texts.
 * Every action waits until the panel is idle again (the add-on has answered and the response is
 * applied); nothing here waits for a fixed time.
 */
export class SidebarDriver {
  readonly panel: Locator;
  private shotCount = 0;

  constructor(
    readonly page: Page,
    private readonly shotsDir: string,
  ) {
    this.panel = page.locator('aside.panel');
    mkdirSync(shotsDir, { recursive: true });
  }

  /** The card on top of the stack. */
  card(): Locator {
    return this.panel.locator('.card');
  }

  /** Wait until no execution is running and a card is shown; its name (CardBuilder.setName). */
  async settled(): Promise<string> {
    const el = await this.page.waitForSelector('aside.panel[data-state="idle"] .card[data-card]');
    return (await el.getAttribute('data-card')) ?? '';
  }

  /** Wait for the card named `name` (a string, or a pattern for names with ids in them). */
  async waitForCard(name: string | RegExp): Promise<void> {
    const pattern = typeof name === 'string' ? `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : name.source;
    await this.page.waitForFunction((p) => {
      const card = document.querySelector('aside.panel[data-state="idle"] .card[data-card]');
      return card !== null && new RegExp(p).test(card.getAttribute('data-card') ?? '');
    }, pattern);
  }

  /** The button with exactly this text; `row` narrows it to the decorated text that contains that text. */
  button(text: string, row?: string): Locator {
    const scope = row ? this.card().locator('.decorated', { hasText: row }) : this.card();
    return scope.getByRole('button', { name: text, exact: true });
  }

  /** Click a button and wait for the add-on's answer to be applied. */
  async click(text: string, row?: string): Promise<void> {
    await this.button(text, row).click();
    await this.settled();
  }

  /** A universal action from the add-on's ⋮ menu (Assignments, Billing, …). */
  async menu(label: string): Promise<void> {
    await this.panel.getByRole('button', { name: 'More options', exact: true }).click();
    await this.panel.getByRole('menuitem', { name: label, exact: true }).click();
    await this.settled();
  }

  async fill(label: string, value: string): Promise<void> {
    await this.card().getByLabel(label, { exact: true }).fill(value);
  }

  /** Everything the card shows, as text. */
  async text(): Promise<string> {
    await this.settled();
    return this.card().innerText();
  }

  /** The notification the last action showed (kept on the panel after the toast fades). */
  async toast(): Promise<string> {
    await this.settled();
    return (await this.panel.getAttribute('data-notification')) ?? '';
  }

  /** The header's back arrow (no execution: the panel pops its own stack). */
  async back(): Promise<void> {
    await this.card().getByRole('button', { name: 'Back', exact: true }).click();
    await this.settled();
  }

  /**
   * Click a button whose answer opens a link as OpenAs.OVERLAY: the window it opens (a pop-up, as in
   * Workspace), loaded. The app shows a notice over itself until the window closes.
   */
  async clickForWindow(text: string): Promise<Page> {
    const [win] = await Promise.all([this.page.context().waitForEvent('page'), this.click(text)]);
    await win.waitForLoadState();
    await this.page.locator('.overlay[data-overlay="link"]').waitFor();
    return win;
  }

  /** A web app page inside Apps Script's sandboxed frame (what `doGet` returned), in its window. */
  static webApp(win: Page): FrameLocator {
    return win.frameLocator('iframe#sandboxFrame');
  }

  /** Save the side panel (or the whole window, or another window such as the Picker's) as test-artifacts/…/NN-name.png. */
  async shot(name: string, whole: boolean | Page = false): Promise<string> {
    const path = join(this.shotsDir, `${String(++this.shotCount).padStart(2, '0')}-${name}.png`);
    if (whole) {
      await (whole === true ? this.page : whole).screenshot({ path });
      return path;
    }
    // The whole card, not just what fits: grow the window by what the card body scrolls, then shrink it back.
    const hidden = await this.panel.locator('.card-body').evaluate((el) => el.scrollHeight - el.clientHeight);
    const size = this.page.viewportSize();
    if (hidden > 0 && size) await this.page.setViewportSize({ width: size.width, height: size.height + hidden });
    await this.panel.screenshot({ path });
    if (hidden > 0 && size) await this.page.setViewportSize(size);
    return path;
  }
}
