import { h } from './dom';

/**
 * A link opened with OpenAs.OVERLAY: Workspace opens it in a window over the app and, with
 * OnClose.RELOAD, reloads the add-on when it closes. Here it is a framed window; a page inside
 * closes it with window.close() (the HtmlService shim turns that into a message) or the ✕ button.
 */
export function openOverlay(url: string, onClosed: () => void): { close(): void } {
  const frame = h('iframe', { src: url, title: 'Add-on window' });
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    window.removeEventListener('message', onMessage);
    root.remove();
    onClosed();
  };
  const onMessage = (e: MessageEvent) => {
    const data = e.data as { gradebotPreview?: string } | null;
    if (e.origin === location.origin && e.source === frame.contentWindow && data?.gradebotPreview === 'close') close();
  };
  const root = h(
    'div',
    { class: 'overlay', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Add-on window', 'data-overlay': 'link' },
    h('div', { class: 'overlay-window' }, h('div', { class: 'overlay-bar' }, h('span', { class: 'where' }, url), h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close window', title: 'Close', onclick: close }, '✕')), frame),
  );
  window.addEventListener('message', onMessage);
  document.body.append(root);
  return { close };
}

/**
 * A link opened in a new tab. With OnClose.RELOAD the add-on reloads when the tab closes, so keep
 * the window handle and watch it (without a handle, e.g. a blocked popup, nothing reloads).
 */
export function openTab(url: string, onClosed?: () => void): void {
  const w = window.open(url, '_blank');
  if (!w || !onClosed) return;
  const timer = setInterval(() => {
    if (w.closed) {
      clearInterval(timer);
      onClosed();
    }
  }, 500);
}

/** Google's consent prompt for drive.file access to one file; resolves true when the teacher allows. */
export function askFileAccess(addonName: string, fileName: string): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      root.remove();
      resolve(ok);
    };
    const root = h(
      'div',
      { class: 'overlay', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Allow access', 'data-overlay': 'consent' },
      h(
        'div',
        { class: 'consent' },
        h('h2', {}, `Allow ${addonName} to access “${fileName}”?`),
        h('p', {}, `${addonName} will be able to see and edit this file. It gets no access to your other files.`),
        h('div', { class: 'buttons' }, h('button', { type: 'button', class: 'btn BORDERLESS', onclick: () => done(false) }, 'Cancel'), h('button', { type: 'button', class: 'btn FILLED', onclick: () => done(true) }, 'Allow')),
      ),
    );
    document.body.append(root);
  });
}
