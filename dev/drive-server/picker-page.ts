import type { DriveFile } from './drive-store';
import { DOC_ICON, escapeHtml, page, scriptJson, shortDate } from './html';

/** What the Picker page needs to render one user's view. */
export interface PickerView {
  token: string;
  userEmail: string;
  docs: DriveFile[];
  maxItems: number;
  title: string;
  callbackUrl?: string;
  /** postMessage target origin; "*" when not given. */
  origin: string;
  state?: string;
}

const CSS = `
body { background: rgba(0,0,0,.45); display: flex; justify-content: center; align-items: flex-start; min-height: 100vh; }
.picker { background: #fff; width: min(760px, 100vw); margin-top: 40px; border-radius: 8px; box-shadow: 0 4px 24px rgba(0,0,0,.3); display: flex; flex-direction: column; max-height: calc(100vh - 80px); }
.picker header { display: flex; align-items: center; padding: 16px 20px 8px; }
.picker header h1 { font-size: 20px; font-weight: 400; margin: 0; flex: 1; }
.close { border: 0; background: none; font-size: 22px; cursor: pointer; color: #5f6368; }
.tabs { padding: 0 20px; border-bottom: 1px solid #dadce0; font-size: 14px; }
.tab { display: inline-block; padding: 10px 4px; border-bottom: 3px solid #1a73e8; color: #1a73e8; }
.search { padding: 12px 20px; }
.search input { width: 100%; box-sizing: border-box; padding: 10px 14px; border: 0; border-radius: 8px; background: #f1f3f4; font-size: 15px; }
.list { overflow: auto; flex: 1; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th { text-align: left; font-weight: 500; color: #5f6368; padding: 8px; border-bottom: 1px solid #dadce0; position: sticky; top: 0; background: #fff; }
td { padding: 8px; border-bottom: 1px solid #f1f3f4; }
tr.file { cursor: pointer; }
tr.file:hover { background: #f8f9fa; }
tr.file.selected { background: #e8f0fe; }
tr.file.disabled { opacity: .5; cursor: not-allowed; }
td.name label { display: flex; align-items: center; gap: 10px; cursor: inherit; }
.none { padding: 24px; color: #5f6368; }
.picker footer { display: flex; align-items: center; gap: 8px; padding: 12px 20px; border-top: 1px solid #dadce0; }
.status { flex: 1; font-size: 13px; color: #5f6368; }
.status.limit, .status.error { color: #d93025; }
button.primary { background: #1a73e8; color: #fff; border: 0; border-radius: 4px; padding: 8px 22px; font-size: 14px; cursor: pointer; }
button.primary:disabled { background: #dadce0; color: #80868b; cursor: default; }
button.secondary { background: #fff; color: #1a73e8; border: 1px solid #dadce0; border-radius: 4px; padding: 8px 22px; font-size: 14px; cursor: pointer; }
`;

function rows(view: PickerView): string {
  if (view.docs.length === 0) return '<tr><td colspan="4" class="none">No Google Docs in your Drive.</td></tr>';
  return view.docs
    .map((d, i) => {
      const owner = d.owner.email.toLowerCase() === view.userEmail.toLowerCase() ? 'me' : d.owner.name;
      return `<tr class="file" data-id="${escapeHtml(d.id)}" data-name="${escapeHtml(d.name.toLowerCase())}">
<td><input type="checkbox" id="f${i}" value="${escapeHtml(d.id)}"></td>
<td class="name"><label for="f${i}">${DOC_ICON}<span>${escapeHtml(d.name)}</span></label></td>
<td>${escapeHtml(owner)}</td><td>${escapeHtml(shortDate(d.modifiedTime))}</td></tr>`;
    })
    .join('\n');
}

