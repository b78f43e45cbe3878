/**
 * Card text as Workspace renders it: a small HTML subset (<b>, <i>, <u>, <s>, <br>, <font color>,
 * <a href>). Everything else is shown as text, so nothing the add-on (or a student) wrote can run.
 */

const INLINE: Record<string, string> = { b: 'b', strong: 'b', i: 'i', em: 'i', u: 'u', s: 's', strike: 's', del: 's' };
const COLOR = /^#[0-9a-f]{3}([0-9a-f]{3})?$|^[a-z]{3,20}$/i;

function convert(node: Node, out: Node): void {
  for (const child of [...node.childNodes]) {
    if (child.nodeType === Node.TEXT_NODE) {
      out.appendChild(document.createTextNode(child.textContent ?? ''));
      continue;
    }
    if (!(child instanceof Element)) continue;
    const tag = child.tagName.toLowerCase();
    let el: HTMLElement | undefined;
    if (tag === 'br') {
      out.appendChild(document.createElement('br'));
      continue;
    } else if (INLINE[tag]) {
      el = document.createElement(INLINE[tag]!);
    } else if (tag === 'font') {
      el = document.createElement('span');
      const color = child.getAttribute('color') ?? '';
      if (COLOR.test(color)) el.style.color = color;
    } else if (tag === 'a') {
      const href = child.getAttribute('href') ?? '';
      if (/^https?:\/\//i.test(href)) {
        const a = document.createElement('a');
        a.href = href;
        a.target = '_blank';
        a.rel = 'noopener';
        el = a;
      }
    }
    // Unknown tags keep their text, without the tag.
    convert(child, el ? out.appendChild(el) : out);
  }
}

/** The card text as DOM nodes. */
export function cardText(html: string): DocumentFragment {
  const parsed = new DOMParser().parseFromString(`<!DOCTYPE html><body>${html}`, 'text/html');
  const frag = document.createDocumentFragment();
  convert(parsed.body, frag);
  return frag;
}

/** The same text without markup (for alt texts and titles). */
export function plainText(html: string): string {
  return cardText(html).textContent ?? '';
}
