/**
 * The card JSON of Google Workspace add-ons (google.apps.card.v1, as HTTP-runtime add-ons exchange
 * it), for the subset GradeBot builds. The fake CardService produces exactly these shapes.
 */

export interface ActionJson {
  function: string;
  parameters: { key: string; value: string }[];
  loadIndicator?: 'SPINNER' | 'NONE';
}
export interface OpenLinkJson {
  url: string;
  openAs?: 'FULL_SIZE' | 'OVERLAY';
  onClose?: 'NOTHING' | 'RELOAD';
}
export type OnClickJson = { action: ActionJson } | { openLink: OpenLinkJson } | { openDynamicLinkAction: ActionJson };

export interface ButtonJson {
  text: string;
  onClick: OnClickJson;
  type?: 'OUTLINED' | 'FILLED' | 'FILLED_TONAL' | 'BORDERLESS';
  disabled?: boolean;
  altText?: string;
}
export interface IconJson {
  knownIcon?: string;
  iconUrl?: string;
  altText?: string;
}
export interface SwitchControlJson {
  name: string;
  value: string;
  selected: boolean;
  controlType: 'SWITCH' | 'CHECKBOX';
  onChangeAction?: ActionJson;
}
export interface DecoratedTextJson {
  text: string;
  topLabel?: string;
  bottomLabel?: string;
  wrapText?: boolean;
  startIcon?: IconJson;
  button?: ButtonJson;
  switchControl?: SwitchControlJson;
  onClick?: OnClickJson;
}
export interface TextInputJson {
  name: string;
  label: string;
  type: 'SINGLE_LINE' | 'MULTIPLE_LINE';
  value?: string;
  hintText?: string;
}
export interface SelectionItemJson {
  text: string;
  value: string;
  selected: boolean;
}
export interface SelectionInputJson {
  name: string;
  label: string;
  type: 'CHECK_BOX' | 'RADIO_BUTTON' | 'SWITCH' | 'DROPDOWN';
  items: SelectionItemJson[];
  onChangeAction?: ActionJson;
}
export interface ImageJson {
  imageUrl: string;
  altText?: string;
  onClick?: OnClickJson;
}

export type WidgetJson =
  | { textParagraph: { text: string } }
  | { decoratedText: DecoratedTextJson }
  | { buttonList: { buttons: ButtonJson[] } }
  | { textInput: TextInputJson }
  | { selectionInput: SelectionInputJson }
  | { image: ImageJson }
  | { divider: Record<string, never> };

export interface SectionJson {
  header?: string;
  widgets: WidgetJson[];
  collapsible?: boolean;
  uncollapsibleWidgetsCount?: number;
}
export interface CardHeaderJson {
  title: string;
  subtitle?: string;
  imageUrl?: string;
  imageType?: 'SQUARE' | 'CIRCLE';
  imageAltText?: string;
}
export interface CardJson {
  name?: string;
  header?: CardHeaderJson;
  sections: SectionJson[];
  fixedFooter?: { primaryButton: ButtonJson; secondaryButton?: ButtonJson };
}

export type NavigationJson = { pushCard: CardJson } | { updateCard: CardJson } | { pop: true } | { popToRoot: true } | { popToCard: string };

/** What a card action, a universal action or a file-scope request answers. */
export interface RenderActionsJson {
  renderActions: {
    action?: { navigations?: NavigationJson[]; notification?: { text: string }; link?: OpenLinkJson };
    hostAppAction?: { editorAction?: { requestFileScopeForActiveDocument: Record<string, never> }; driveAction?: { requestFileScope: { itemId: string } } };
  };
}
