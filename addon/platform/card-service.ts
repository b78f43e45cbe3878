/**
 * The part of Apps Script's CardService the add-on uses, typed. Real Apps Script objects and the fake
 * in dev/apps-script-fakes both satisfy these interfaces.
 */

declare const ENUM_MEMBER: unique symbol;

/**
 * A member of an Apps Script enum, e.g. `CardService.TextButtonStyle.FILLED`. Apps Script's enum
 * members are objects, and a setter given the bare string "FILLED" throws ("The parameters (String)
 * don't match the method signature…"). The type is opaque: only a value read from the service's own
 * enum object fits, so passing a name is a compile error (and the fake throws at run time).
 */
export interface EnumValue<E extends string, K extends string> {
  readonly [ENUM_MEMBER]: { enum: E; member: K };
}
/** An Apps Script enum object: `CardService.TextButtonStyle`, `HtmlService.XFrameOptionsMode`, … */
export type Enum<E extends string, K extends string> = { readonly [k in K]: EnumValue<E, k> };

/** A built card (opaque: Apps Script prints it with printJson, the fake returns card JSON). */
export interface Card {
  printJson(): string;
}
export interface ActionResponse {
  printJson(): string;
}
export interface UniversalActionResponse {
  printJson(): string;
}

export interface Action {
  setFunctionName(name: string): Action;
  setParameters(params: Record<string, string>): Action;
  setLoadIndicator(indicator: EnumValue<'LoadIndicator', LoadIndicatorName>): Action;
}
export type OpenAsName = 'FULL_SIZE' | 'OVERLAY';
export type OnCloseName = 'NOTHING' | 'RELOAD';
export type LoadIndicatorName = 'SPINNER' | 'NONE';
export type SelectionInputTypeName = 'CHECK_BOX' | 'RADIO_BUTTON' | 'SWITCH' | 'DROPDOWN';
export type TextButtonStyleName = 'OUTLINED' | 'TEXT' | 'FILLED' | 'FILLED_TONAL' | 'BORDERLESS';
export type ImageStyleName = 'SQUARE' | 'CIRCLE';
export type SwitchControlTypeName = 'SWITCH' | 'CHECK_BOX';
export type KnownIconName = 'BOOKMARK' | 'CLOCK' | 'DESCRIPTION' | 'EMAIL' | 'INVITE' | 'MEMBERSHIP' | 'MULTIPLE_PEOPLE' | 'PERSON' | 'STAR' | 'DOLLAR' | 'TICKET';

export interface OpenLink {
  setUrl(url: string): OpenLink;
  setOpenAs(openAs: EnumValue<'OpenAs', OpenAsName>): OpenLink;
  setOnClose(onClose: EnumValue<'OnClose', OnCloseName>): OpenLink;
}

interface Clickable<T> {
  setOnClickAction(action: Action): T;
  setOpenLink(link: OpenLink): T;
  setOnClickOpenLinkAction(action: Action): T;
}

export interface TextButton extends Clickable<TextButton> {
  setText(text: string): TextButton;
  setTextButtonStyle(style: EnumValue<'TextButtonStyle', TextButtonStyleName>): TextButton;
  setDisabled(disabled: boolean): TextButton;
  setAltText(alt: string): TextButton;
}

export interface IconImage {
  setIcon(icon: EnumValue<'Icon', KnownIconName>): IconImage;
  setIconUrl(url: string): IconImage;
  setAltText(alt: string): IconImage;
}

export interface Switch {
  setFieldName(name: string): Switch;
  setValue(value: string): Switch;
  setSelected(selected: boolean): Switch;
  setOnChangeAction(action: Action): Switch;
  setControlType(type: EnumValue<'SwitchControlType', SwitchControlTypeName>): Switch;
}

export interface TextParagraph {
  setText(text: string): TextParagraph;
}
export interface DecoratedText extends Clickable<DecoratedText> {
  setText(text: string): DecoratedText;
  setTopLabel(text: string): DecoratedText;
  setBottomLabel(text: string): DecoratedText;
  setWrapText(wrap: boolean): DecoratedText;
  setStartIcon(icon: IconImage): DecoratedText;
  setButton(button: TextButton): DecoratedText;
  setSwitchControl(control: Switch): DecoratedText;
}
export interface ButtonSet {
  addButton(button: TextButton): ButtonSet;
}
export interface TextInput {
  setFieldName(name: string): TextInput;
  setTitle(title: string): TextInput;
  setHint(hint: string): TextInput;
  setValue(value: string): TextInput;
  setMultiline(multiline: boolean): TextInput;
}
export interface SelectionInput {
  setFieldName(name: string): SelectionInput;
  setTitle(title: string): SelectionInput;
  setType(type: EnumValue<'SelectionInputType', SelectionInputTypeName>): SelectionInput;
  addItem(text: string, value: string, selected: boolean): SelectionInput;
  setOnChangeAction(action: Action): SelectionInput;
}
export interface Image extends Clickable<Image> {
  setImageUrl(url: string): Image;
  setAltText(alt: string): Image;
}
export interface Divider {
  readonly __divider?: true;
}
export type Widget = TextParagraph | DecoratedText | ButtonSet | TextInput | SelectionInput | Image | Divider;

