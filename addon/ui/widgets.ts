import type { z } from 'zod';
import { DISPATCH_FUNCTION, HANDLER_PARAM, type Handler, type ParamsSchema } from '../actions/handler';
import { assertRegistered } from '../actions/registry';
import type {
  Action,
  ButtonSet,
  Card,
  CardSection,
  CardServiceApi,
  DecoratedText,
  Image,
  KnownIconName,
  SelectionInput,
  SelectionInputTypeName,
  TextButton,
  TextButtonStyleName,
  TextInput,
  TextParagraph,
  Widget,
} from '../platform/card-service';
import { appsScriptGlobals } from '../platform/services';

/**
 * The thin typed wrapper over CardService that every card is written in. It reads the CardService
 * global when a card is built (Apps Script's, or the fake in tests and the sidebar preview). Options
 * that are Apps Script enums take the member's name ('FILLED', 'STAR', 'RADIO_BUTTON'); the wrapper
 * passes CardService's own member (`CardService.TextButtonStyle[name]`), never the string. What is
 * HTML and what is plain text: see ui/text.ts.
 */
function cs(): CardServiceApi {
  return appsScriptGlobals().CardService;
}

/** An action that runs `handler` through the one dispatcher; fails now if the handler is unknown. */
export function act<P extends ParamsSchema>(handler: Handler<P>, params: z.input<P>, opts: { spinner?: boolean } = {}): Action {
  assertRegistered(handler);
  const parameters: Record<string, string> = { [HANDLER_PARAM]: handler.key };
  for (const [k, v] of Object.entries(params as Record<string, string | undefined>)) if (v !== undefined) parameters[k] = v;
  const action = cs().newAction().setFunctionName(DISPATCH_FUNCTION).setParameters(parameters);
  return opts.spinner === false ? action.setLoadIndicator(cs().LoadIndicator.NONE) : action.setLoadIndicator(cs().LoadIndicator.SPINNER);
}

/** What a click does: run an action, open a fixed link, or run an action that answers with a link. */
export type Click = { action: Action } | { link: { url: string; overlay?: boolean; reloadOnClose?: boolean } } | { linkFrom: Action };

function applyClick<T extends { setOnClickAction(a: Action): T; setOpenLink(l: ReturnType<CardServiceApi['newOpenLink']>): T; setOnClickOpenLinkAction(a: Action): T }>(target: T, click: Click): T {
  if ('action' in click) return target.setOnClickAction(click.action);
  if ('linkFrom' in click) return target.setOnClickOpenLinkAction(click.linkFrom);
  const s = cs();
  const link = s
    .newOpenLink()
    .setUrl(click.link.url)
    .setOpenAs(click.link.overlay ? s.OpenAs.OVERLAY : s.OpenAs.FULL_SIZE)
    .setOnClose(click.link.reloadOnClose ? s.OnClose.RELOAD : s.OnClose.NOTHING);
  return target.setOpenLink(link);
}

export function button(text: string, click: Click, opts: { style?: TextButtonStyleName; disabled?: boolean } = {}): TextButton {
  const b = applyClick(cs().newTextButton().setText(text), click);
  if (opts.style) b.setTextButtonStyle(cs().TextButtonStyle[opts.style]);
  if (opts.disabled) b.setDisabled(true);
  return b;
}

export function buttons(...list: (TextButton | undefined | false)[]): ButtonSet | undefined {
  const set = cs().newButtonSet();
  const present = list.filter((b): b is TextButton => Boolean(b));
  for (const b of present) set.addButton(b);
  return present.length > 0 ? set : undefined;
}

export function paragraph(html: string): TextParagraph {
  return cs().newTextParagraph().setText(html);
}

export interface DecoratedOptions {
  text: string;
  top?: string;
  bottom?: string;
  icon?: KnownIconName | { url: string; alt: string };
  button?: TextButton;
  onClick?: Click;
  toggle?: { name: string; value: string; selected: boolean; onChange: Action };
}

export function decorated(o: DecoratedOptions): DecoratedText {
  const s = cs();
  const w = s.newDecoratedText().setText(o.text).setWrapText(true);
  if (o.top) w.setTopLabel(o.top);
  if (o.bottom) w.setBottomLabel(o.bottom);
  if (o.icon) w.setStartIcon(typeof o.icon === 'string' ? s.newIconImage().setIcon(s.Icon[o.icon]) : s.newIconImage().setIconUrl(o.icon.url).setAltText(o.icon.alt));
  if (o.button) w.setButton(o.button);
  if (o.onClick) applyClick(w, o.onClick);
  if (o.toggle) {
    const t = o.toggle;
    w.setSwitchControl(s.newSwitch().setFieldName(t.name).setValue(t.value).setSelected(t.selected).setControlType(s.SwitchControlType.SWITCH).setOnChangeAction(t.onChange));
  }
  return w;
}

export function textInput(o: { name: string; title: string; value?: string; hint?: string; multiline?: boolean }): TextInput {
  const w = cs().newTextInput().setFieldName(o.name).setTitle(o.title);
  if (o.value) w.setValue(o.value);
  if (o.hint) w.setHint(o.hint);
  if (o.multiline) w.setMultiline(true);
  return w;
}

export function select(o: { name: string; title: string; type: SelectionInputTypeName; items: { text: string; value: string; selected: boolean }[]; onChange?: Action }): SelectionInput {
  const s = cs();
  const w = s.newSelectionInput().setFieldName(o.name).setTitle(o.title).setType(s.SelectionInputType[o.type]);
  for (const i of o.items) w.addItem(i.text, i.value, i.selected);
  if (o.onChange) w.setOnChangeAction(o.onChange);
  return w;
}

export function image(url: string, alt: string): Image {
  return cs().newImage().setImageUrl(url).setAltText(alt);
}

export function divider(): Widget {
  return cs().newDivider();
}

/** A section, or undefined when it would have no widgets (cards refuse empty sections). */
export function section(header: string | undefined, widgets: (Widget | undefined | false)[], opts: { collapsible?: number } = {}): CardSection | undefined {
  const present = widgets.filter((w): w is Widget => Boolean(w));
  if (present.length === 0) return undefined;
  const s = cs().newCardSection();
  if (header) s.setHeader(header);
  for (const w of present) s.addWidget(w);
  if (opts.collapsible !== undefined && present.length > opts.collapsible) s.setCollapsible(true).setNumUncollapsibleWidgets(opts.collapsible);
  return s;
}

export interface CardOptions {
  /** Names the card on the stack (tests and the preview use it to tell cards apart). */
  name: string;
  /** Plain text, shown as typed (the header takes no HTML): do not escape. */
  title: string;
  /** Plain text, like the title. */
  subtitle?: string;
  sections: (CardSection | undefined)[];
  primary?: TextButton;
  secondary?: TextButton;
}

export function card(o: CardOptions): Card {
  const s = cs();
  const header = s.newCardHeader().setTitle(o.title);
  if (o.subtitle) header.setSubtitle(o.subtitle);
  const b = s.newCardBuilder().setName(o.name).setHeader(header);
  for (const sec of o.sections) if (sec) b.addSection(sec);
  if (o.primary) {
    const footer = s.newFixedFooter().setPrimaryButton(o.primary);
    if (o.secondary) footer.setSecondaryButton(o.secondary);
    b.setFixedFooter(footer);
  }
  return b.build();
}
