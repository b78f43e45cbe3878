import type { CardJson, SectionJson } from '../../apps-script-fakes/card-json';
import { cardText } from './card-text';
import { h } from './dom';
import { renderButton, renderWidget, type WidgetHandlers } from './render-widgets';

export interface CardHandlers extends WidgetHandlers {
  /** The header's back arrow (only when there is a card underneath). */
  back?: () => void;
}

function section(s: SectionJson, on: WidgetHandlers): HTMLElement {
  const widgets = s.widgets.map((w) => renderWidget(w, on));
  const el = h('section', { class: 'section' }, s.header ? h('div', { class: 'section-header', role: 'heading', 'aria-level': '3' }, cardText(s.header)) : undefined, ...widgets);
  const keep = s.uncollapsibleWidgetsCount ?? 0;
  if (s.collapsible && widgets.length > keep) {
    // Collapsed at first, as Workspace draws a collapsible section, with a toggle below it.
    const hidden = widgets.slice(keep);
    const toggle = h('button', { type: 'button', class: 'btn BORDERLESS more', 'aria-expanded': 'false' }, 'Show more');
    const set = (open: boolean) => {
      for (const w of hidden) w.classList.toggle('collapsed', !open);
      toggle.textContent = open ? 'Show less' : 'Show more';
      toggle.setAttribute('aria-expanded', String(open));
    };
    toggle.addEventListener('click', () => set(toggle.getAttribute('aria-expanded') !== 'true'));
    set(false);
    el.append(toggle);
  }
  return el;
}

/**
 * A card as the side panel shows it: header, scrolling sections, fixed footer. Widget text and
 * section headers take Workspace's HTML subset (card-text.ts); header title and subtitle, button
 * texts and input labels are plain text.
 */
export function renderCard(card: CardJson, on: CardHandlers): HTMLElement {
  const header = card.header
    ? h(
        'header',
        { class: 'card-header' },
        on.back ? h('button', { type: 'button', class: 'icon-button back', 'aria-label': 'Back', title: 'Back', onclick: on.back }, '←') : undefined,
        // The header's title and subtitle are plain text in Workspace (no HTML): shown as typed.
        h('div', { class: 'titles' }, h('div', { class: 'title', role: 'heading', 'aria-level': '2' }, card.header.title), card.header.subtitle ? h('div', { class: 'subtitle' }, card.header.subtitle) : undefined),
      )
    : on.back
      ? h('header', { class: 'card-header' }, h('button', { type: 'button', class: 'icon-button back', 'aria-label': 'Back', onclick: on.back }, '←'))
      : undefined;
  const f = card.fixedFooter;
  const footer = f ? h('footer', { class: 'footer' }, f.secondaryButton ? renderButton({ type: 'OUTLINED', ...f.secondaryButton }, on) : undefined, renderButton({ type: 'FILLED', ...f.primaryButton }, on)) : undefined;
  return h('div', { class: 'card', 'data-card': card.name ?? '' }, header, h('div', { class: 'card-body' }, ...card.sections.map((s) => section(s, on))), footer);
}
