import type * as CS from '../../../addon/platform/card-service';
import type { ActionJson, ButtonJson, IconJson, OnClickJson, OpenLinkJson } from '../card-json';

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
export const enumOf = <K extends string>(...keys: K[]) => Object.freeze(Object.fromEntries(keys.map((k) => [k, k]))) as { readonly [k in K]: k };

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

export class FakeOpenLink implements CS.OpenLink, Jsonable<OpenLinkJson> {
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

export class FakeIconImage implements CS.IconImage, Jsonable<IconJson> {
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
  setControlType(type: CS.SwitchControlTypeName) {
    this.type = type;
    return this;
  }
}

