import type * as CS from '../../../addon/platform/card-service';
import type { ButtonJson, DecoratedTextJson, ImageJson, SelectionInputJson, TextInputJson, WidgetJson } from '../card-json';
import { cardEnum, ClickableBase, type FakeAction, type FakeIconImage, type FakeSwitch, type FakeTextButton, need } from './common';

/** The widgets: each checks what Apps Script checks and renders its google.apps.card.v1 JSON. */

export abstract class FakeWidget<J extends WidgetJson> {
  abstract toJson(): J;
}

export class FakeTextParagraph extends FakeWidget<{ textParagraph: { text: string } }> implements CS.TextParagraph {
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

export class FakeDecoratedText extends ClickableBase<CS.DecoratedText> implements CS.DecoratedText {
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

export class FakeButtonSet extends FakeWidget<{ buttonList: { buttons: ButtonJson[] } }> implements CS.ButtonSet {
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

export class FakeTextInput extends FakeWidget<{ textInput: TextInputJson }> implements CS.TextInput {
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

export class FakeSelectionInput extends FakeWidget<{ selectionInput: SelectionInputJson }> implements CS.SelectionInput {
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
  setType(type: CS.EnumValue<'SelectionInputType', CS.SelectionInputTypeName>) {
    this.json.type = cardEnum(type, 'SelectionInputType', 'SelectionInput.setType');
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

export class FakeImage extends ClickableBase<CS.Image> implements CS.Image {
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

export class FakeDivider extends FakeWidget<{ divider: Record<string, never> }> implements CS.Divider {
  readonly __divider = true as const;
  toJson() {
    return { divider: {} };
  }
}

