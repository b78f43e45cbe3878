import type * as CS from '../../../addon/platform/card-service';
import type { CardHeaderJson, CardJson, SectionJson, WidgetJson } from '../card-json';
import { cardEnum, type FakeTextButton, type Jsonable, need, printable } from './common';

/** Cards: header, sections, fixed footer, and the builder whose build() returns card JSON. */

export class FakeCardHeader implements CS.CardHeader, Jsonable<CardHeaderJson> {
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
  setImageStyle(style: CS.EnumValue<'ImageStyle', CS.ImageStyleName>) {
    this.json.imageType = cardEnum(style, 'ImageStyle', 'CardHeader.setImageStyle');
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

export class FakeCardSection implements CS.CardSection, Jsonable<SectionJson> {
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

export class FakeFixedFooter implements CS.FixedFooter {
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

export class FakeCardBuilder implements CS.CardBuilder {
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

