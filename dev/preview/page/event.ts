import type { CommonEvent } from '../preview-contract';

/** The values a client sends for the widgets of `root`: text as typed, the checked items; empty ones left out. */
export function formInputsOf(root: ParentNode): NonNullable<CommonEvent['formInputs']> {
  const values = new Map<string, string[]>();
  const add = (name: string, v: string) => values.set(name, [...(values.get(name) ?? []), v]);
  for (const el of root.querySelectorAll<HTMLElement>('[data-input]')) {
    const name = el.dataset.input!;
    if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
      if (el.checked) add(name, el.value);
    } else if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) {
      if (el.value !== '') add(name, el.value);
    }
  }
  return Object.fromEntries([...values].map(([k, v]) => [k, { stringInputs: { value: v } }]));
}

/** The browser's time zone and its offset from UTC now, in milliseconds (as the event object carries it). */
export function browserTimeZone(now = new Date()): CommonEvent['timeZone'] {
  const id = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return { id, offset: -now.getTimezoneOffset() * 60_000 };
}

/** commonEventObject for one execution. */
export function commonEvent(o: { hostApp: 'DRIVE' | 'DOCS'; parameters?: Record<string, string>; formInputs?: CommonEvent['formInputs'] }): CommonEvent {
  const e: CommonEvent = { hostApp: o.hostApp, platform: 'WEB', timeZone: browserTimeZone(), userLocale: navigator.language || 'en' };
  if (o.formInputs && Object.keys(o.formInputs).length > 0) e.formInputs = o.formInputs;
  if (o.parameters) e.parameters = o.parameters;
  return e;
}
