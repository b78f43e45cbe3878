import type * as CS from '../../addon/platform/card-service';
import type {
  ActionJson,
  ButtonJson,
  CardHeaderJson,
  CardJson,
  DecoratedTextJson,
  IconJson,
  ImageJson,
  NavigationJson,
  OnClickJson,
  OpenLinkJson,
  RenderActionsJson,
  SectionJson,
  SelectionInputJson,
  TextInputJson,
  WidgetJson,
} from './card-json';

/**
 * A CardService whose build() methods return card JSON (google.apps.card.v1) instead of opaque
 * objects, with the checks Apps Script makes when a card is built (missing text, empty sections,
 * buttons without an action) so a card that would fail in Apps Script fails in tests too. Built
 * values carry a non-enumerable printJson(), as Apps Script's do.
 */

export class CardServiceError extends Error {
  override readonly name = 'CardServiceError';
}
const need = (ok: unknown, message: string): void => {
  if (!ok) throw new CardServiceError(message);
};
function printable<T extends object>(json: T): T & { printJson(): string } {
  Object.defineProperty(json, 'printJson', { value: () => JSON.stringify(json, null, 2), enumerable: false });
  return json as T & { printJson(): string };
}
const enumOf = <K extends string>(...keys: K[]) => Object.freeze(Object.fromEntries(keys.map((k) => [k, k]))) as { readonly [k in K]: k };

/** Anything the fake can turn into JSON. */
interface Jsonable<J> {
  toJson(): J;
}

class FakeAction implements CS.Action, Jsonable<ActionJson> {
  private fn = '';
  private params: Record<string, string> = {};
  private indicator?: CS.LoadIndicatorName;
  setFunctionName(name: string) {
    this.fn = name;
    return this;
  }
  setParameters(params: Record<string, string>) {
    for (const [k, v] of Object.entries(params)) need(typeof v === 'string', `Action parameter "${k}" must be a string`);
    this.params = { ...params };
    return this;
  }
  setLoadIndicator(indicator: CS.LoadIndicatorName) {
    this.indicator = indicator;
    return this;
  }
  toJson(): ActionJson {
    need(this.fn, 'Action needs a function name');
    const json: ActionJson = { function: this.fn, parameters: Object.entries(this.params).map(([key, value]) => ({ key, value })) };
    if (this.indicator) json.loadIndicator = this.indicator;
    return json;
  }
}

