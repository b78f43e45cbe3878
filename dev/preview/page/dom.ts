/** A tiny element builder: the page is small enough not to need a framework. */

type Child = Node | string | undefined | null | false;
type Attrs = Record<string, string | boolean | undefined | ((e: Event) => void)>;

/** `h('button', {class: 'btn', onclick: f}, 'Save')`; `false`/`undefined` attributes and children are skipped. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  for (const c of children) if (c !== undefined && c !== null && c !== false) el.append(c);
  return el;
}

/** Markup for inline SVG icons (trusted constants only). */
export function svg(markup: string): Element {
  const t = document.createElement('template');
  t.innerHTML = markup.trim();
  return t.content.firstElementChild!;
}
