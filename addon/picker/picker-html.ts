import { GOOGLE_DOC_MIME_TYPE } from '../../shared/api';

export interface PickerPageOptions {
  apiKey: string;
  appId: string;
  oauthToken: string;
  /** How many more Docs the draft can take (the Picker's maxItems). */
  maxItems: number;
  googleApiJsUrl: string;
}

// JSON inside <script>: "<" escaped so no value can close the tag.
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

/**
 * The Picker page: Google Picker over the teacher's Drive, Google Docs only, multi-select, at most
 * `maxItems`. Picking grants the add-on drive.file access to those Docs; the choice goes back to the
 * script with google.script.run.savePickerSelection and the window closes (the add-on then reloads,
 * OnClose.RELOAD).
 *
 * Closing: the page is a web app, which Apps Script serves in a sandboxed iframe inside its own
 * page on script.google.com, in the window Workspace opened for the OVERLAY link. `window.close()`
 * would address the iframe and do nothing; `google.script.host.close()` is for dialogs and sidebars
 * in Docs, Sheets and Forms, not web apps. The window is the top one: `window.top.close()`, as
 * Google's OAuth2 for Apps Script library closes its callback window. The sandbox allows that only
 * while the teacher's click in the Picker still counts as user activation (about five seconds), so
 * it is called as soon as the choice is saved, and a Close button (a fresh click) stays as fallback.
 */
export function pickerHtml(o: PickerPageOptions): string {
  const config = { apiKey: o.apiKey, appId: o.appId, oauthToken: o.oauthToken, maxItems: o.maxItems, mimeType: GOOGLE_DOC_MIME_TYPE };
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<base target="_top">
<title>Select student work</title>
<style>
  body { font-family: "Google Sans", Roboto, Arial, sans-serif; margin: 24px; color: #202124; }
  #status { font-size: 15px; }
  .error { color: #B3261E; }
  #close { margin-top: 16px; font: inherit; padding: 8px 24px; border: 0; border-radius: 20px; background: #0B57D0; color: #fff; cursor: pointer; }
</style>
</head>
<body>
<p id="status">Opening Google Drive…</p>
<button id="close" type="button" hidden onclick="closeWindow()">Close</button>
<script>
var CONFIG = ${scriptJson(config)};
function show(text, isError) {
  var el = document.getElementById('status');
  el.textContent = text;
  el.className = isError ? 'error' : '';
}
function closeWindow() {
  document.getElementById('close').hidden = false;
  try { window.top.close(); } catch (e) { /* not closable from here: the button stays */ }
}
function build() {
  var view = new google.picker.DocsView(google.picker.ViewId.DOCUMENTS)
    .setMimeTypes(CONFIG.mimeType)
    .setIncludeFolders(true)
    .setSelectFolderEnabled(false);
  var picker = new google.picker.PickerBuilder()
    .addView(view)
    .enableFeature(google.picker.Feature.MULTISELECT_ENABLED)
    .setMaxItems(CONFIG.maxItems)
    .setOAuthToken(CONFIG.oauthToken)
    .setDeveloperKey(CONFIG.apiKey)
    .setAppId(CONFIG.appId)
    .setTitle('Select up to ' + CONFIG.maxItems + ' student Docs')
    .setCallback(picked)
    .build();
  picker.setVisible(true);
}
function picked(data) {
  if (data.action === google.picker.Action.PICKED) {
    var docs = data.docs.map(function (d) { return { id: d.id, name: d.name, url: d.url, mimeType: d.mimeType }; });
    show('Saving your choice…');
    google.script.run
      .withSuccessHandler(function (r) { show(r.message + ' You can close this window.'); closeWindow(); })
      .withFailureHandler(function () { show('GradeBot could not save your choice. Close this window and try again.', true); })
      .savePickerSelection(docs);
  } else if (data.action === google.picker.Action.CANCEL) {
    show('Nothing chosen. You can close this window.');
    closeWindow();
  }
}
function start() {
  if (CONFIG.maxItems < 1) { show('You have already chosen 35 Docs, the most for one assignment. Remove some in the form first.', true); return; }
  gapi.load('picker', { callback: build });
}
</script>
<script src="${o.googleApiJsUrl.replace(/"/g, '&quot;')}" onload="start()" onerror="show('Google Drive could not be loaded. Check your connection and try again.', true)"></script>
</body>
</html>`;
}

/** The page for any other visit to the web app URL, and for a deployment without Picker keys. */
export function messageHtml(title: string, message: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body style="font-family: Arial, sans-serif; margin: 24px"><h1 style="font-size: 18px">${esc(title)}</h1><p>${esc(message)}</p></body></html>`;
}
