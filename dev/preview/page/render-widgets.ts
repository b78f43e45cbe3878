import type { ActionJson, ButtonJson, DecoratedTextJson, ImageJson, OnClickJson, SelectionInputJson, TextInputJson, WidgetJson } from '../../apps-script-fakes/card-json';
import { cardText, plainText } from './card-text';
import { h } from './dom';
import { iconFromUrl, knownIcon } from './icons';

/** What the widgets ask the side panel to do. */
export interface WidgetHandlers {
  /** A button, a clickable decorated text or image: run its action or open its link. */
  click(onClick: OnClickJson): void;
  /** A switch or selection with an onChangeAction changed. */
  change(action: ActionJson): void;
}

let uid = 0;
const nextId = () => `w${++uid}`;

export function renderButton(b: ButtonJson, on: WidgetHandlers): HTMLButtonElement {
  return h('button', { type: 'button', class: `btn ${b.type ?? 'FILLED_TONAL'}`, disabled: b.disabled === true, title: b.altText, onclick: (e) => (e.stopPropagation(), on.click(b.onClick)) }, b.text);
}

function decorated(d: DecoratedTextJson, on: WidgetHandlers): HTMLElement {
  const icon = d.startIcon ? h('span', { class: 'start-icon' }, d.startIcon.knownIcon ? knownIcon(d.startIcon.knownIcon) : iconFromUrl(d.startIcon.iconUrl ?? '', d.startIcon.altText ?? '')) : undefined;
  const body = h(
    'div',
    { class: `body${d.wrapText ? '' : ' nowrap'}` },
    d.topLabel ? h('div', { class: 'label top' }, cardText(d.topLabel)) : undefined,
    h('div', { class: 'main' }, cardText(d.text)),
    d.bottomLabel ? h('div', { class: 'label bottom' }, cardText(d.bottomLabel)) : undefined,
  );
  let end: HTMLElement | undefined;
  if (d.button) end = renderButton(d.button, on);
  if (d.switchControl) {
    const s = d.switchControl;
    const change = s.onChangeAction;
    end = h('input', {
      type: 'checkbox',
      class: s.controlType === 'SWITCH' ? 'switch' : '',
      role: s.controlType === 'SWITCH' ? 'switch' : undefined,
      'aria-label': plainText(d.text),
      'data-input': s.name,
      value: s.value,
      checked: s.selected,
      onchange: () => change && on.change(change),
    });
  }
  const row = h('div', { class: 'widget decorated' }, icon, body, end);
  const click = d.onClick;
  if (click) {
    row.classList.add('clickable');
    row.setAttribute('role', 'button');
    row.tabIndex = 0;
    row.addEventListener('click', () => on.click(click));
    row.addEventListener('keydown', (e) => e.key === 'Enter' && on.click(click));
  }
  return row;
}

function textInput(t: TextInputJson): HTMLElement {
  const id = nextId();
  const attrs = { id, name: t.name, 'data-input': t.name, placeholder: '' };
  const control = t.type === 'MULTIPLE_LINE' ? h('textarea', attrs) : h('input', { ...attrs, type: 'text' });
  control.value = t.value ?? '';
  return h('div', { class: 'widget' }, h('div', { class: 'field' }, h('label', { for: id }, t.label), control), t.hintText ? h('div', { class: 'hint' }, t.hintText) : undefined);
}

function selection(s: SelectionInputJson, on: WidgetHandlers): HTMLElement {
  const change = () => s.onChangeAction && on.change(s.onChangeAction);
  if (s.type === 'DROPDOWN') {
    const id = nextId();
    const select = h('select', { id, name: s.name, 'data-input': s.name, onchange: change }, ...s.items.map((i) => h('option', { value: i.value, selected: i.selected }, i.text)));
    return h('div', { class: 'widget' }, h('div', { class: 'field' }, h('label', { for: id }, s.label), select));
  }
  const group = nextId();
  const type = s.type === 'RADIO_BUTTON' ? 'radio' : 'checkbox';
  const rows = s.items.map((i) =>
    h(
      'label',
      {},
      h('input', { type, name: type === 'radio' ? group : s.name, class: s.type === 'SWITCH' ? 'switch' : '', role: s.type === 'SWITCH' ? 'switch' : undefined, 'data-input': s.name, value: i.value, checked: i.selected, onchange: change }),
      h('span', {}, i.text),
    ),
  );
  return h('div', { class: 'widget choices', role: type === 'radio' ? 'radiogroup' : 'group', 'aria-label': s.label }, h('div', { class: 'title' }, s.label), ...rows);
}

function image(i: ImageJson, on: WidgetHandlers): HTMLElement {
  const click = i.onClick;
  return h('div', { class: `widget image${click ? ' clickable' : ''}`, onclick: click ? () => on.click(click) : undefined }, h('img', { src: i.imageUrl, alt: i.altText ?? '' }));
}

/** One google.apps.card.v1 widget as the side panel draws it. */
export function renderWidget(w: WidgetJson, on: WidgetHandlers): HTMLElement {
  if ('textParagraph' in w) return h('div', { class: 'widget text' }, cardText(w.textParagraph.text));
  if ('decoratedText' in w) return decorated(w.decoratedText, on);
  if ('buttonList' in w) return h('div', { class: 'widget buttons' }, ...w.buttonList.buttons.map((b) => renderButton(b, on)));
  if ('textInput' in w) return textInput(w.textInput);
  if ('selectionInput' in w) return selection(w.selectionInput, on);
  if ('image' in w) return image(w.image, on);
  if ('divider' in w) return h('div', { class: 'widget' }, h('hr', { class: 'divider' }));
  return h('div', { class: 'widget text' }, `(a widget the preview does not draw: ${Object.keys(w).join(', ')})`);
}