class FakeOpenLink implements CS.OpenLink, Jsonable<OpenLinkJson> {
  private json: Partial<OpenLinkJson> = {};
  setUrl(url: string) {
    this.json.url = url;
    return this;
  }
  setOpenAs(openAs: CS.OpenAsName) {
    this.json.openAs = openAs;
    return this;
  }
  setOnClose(onClose: CS.OnCloseName) {
    this.json.onClose = onClose;
    return this;
  }
  toJson(): OpenLinkJson {
    need(this.json.url && /^https?:\/\//.test(this.json.url), `OpenLink needs an http(s) URL, got "${this.json.url ?? ''}"`);
    return { ...this.json } as OpenLinkJson;
  }
}

abstract class ClickableBase<T> {
  protected click?: () => OnClickJson;
  setOnClickAction(action: CS.Action): T {
    this.click = () => ({ action: (action as FakeAction).toJson() });
    return this as unknown as T;
  }
  setOpenLink(link: CS.OpenLink): T {
    this.click = () => ({ openLink: (link as FakeOpenLink).toJson() });
    return this as unknown as T;
  }
  setOnClickOpenLinkAction(action: CS.Action): T {
    this.click = () => ({ openDynamicLinkAction: (action as FakeAction).toJson() });
    return this as unknown as T;
  }
}

const BUTTON_TYPES: Record<CS.TextButtonStyleName, ButtonJson['type']> = { OUTLINED: 'OUTLINED', TEXT: 'BORDERLESS', FILLED: 'FILLED', FILLED_TONAL: 'FILLED_TONAL', BORDERLESS: 'BORDERLESS' };

class FakeTextButton extends ClickableBase<CS.TextButton> implements CS.TextButton, Jsonable<ButtonJson> {
  private text = '';
  private style?: CS.TextButtonStyleName;
  private disabled = false;
  private alt?: string;
  setText(text: string) {
    this.text = text;
    return this;
  }
  setTextButtonStyle(style: CS.TextButtonStyleName) {
    this.style = style;
    return this;
  }
  setDisabled(disabled: boolean) {
    this.disabled = disabled;
    return this;
  }
  setAltText(alt: string) {
    this.alt = alt;
    return this;
  }
  toJson(): ButtonJson {
    need(this.text, 'TextButton needs text');
    need(this.click, `TextButton "${this.text}" needs an action or a link`);
    const json: ButtonJson = { text: this.text, onClick: this.click!() };
    if (this.style) json.type = BUTTON_TYPES[this.style];
    if (this.disabled) json.disabled = true;
    if (this.alt) json.altText = this.alt;
    return json;
  }
}

class FakeIconImage implements CS.IconImage, Jsonable<IconJson> {
  private json: IconJson = {};
  setIcon(icon: CS.KnownIconName) {
    this.json = { ...this.json, knownIcon: icon };
    return this;
  }
  setIconUrl(url: string) {
    this.json = { ...this.json, iconUrl: url };
    return this;
  }
  setAltText(alt: string) {
    this.json = { ...this.json, altText: alt };
    return this;
  }
  toJson(): IconJson {
    need(this.json.knownIcon || this.json.iconUrl, 'IconImage needs an icon or an icon URL');
    return { ...this.json };
  }
}

class FakeSwitch implements CS.Switch {
  name = '';
  value = '';
  selected = false;
  action?: FakeAction;
  type: CS.SwitchControlTypeName = 'SWITCH';
  setFieldName(name: string) {
    this.name = name;
    return this;
  }
  setValue(value: string) {
    this.value = value;
    return this;
  }
  setSelected(selected: boolean) {
    this.selected = selected;
    return this;
  }
  setOnChangeAction(action: CS.Action) {
    this.action = action as FakeAction;
    return this;
  }
  setControlType(type: CS.SwitchControlTypeName) {
    this.type = type;
    return this;
  }
}

abstract class FakeWidget<J extends WidgetJson> {
  abstract toJson(): J;
}

class FakeTextParagraph extends FakeWidget<{ textParagraph: { text: string } }> implements CS.TextParagraph {
  private text = '';
  setText(text: string) {
    this.text = text;
    return this;
  }
  toJson() {
    need(this.text, 'TextParagraph needs text');
    return { textParagraph: { text: this.text } };
  }
}

class FakeDecoratedText extends ClickableBase<CS.DecoratedText> implements CS.DecoratedText {
  private json: Partial<DecoratedTextJson> = {};
  private icon?: FakeIconImage;
  private btn?: FakeTextButton;
  private toggle?: FakeSwitch;
  setText(text: string) {
    this.json.text = text;
    return this;
  }
  setTopLabel(text: string) {
    this.json.topLabel = text;
    return this;
  }
  setBottomLabel(text: string) {
    this.json.bottomLabel = text;
    return this;
  }
  setWrapText(wrap: boolean) {
    this.json.wrapText = wrap;
    return this;
  }
  setStartIcon(icon: CS.IconImage) {
    this.icon = icon as FakeIconImage;
    return this;
  }
  setButton(button: CS.TextButton) {
    need(!this.toggle, 'DecoratedText can have a button or a switch, not both');
    this.btn = button as FakeTextButton;
    return this;
  }
  setSwitchControl(control: CS.Switch) {
    need(!this.btn, 'DecoratedText can have a button or a switch, not both');
    this.toggle = control as FakeSwitch;
    return this;
  }
  toJson(): { decoratedText: DecoratedTextJson } {
    need(this.json.text, 'DecoratedText needs text');
    const json: DecoratedTextJson = { ...(this.json as DecoratedTextJson) };
    if (this.icon) json.startIcon = this.icon.toJson();
    if (this.btn) json.button = this.btn.toJson();
    if (this.toggle) {
      const t = this.toggle;
      need(t.name, 'Switch needs a field name');
      json.switchControl = { name: t.name, value: t.value, selected: t.selected, controlType: t.type === 'CHECK_BOX' ? 'CHECKBOX' : 'SWITCH' };
      if (t.action) json.switchControl.onChangeAction = t.action.toJson();
    }
    if (this.click) json.onClick = this.click();
    return { decoratedText: json };
  }
}

class FakeButtonSet extends FakeWidget<{ buttonList: { buttons: ButtonJson[] } }> implements CS.ButtonSet {
  private buttons: FakeTextButton[] = [];
  addButton(button: CS.TextButton) {
    this.buttons.push(button as FakeTextButton);
    return this;
  }
  toJson() {
    need(this.buttons.length > 0, 'ButtonSet needs at least one button');
    return { buttonList: { buttons: this.buttons.map((b) => b.toJson()) } };
  }
}

class FakeTextInput extends FakeWidget<{ textInput: TextInputJson }> implements CS.TextInput {
  private json: Partial<TextInputJson> = { type: 'SINGLE_LINE' };
  setFieldName(name: string) {
    this.json.name = name;
    return this;
  }
  setTitle(title: string) {
    this.json.label = title;
    return this;
  }
  setHint(hint: string) {
    this.json.hintText = hint;
    return this;
  }
  setValue(value: string) {
    this.json.value = value;
    return this;
  }
  setMultiline(multiline: boolean) {
    this.json.type = multiline ? 'MULTIPLE_LINE' : 'SINGLE_LINE';
    return this;
  }
  toJson() {
    need(this.json.name, 'TextInput needs a field name');
    need(this.json.label, `TextInput "${this.json.name}" needs a title`);
    return { textInput: { ...(this.json as TextInputJson) } };
  }
}

class FakeSelectionInput extends FakeWidget<{ selectionInput: SelectionInputJson }> implements CS.SelectionInput {
  private json: Partial<SelectionInputJson> & { items: SelectionInputJson['items'] } = { items: [] };
  private action?: FakeAction;
  setFieldName(name: string) {
    this.json.name = name;
    return this;
  }
  setTitle(title: string) {
    this.json.label = title;
    return this;
  }
  setType(type: CS.SelectionInputTypeName) {
    this.json.type = type;
    return this;
  }
  addItem(text: string, value: string, selected: boolean) {
    this.json.items.push({ text, value, selected });
    return this;
  }
  setOnChangeAction(action: CS.Action) {
    this.action = action as FakeAction;
    return this;
  }
  toJson() {
    need(this.json.name, 'SelectionInput needs a field name');
    need(this.json.type, `SelectionInput "${this.json.name}" needs a type`);
    need(this.json.items.length > 0, `SelectionInput "${this.json.name}" needs items`);
    const json = { ...(this.json as SelectionInputJson), items: this.json.items.map((i) => ({ ...i })) };
    if (this.action) json.onChangeAction = this.action.toJson();
    return { selectionInput: json };
  }
}

class FakeImage extends ClickableBase<CS.Image> implements CS.Image {
  private json: Partial<ImageJson> = {};
  setImageUrl(url: string) {
    this.json.imageUrl = url;
    return this;
  }
  setAltText(alt: string) {
    this.json.altText = alt;
    return this;
  }
  toJson(): { image: ImageJson } {
    need(this.json.imageUrl, 'Image needs a URL');
    const json = { ...(this.json as ImageJson) };
    if (this.click) json.onClick = this.click();
    return { image: json };
  }
}

class FakeDivider extends FakeWidget<{ divider: Record<string, never> }> implements CS.Divider {
  readonly __divider = true as const;
  toJson() {
    return { divider: {} };
  }
}

class FakeCardHeader implements CS.CardHeader, Jsonable<CardHeaderJson> {
  private json: Partial<CardHeaderJson> = {};
  setTitle(title: string) {
    this.json.title = title;
    return this;
  }
  setSubtitle(subtitle: string) {
    this.json.subtitle = subtitle;
    return this;
  }
  setImageUrl(url: string) {
    this.json.imageUrl = url;
    return this;
  }
  setImageStyle(style: CS.ImageStyleName) {
    this.json.imageType = style;
    return this;
  }
  setImageAltText(alt: string) {
    this.json.imageAltText = alt;
    return this;
  }
  toJson(): CardHeaderJson {
    need(this.json.title, 'CardHeader needs a title');
    return { ...(this.json as CardHeaderJson) };
  }
}

class FakeCardSection implements CS.CardSection, Jsonable<SectionJson> {
  private header?: string;
  private widgets: Jsonable<WidgetJson>[] = [];
  private collapsible = false;
  private uncollapsible?: number;
  setHeader(header: string) {
    this.header = header;
    return this;
  }
  addWidget(widget: CS.Widget) {
    need(widget && typeof (widget as Jsonable<WidgetJson>).toJson === 'function', 'addWidget needs a widget');
    this.widgets.push(widget as unknown as Jsonable<WidgetJson>);
    return this;
  }
  setCollapsible(collapsible: boolean) {
    this.collapsible = collapsible;
    return this;
  }
  setNumUncollapsibleWidgets(count: number) {
    this.uncollapsible = count;
    return this;
  }
  toJson(): SectionJson {
    need(this.widgets.length > 0, `Section "${this.header ?? ''}" needs at least one widget`);
    const json: SectionJson = { widgets: this.widgets.map((w) => w.toJson()) };
    if (this.header) json.header = this.header;
    if (this.collapsible) json.collapsible = true;
    if (this.uncollapsible !== undefined) json.uncollapsibleWidgetsCount = this.uncollapsible;
    return json;
  }
}

class FakeFixedFooter implements CS.FixedFooter {
  primary?: FakeTextButton;
  secondary?: FakeTextButton;
  setPrimaryButton(button: CS.TextButton) {
    this.primary = button as FakeTextButton;
    return this;
  }
  setSecondaryButton(button: CS.TextButton) {
    this.secondary = button as FakeTextButton;
    return this;
  }
}

class FakeCardBuilder implements CS.CardBuilder {
  private name?: string;
  private header?: FakeCardHeader;
  private sections: FakeCardSection[] = [];
  private footer?: FakeFixedFooter;
  setName(name: string) {
    this.name = name;
    return this;
  }
  setHeader(header: CS.CardHeader) {
    this.header = header as FakeCardHeader;
    return this;
  }
  addSection(section: CS.CardSection) {
    this.sections.push(section as FakeCardSection);
    return this;
  }
  setFixedFooter(footer: CS.FixedFooter) {
    this.footer = footer as FakeFixedFooter;
    return this;
  }
  build(): CS.Card & CardJson {
    need(this.sections.length > 0, 'A card needs at least one section');
    const json: CardJson = { sections: this.sections.map((s) => s.toJson()) };
    if (this.name) json.name = this.name;
    if (this.header) json.header = this.header.toJson();
    if (this.footer) {
      need(this.footer.primary, 'A fixed footer needs a primary button');
      json.fixedFooter = { primaryButton: this.footer.primary!.toJson() };
      if (this.footer.secondary) json.fixedFooter.secondaryButton = this.footer.secondary.toJson();
    }
    return printable(json);
  }
}

class FakeNavigation implements CS.Navigation {
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

class FakeNotification implements CS.Notification {
  text = '';
  setText(text: string) {
    this.text = text;
    return this;
  }
}

class FakeActionResponseBuilder implements CS.ActionResponseBuilder {
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

class FakeUniversalActionResponseBuilder implements CS.UniversalActionResponseBuilder {
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

class FakeEditorFileScopeBuilder implements CS.EditorFileScopeActionResponseBuilder {
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

class FakeDriveItemsSelectedBuilder implements CS.DriveItemsSelectedActionResponseBuilder {
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

/** A fresh fake CardService. */
export function createCardService(): CS.CardServiceApi {
  return {
    newCardBuilder: () => new FakeCardBuilder(),
    newCardHeader: () => new FakeCardHeader(),
    newCardSection: () => new FakeCardSection(),
    newTextParagraph: () => new FakeTextParagraph(),
    newDecoratedText: () => new FakeDecoratedText(),
    newIconImage: () => new FakeIconImage(),
    newButtonSet: () => new FakeButtonSet(),
    newTextButton: () => new FakeTextButton(),
    newTextInput: () => new FakeTextInput(),
    newSelectionInput: () => new FakeSelectionInput(),
    newSwitch: () => new FakeSwitch(),
    newImage: () => new FakeImage(),
    newDivider: () => new FakeDivider(),
    newFixedFooter: () => new FakeFixedFooter(),
    newAction: () => new FakeAction(),
    newOpenLink: () => new FakeOpenLink(),
    newNavigation: () => new FakeNavigation(),
    newNotification: () => new FakeNotification(),
    newActionResponseBuilder: () => new FakeActionResponseBuilder(),
    newUniversalActionResponseBuilder: () => new FakeUniversalActionResponseBuilder(),
    newEditorFileScopeActionResponseBuilder: () => new FakeEditorFileScopeBuilder(),
    newDriveItemsSelectedActionResponseBuilder: () => new FakeDriveItemsSelectedBuilder(),
    OpenAs: enumOf('FULL_SIZE', 'OVERLAY'),
    OnClose: enumOf('NOTHING', 'RELOAD'),
    LoadIndicator: enumOf('SPINNER', 'NONE'),
    SelectionInputType: enumOf('CHECK_BOX', 'RADIO_BUTTON', 'SWITCH', 'DROPDOWN'),
    TextButtonStyle: enumOf('OUTLINED', 'TEXT', 'FILLED', 'FILLED_TONAL', 'BORDERLESS'),
    ImageStyle: enumOf('SQUARE', 'CIRCLE'),
    SwitchControlType: enumOf('SWITCH', 'CHECK_BOX'),
    Icon: enumOf('BOOKMARK', 'CLOCK', 'DESCRIPTION', 'EMAIL', 'INVITE', 'MEMBERSHIP', 'MULTIPLE_PEOPLE', 'PERSON', 'STAR', 'DOLLAR', 'TICKET'),
  };
}
