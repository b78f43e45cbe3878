import { h } from './dom';

let current: { el: HTMLElement; timer: ReturnType<typeof setTimeout> } | undefined;

/** Take the notification down (the next action's answer replaces it, as in Workspace). */
export function hideToast(): void {
  if (!current) return;
  clearTimeout(current.timer);
  current.el.remove();
  current = undefined;
}

/** A notification at the bottom of the side panel, as CardService.Notification shows; replaces the last one. */
export function showToast(panel: HTMLElement, text: string, error = false): void {
  hideToast();
  const el = h('div', { class: `toast${error ? ' error' : ''}`, role: error ? 'alert' : 'status' }, h('span', { class: 'msg' }, text), h('button', { type: 'button', onclick: hideToast }, 'Dismiss'));
  panel.append(el);
  current = { el, timer: setTimeout(hideToast, error ? 12_000 : 6_000) };
}

/** When the add-on could not draw a card at all: Workspace's "could not load" panel, with the reason. */
export function showFailure(slot: HTMLElement, message: string): void {
  slot.replaceChildren(h('div', { class: 'failure', role: 'alert' }, h('h2', {}, 'The add-on could not be loaded'), h('pre', {}, message)));
}