// The browser side: selection with a limit, search, and handing the result back (see README).
const SCRIPT = `
const cfg = JSON.parse(document.getElementById('picker-config').textContent);
const boxes = [...document.querySelectorAll('tr.file input')];
const selectBtn = document.getElementById('select');
const status = document.getElementById('status');
function tell(message) {
  for (const w of [window.parent !== window ? window.parent : null, window.opener]) if (w) w.postMessage(message, cfg.origin);
}
function refresh() {
  const chosen = boxes.filter((b) => b.checked);
  const full = chosen.length >= cfg.maxItems;
  for (const b of boxes) {
    b.disabled = full && !b.checked;
    b.closest('tr').classList.toggle('selected', b.checked);
    b.closest('tr').classList.toggle('disabled', b.disabled);
  }
  selectBtn.disabled = chosen.length === 0;
  status.className = 'status' + (full ? ' limit' : '');
  status.textContent = full ? 'You can select up to ' + cfg.maxItems + ' items.' : chosen.length + ' selected';
}
for (const b of boxes) b.addEventListener('change', refresh);
for (const tr of document.querySelectorAll('tr.file')) tr.addEventListener('click', (e) => {
  if (e.target.closest('input, label')) return;
  const b = tr.querySelector('input');
  if (!b.disabled) { b.checked = !b.checked; refresh(); }
});
document.getElementById('search').addEventListener('input', (e) => {
  const q = e.target.value.trim().toLowerCase();
  for (const tr of document.querySelectorAll('tr.file')) tr.hidden = q !== '' && !tr.dataset.name.includes(q);
});
async function send(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + cfg.token }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(json.error && json.error.message || res.statusText);
  return json;
}
async function finish(path, body) {
  for (const b of document.querySelectorAll('button')) b.disabled = true;
  try {
    const result = await send(path, { ...body, maxItems: cfg.maxItems, callbackUrl: cfg.callbackUrl, state: cfg.state });
    tell(result);
    document.body.dataset.done = result.action;
    status.className = 'status';
    status.textContent = result.action === 'picked' ? 'Selected ' + result.docs.length + ' document(s). You can close this window.' : 'Cancelled.';
  } catch (err) {
    status.className = 'status error';
    status.textContent = 'Could not finish: ' + err.message;
    for (const b of document.querySelectorAll('button')) b.disabled = false;
    refresh();
  }
}
selectBtn.addEventListener('click', () => finish('/picker/select', { fileIds: boxes.filter((b) => b.checked).map((b) => b.value) }));
document.getElementById('cancel').addEventListener('click', () => finish('/picker/cancel', {}));
document.getElementById('close').addEventListener('click', () => finish('/picker/cancel', {}));
refresh();
tell({ action: 'loaded' });
`;

/** The Picker stand-in: the user's Google Docs, multi-select up to `maxItems`. */
export function pickerPage(view: PickerView): string {
  const config = { token: view.token, maxItems: view.maxItems, callbackUrl: view.callbackUrl, origin: view.origin, state: view.state };
  const body = `<div class="picker" role="dialog" aria-label="${escapeHtml(view.title)}">
<header><h1>${escapeHtml(view.title)}</h1><button id="close" class="close" aria-label="Close">×</button></header>
<div class="tabs"><span class="tab">Google Docs</span></div>
<div class="search"><input id="search" type="search" placeholder="Search in Drive" aria-label="Search in Drive"></div>
<div class="list"><table><thead><tr><th></th><th>Name</th><th>Owner</th><th>Last modified</th></tr></thead>
<tbody>
${rows(view)}
</tbody></table></div>
<footer><span id="status" class="status" aria-live="polite"></span>
<button id="select" class="primary" disabled>Select</button><button id="cancel" class="secondary">Cancel</button></footer>
</div>
<script type="application/json" id="picker-config">${scriptJson(config)}</script>
<script>${SCRIPT}</script>`;
  return page(view.title, CSS, body);
}

/** Shown instead of the Picker when the page was opened without a valid token. */
export function pickerSignInPage(reason: string): string {
  const body = `<div class="picker" role="alertdialog"><header><h1>Sign-in required</h1></header>
<p class="none">${escapeHtml(reason)} Open the Picker with <code>?oauthToken=</code> a token from the local Drive (<code>issueOAuthToken(email)</code> or <code>POST /_dev/tokens</code>).</p></div>`;
  return page('Sign-in required', CSS, body);
}
