import type * as CS from '../../../addon/platform/card-service';
import type { ActionJson, ButtonJson, IconJson, OnClickJson, OpenLinkJson } from '../card-json';
import { memberName } from '../enums';

/** Building blocks shared by the fake's widgets: checks, printJson, actions, links, buttons, icons. */

export class CardServiceError extends Error {
  override readonly name = 'CardServiceError';
}
export const need = (ok: unknown, message: string): void => {
  if (!ok) throw new CardServiceError(message);
};
export function printable<T extends object>(json: T): T & { printJson(): string } {
  Object.defineProperty(json, 'printJson', { value: () => JSON.stringify(json, null, 2), enumerable: false });
  return json as T & { printJson(): string };
}
/** The JSON name of a CardService enum member; throws, as Apps Script does, for anything else (a bare string). */
export const cardEnum = <K extends string>(value: unknown, enumName: string, method: string): K => memberName<K>(value, 'CardService', enumName, `CardService.${method}`);

/** Anything the fake can turn into JSON. */
export interface Jsonable<J> {
  toJson(): J;
}

export class FakeAction implements CS.Action, Jsonable<ActionJson> {
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
  setLoadIndicator(indicator: CS.EnumValue<'LoadIndicator', CS.LoadIndicatorName>) {
    this.indicator = cardEnum(indicator, 'LoadIndicator', 'Action.setLoadIndicator');
    return this;
  }
  toJson(): ActionJson {
    need(this.fn, 'Action needs a function name');
    const json: ActionJson = { function: this.fn, parameters: Object.entries(this.params).map(([key, value]) => ({ key, value })) };
    if (this.indicator) json.loadIndicator = this.indicator;
    return json;
  }
}

export class FakeOpenLink implements CS.OpenLink, Jsonable<OpenLinkJson> {
  private json: Partial<OpenLinkJson> = {};
  setUrl(url: string) {
    this.json.url = url;
    return this;
  }
  setOpenAs(openAs: CS.EnumValue<'OpenAs', CS.OpenAsName>) {
    this.json.openAs = cardEnum(openAs, 'OpenAs', 'OpenLink.setOpenAs');
    return this;
  }
  setOnClose(onClose: CS.EnumValue<'OnClose', CS.OnCloseName>) {
    this.json.onClose = cardEnum(onClose, 'OnClose', 'OpenLink.setOnClose');
    return this;
  }
  toJson(): OpenLinkJson {
    need(this.json.url && /^https?:\/\//.test(this.json.url), `OpenLink needs an http(s) URL, got "${this.json.url ?? ''}"`);
    return { ...this.json } as OpenLinkJson;
  }
}

export abstract class ClickableBase<T> {
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

export const BUTTON_TYPES: Record<CS.TextButtonStyleName, ButtonJson['type']> = { OUTLINED: 'OUTLINED', TEXT: 'BORDERLESS', FILLED: 'FILLED', FILLED_TONAL: 'FILLED_TONAL', BORDERLESS: 'BORDERLESS' };

export class FakeTextButton extends ClickableBase<CS.TextButton> implements CS.TextButton, Jsonable<ButtonJson> {
  private text = '';
  private style?: CS.TextButtonStyleName;
  private disabled = false;
  private alt?: string;
  setText(text: string) {
    this.text = text;
    return this;
  }
  setTextButtonStyle(style: CS.EnumValue<'TextButtonStyle', CS.TextButtonStyleName>) {
    this.style = cardEnum(style, 'TextButtonStyle', 'TextButton.setTextButtonStyle');
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

export class FakeIconImage implements CS.IconImage, Jsonable<IconJson> {
  private json: IconJson = {};
  setIcon(icon: CS.EnumValue<'Icon', CS.KnownIconName>) {
    this.json = { ...this.json, knownIcon: cardEnum(icon, 'Icon', 'IconImage.setIcon') };
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

export class FakeSwitch implements CS.Switch {
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
  setControlType(type: CS.EnumValue<'SwitchControlType', CS.SwitchControlTypeName>) {
    this.type = cardEnum(type, 'SwitchControlType', 'Switch.setControlType');
    return this;
  }
}

