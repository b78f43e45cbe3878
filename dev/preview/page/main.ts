import type { Session } from '../preview-contract';
import { h } from './dom';
import { docsOf, hostContent, hostOf, type HostState, topBar } from './host-view';
import { loadSession } from './server-api';
import { Sidebar } from './sidebar';

// The sidebar preview page: a Workspace window (Drive or Docs) with GradeBot's side panel.
// ?host=docs&doc=<id> opens it in Docs on that Doc; the state is kept in the address bar.

async function boot(root: HTMLElement): Promise<void> {
  let session: Session = await loadSession();
  const params = new URLSearchParams(location.search);
  const state: HostState = { app: params.get('host') === 'docs' ? 'DOCS' : 'DRIVE', docId: params.get('doc') ?? docsOf(session.files)[0]?.id, selectedIds: [] };

  const sidebar = new Sidebar({
    session,
    host: () => hostOf(state),
    fileName: (id) => session.files.find((f) => f.id === id)?.name ?? 'this file',
    afterRun: () => void refreshHost(),
  });
  const top = h('div', { style: 'display:contents' });
  const content = h('div', { style: 'display:contents' });

  const drawTop = () => top.replaceChildren(topBar(session, state, { app: (app) => void switchTo({ app }), doc: (docId) => void switchTo({ docId }) }));
  const drawContent = () => content.replaceChildren(hostContent(session, state, { select: (ids) => ((state.selectedIds = ids), void sidebar.open()) }));
  const remember = () => {
    const q = new URLSearchParams(location.search);
    q.set('host', state.app.toLowerCase());
    if (state.app === 'DOCS' && state.docId) q.set('doc', state.docId);
    else q.delete('doc');
    history.replaceState(null, '', `?${q}`);
  };
  // The add-on may have granted files or changed the open Doc: show the host's current state.
  const refreshHost = async () => {
    session = { ...session, files: (await loadSession()).files };
    const frame = content.querySelector('iframe');
    // The Doc is on the local Drive's origin: reload it by setting its address again.
    if (state.app === 'DOCS' && frame) frame.src = frame.src;
    else drawContent();
  };
  const switchTo = async (change: Partial<HostState>) => {
    Object.assign(state, change, { selectedIds: [] });
    remember();
    drawTop();
    drawContent();
    await sidebar.open();
  };

  root.replaceChildren(top, h('div', { class: 'workspace' }, content, sidebar.el));
  drawTop();
  drawContent();
  remember();
  root.removeAttribute('aria-busy');
  await sidebar.open();
}

const root = document.getElementById('app')!;
boot(root).catch((err: unknown) => {
  root.replaceChildren(h('p', { class: 'boot' }, `The preview could not start: ${err instanceof Error ? err.message : String(err)}`));
});