export interface CardHeader {
  setTitle(title: string): CardHeader;
  setSubtitle(subtitle: string): CardHeader;
  setImageUrl(url: string): CardHeader;
  setImageStyle(style: EnumValue<'ImageStyle', ImageStyleName>): CardHeader;
  setImageAltText(alt: string): CardHeader;
}
export interface CardSection {
  setHeader(header: string): CardSection;
  addWidget(widget: Widget): CardSection;
  setCollapsible(collapsible: boolean): CardSection;
  setNumUncollapsibleWidgets(count: number): CardSection;
}
export interface FixedFooter {
  setPrimaryButton(button: TextButton): FixedFooter;
  setSecondaryButton(button: TextButton): FixedFooter;
}
export interface CardBuilder {
  setName(name: string): CardBuilder;
  setHeader(header: CardHeader): CardBuilder;
  addSection(section: CardSection): CardBuilder;
  setFixedFooter(footer: FixedFooter): CardBuilder;
  build(): Card;
}

export interface Navigation {
  pushCard(card: Card): Navigation;
  popCard(): Navigation;
  popToRoot(): Navigation;
  popToNamedCard(name: string): Navigation;
  updateCard(card: Card): Navigation;
}
export interface Notification {
  setText(text: string): Notification;
}
export interface ActionResponseBuilder {
  setNavigation(navigation: Navigation): ActionResponseBuilder;
  setNotification(notification: Notification): ActionResponseBuilder;
  setOpenLink(link: OpenLink): ActionResponseBuilder;
  setStateChanged(changed: boolean): ActionResponseBuilder;
  build(): ActionResponse;
}
export interface UniversalActionResponseBuilder {
  displayAddOnCards(cards: Card[]): UniversalActionResponseBuilder;
  setOpenLink(link: OpenLink): UniversalActionResponseBuilder;
  build(): UniversalActionResponse;
}
export interface EditorFileScopeActionResponseBuilder {
  requestFileScopeForActiveDocument(): EditorFileScopeActionResponseBuilder;
  build(): ActionResponse;
}
export interface DriveItemsSelectedActionResponseBuilder {
  requestFileScope(itemId: string): DriveItemsSelectedActionResponseBuilder;
  build(): ActionResponse;
}

export interface CardServiceApi {
  newCardBuilder(): CardBuilder;
  newCardHeader(): CardHeader;
  newCardSection(): CardSection;
  newTextParagraph(): TextParagraph;
  newDecoratedText(): DecoratedText;
  newIconImage(): IconImage;
  newButtonSet(): ButtonSet;
  newTextButton(): TextButton;
  newTextInput(): TextInput;
  newSelectionInput(): SelectionInput;
  newSwitch(): Switch;
  newImage(): Image;
  newDivider(): Divider;
  newFixedFooter(): FixedFooter;
  newAction(): Action;
  newOpenLink(): OpenLink;
  newNavigation(): Navigation;
  newNotification(): Notification;
  newActionResponseBuilder(): ActionResponseBuilder;
  newUniversalActionResponseBuilder(): UniversalActionResponseBuilder;
  newEditorFileScopeActionResponseBuilder(): EditorFileScopeActionResponseBuilder;
  newDriveItemsSelectedActionResponseBuilder(): DriveItemsSelectedActionResponseBuilder;
  readonly OpenAs: Enum<'OpenAs', OpenAsName>;
  readonly OnClose: Enum<'OnClose', OnCloseName>;
  readonly LoadIndicator: Enum<'LoadIndicator', LoadIndicatorName>;
  readonly SelectionInputType: Enum<'SelectionInputType', SelectionInputTypeName>;
  readonly TextButtonStyle: Enum<'TextButtonStyle', TextButtonStyleName>;
  readonly ImageStyle: Enum<'ImageStyle', ImageStyleName>;
  readonly SwitchControlType: Enum<'SwitchControlType', SwitchControlTypeName>;
  readonly Icon: Enum<'Icon', KnownIconName>;
}
