import type { ButtonJson, CardJson, OnClickJson, RenderActionsJson, WidgetJson } from './card-json';

/** Read card JSON the way a teacher reads the sidebar: texts, buttons, inputs. */

export function widgets(card: CardJson): WidgetJson[] {
  return card.sections.flatMap((s) => s.widgets);
}

/** Every visible string: header, section headers, paragraphs, labels, buttons, input titles and items. */
export function texts(card: CardJson): string[] {
  const out: string[] = [];
  if (card.header) out.push(card.header.title, ...(card.header.subtitle ? [card.header.subtitle] : []));
  for (const s of card.sections) {
    if (s.header) out.push(s.header);
    for (const w of s.widgets) {
      if ('textParagraph' in w) out.push(w.textParagraph.text);
      else if ('decoratedText' in w) {
        const d = w.decoratedText;
        out.push(...[d.topLabel, d.text, d.bottomLabel, d.button?.text].filter((x): x is string => Boolean(x)));
      } else if ('buttonList' in w) out.push(...w.buttonList.buttons.map((b) => b.text));
      else if ('textInput' in w) out.push(...[w.textInput.label, w.textInput.hintText].filter((x): x is string => Boolean(x)));
      else if ('selectionInput' in w) out.push(w.selectionInput.label, ...w.selectionInput.items.map((i) => i.text));
      else if ('image' in w) out.push(w.image.altText ?? '');
    }
  }
  if (card.fixedFooter) out.push(card.fixedFooter.primaryButton.text, ...(card.fixedFooter.secondaryButton ? [card.fixedFooter.secondaryButton.text] : []));
  return out;
}

/** All visible text as one string (tags kept), for `toContain` checks. */
export function textOf(card: CardJson): string {
  return texts(card).join('\n');
}

/** Every button on the card, footer included, with decorated-text buttons. */
export function buttonsOf(card: CardJson): ButtonJson[] {
  const out: ButtonJson[] = [];
  for (const w of widgets(card)) {
    if ('buttonList' in w) out.push(...w.buttonList.buttons);
    if ('decoratedText' in w && w.decoratedText.button) out.push(w.decoratedText.button);
  }
  if (card.fixedFooter) out.push(card.fixedFooter.primaryButton, ...(card.fixedFooter.secondaryButton ? [card.fixedFooter.secondaryButton] : []));
  return out;
}

/** The one button with this text (throws when there is none or several, naming what there is). */
export function button(card: CardJson, text: string, nth?: number): ButtonJson {
  const matches = buttonsOf(card).filter((b) => b.text === text);
  if (matches.length === 0) throw new Error(`No button "${text}" on card "${card.name}"; buttons: ${buttonsOf(card).map((b) => b.text).join(', ')}`);
  if (nth === undefined && matches.length > 1) throw new Error(`${matches.length} buttons "${text}" on card "${card.name}": pass which one`);
  return matches[nth ?? 0]!;
}

/** The click of a decorated text whose text contains `text` (e.g. an assignment in the list). */
export function clickableText(card: CardJson, text: string): OnClickJson {
  for (const w of widgets(card)) {
    if ('decoratedText' in w && w.decoratedText.text.includes(text) && w.decoratedText.onClick) return w.decoratedText.onClick;
  }
  throw new Error(`No clickable text "${text}" on card "${card.name}"`);
}

/**
 * The form inputs a client sends for this card as it is shown, with `changes` applied: text inputs
 * carry their values, selections their selected items, switches their value when on.
 */
export function formInputsOf(card: CardJson, changes: Record<string, string | string[] | undefined> = {}): Record<string, string | string[] | undefined> {
  const inputs: Record<string, string | string[] | undefined> = {};
  for (const w of widgets(card)) {
    if ('textInput' in w) inputs[w.textInput.name] = w.textInput.value ?? '';
    else if ('selectionInput' in w) inputs[w.selectionInput.name] = w.selectionInput.items.filter((i) => i.selected).map((i) => i.value);
    else if ('decoratedText' in w && w.decoratedText.switchControl) {
      const s = w.decoratedText.switchControl;
      inputs[s.name] = s.selected ? s.value : undefined;
    }
  }
  return { ...inputs, ...changes };
}

/** The card pushed or updated by an action response (the last one), if any. */
export function shownCard(res: RenderActionsJson): CardJson | undefined {
  const navs = res.renderActions.action?.navigations ?? [];
  for (let i = navs.length - 1; i >= 0; i--) {
    const n = navs[i]!;
    if ('pushCard' in n) return n.pushCard;
    if ('updateCard' in n) return n.updateCard;
  }
  return undefined;
}

export function notificationOf(res: RenderActionsJson): string | undefined {
  return res.renderActions.action?.notification?.text;
}
