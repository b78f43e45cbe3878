import { h } from './dom';

/** The overlay window's name: one at a time, as in Workspace. */
export const OVERLAY_WINDOW = 'gradebot-overlay';

/**
 * A link opened with OpenAs.OVERLAY: Workspace opens it in a window of its own over the app (a
 * pop-up) and, with OnClose.RELOAD, blocks the add-on until that window is closed, then reloads it.
 * Here too: a real pop-up window, watched until it closes — because the page in it closed it as the
 * top window (`window.top.close()`, what works in production), the teacher closed it, or "Close
 * window" on the notice over the app. A page's own `window.close()` in a framed web app does
 * nothing, as in Apps Script.
 */
export function openOverlay(url: string, onClosed: () => void): { close(): void } {
  let win: Window | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  const finish = () => {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    root.remove();
    onClosed();
  };
  const status = h('p', {});
  const reopen = h('button', { type: 'button', class: 'btn OUTLINED', onclick: () => open() }, 'Open the window');
  const close = () => {
    if (win && !win.closed) win.close();
    finish();
  };
  const root = h(
    'div',
    { class: 'overlay', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Add-on window', 'data-overlay': 'link', 'data-url': url },
    h('div', { class: 'consent' }, h('h2', {}, 'A window is open'), status, h('div', { class: 'buttons' }, reopen, h('button', { type: 'button', class: 'btn FILLED', onclick: close }, 'Close window'))),
  );
  function open(): void {
    const w = Math.min(980, screen.availWidth - 40);
    const hgt = Math.min(720, screen.availHeight - 40);
    win = window.open(url, OVERLAY_WINDOW, `popup,width=${w},height=${hgt},left=${Math.max(0, (screen.availWidth - w) / 2)},top=${Math.max(0, (screen.availHeight - hgt) / 2)}`);
    if (!win) {
      // A blocked pop-up: the teacher's click opens it (a click is what pop-up blockers allow).
      status.textContent = 'Your browser blocked the window the add-on opened. Open it here; the add-on reloads when it closes.';
      reopen.hidden = false;
      return;
    }
    win.focus();
    status.textContent = 'The add-on opened a window. Finish there: the add-on reloads when the window closes.';
    reopen.hidden = true;
    clearInterval(timer);
    timer = setInterval(() => win?.closed && finish(), 250);
  }
  document.body.append(root);
  open();
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
