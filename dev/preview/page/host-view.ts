import type { Host, HostFile, Session } from '../preview-contract';
import { h, svg } from './dom';
import { DOCS_MARK, DRIVE_MARK } from './icons';

const DOC_MIME = 'application/vnd.google-apps.document';

/** Where the panel is open: Drive (with a selection) or Docs (with an open Doc). */
export interface HostState {
  app: 'DRIVE' | 'DOCS';
  docId?: string;
  selectedIds: string[];
}

export function hostOf(s: HostState): Host {
  return s.app === 'DOCS' ? { app: 'DOCS', docId: s.docId } : { app: 'DRIVE', selectedIds: s.selectedIds };
}

export const docsOf = (files: HostFile[]) => files.filter((f) => f.mimeType === DOC_MIME).sort((a, b) => a.name.localeCompare(b.name));

/** The top bar: which app hosts the panel, the open Doc in Docs, who is signed in. */
export function topBar(session: Session, state: HostState, on: { app(app: HostState['app']): void; doc(id: string): void }): HTMLElement {
  const hostButton = (app: HostState['app'], label: string, mark: string) =>
    h('button', { type: 'button', 'aria-pressed': String(state.app === app), onclick: () => on.app(app) }, svg(mark.replace('<svg ', '<svg width="18" height="18" aria-hidden="true" ')), label);
  const select = h('select', { 'aria-label': 'Open Doc', onchange: (e) => on.doc((e.target as HTMLSelectElement).value) }, ...docsOf(session.files).map((f) => h('option', { value: f.id, selected: f.id === state.docId }, f.name)));
  const t = session.teacher;
  return h(
    'div',
    { class: 'topbar' },
    h('div', { class: 'brand' }, 'GradeBot', h('small', {}, 'sidebar preview · local')),
    h('div', { class: 'hosts', role: 'group', 'aria-label': 'Host app' }, hostButton('DRIVE', 'Google Drive', DRIVE_MARK), hostButton('DOCS', 'Google Docs', DOCS_MARK)),
    state.app === 'DOCS' ? h('label', { class: 'docpick' }, 'Open Doc', select) : undefined,
    h('div', { class: 'spacer' }),
    h('div', { class: 'user', title: t.email }, h('span', {}, t.email), h('span', { class: 'avatar', 'aria-hidden': 'true' }, t.name.slice(0, 1).toUpperCase())),
  );
}

/** The app's own content: Drive's file list (select files to run onItemsSelected) or the open Doc. */
export function hostContent(session: Session, state: HostState, on: { select(ids: string[]): void }): HTMLElement {
  if (state.app === 'DOCS') {
    const src = state.docId ? `${session.driveUrl}/document/d/${encodeURIComponent(state.docId)}/edit` : 'about:blank';
    return h('div', { class: 'content' }, h('iframe', { class: 'content-frame', src, title: 'Open Doc', 'data-host': 'doc' }));
  }
  const selected = new Set(state.selectedIds);
  const rows = session.files.map((f) => {
    const box = h('input', { type: 'checkbox', value: f.id, checked: selected.has(f.id), 'aria-label': `Select ${f.name}` });
    box.addEventListener('change', () => {
      if (box.checked) selected.add(f.id);
      else selected.delete(f.id);
      on.select([...selected]);
    });
    return h('tr', { class: selected.has(f.id) ? 'selected' : '' }, h('td', {}, h('label', {}, box, f.name)), h('td', {}, f.owner), h('td', {}, new Date(f.modifiedTime).toLocaleDateString()), h('td', {}, f.granted ? 'GradeBot can open' : ''));
  });
  return h(
    'div',
    { class: 'content' },
    h(
      'div',
      { class: 'filelist', 'data-host': 'drive' },
      h('h2', {}, 'My Drive'),
      h('p', {}, 'The local Drive stand-in. Tick files to select them in Drive: the side panel shows what GradeBot can do with them.'),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Owner'), h('th', {}, 'Modified'), h('th', {}, 'Access'))), h('tbody', {}, ...rows)),
    ),
  );
}
