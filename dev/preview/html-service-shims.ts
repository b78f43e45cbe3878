/**
 * What Google's servers add around an add-on's web pages, for the preview:
 *
 * - The web app's outer page: Apps Script serves `doGet`'s HTML in a sandboxed iframe inside its
 *   own page on script.google.com ({@link webAppPage}). The page in the frame can close the window
 *   only as the top one (`window.top.close()`, allowed by the sandbox while the user's click still
 *   counts); its own `window.close()` does nothing, as in Apps Script. Nothing here rewrites it.
 * - `google.script.run` / `google.script.host` in every HtmlService page. Calls POST to the preview,
 *   which runs the named function of Code.js as the signed-in user. `google.script.host` serves
 *   dialogs and sidebars in Docs, Sheets and Forms; a web app cannot close its window with it.
 * - `gapi` + `google.picker` (what https://apis.google.com/js/api.js loads): a PickerBuilder whose
 *   picker is the local Drive's Picker stand-in in a full-window frame, answering the callback with
 *   Google's `{action, docs}` data.
 */

// JSON in a <script>: no value may close the tag.
const js = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

/** The `<script>` the preview puts first in an HtmlService page's `<head>`. */
export function scriptRunShim(runUrl: string): string {
  return `<script>(function () {
  var RUN_URL = ${js(runUrl)};
  function call(name, args, success, failure, userObject) {
    fetch(RUN_URL, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fn: name, args: args }) })
      .then(function (r) { return r.json(); })
      .then(function (r) {
        if (r.ok) { if (success) success(r.value, userObject); return; }
        var err = new Error(r.error.message); err.name = r.error.name;
        if (failure) failure(err, userObject); else console.error(err);
      })
      .catch(function (e) { if (failure) failure(e, userObject); else console.error(e); });
  }
  function runner(success, failure, userObject) {
    return new Proxy({}, { get: function (_t, name) {
      if (name === 'withSuccessHandler') return function (f) { return runner(f, failure, userObject); };
      if (name === 'withFailureHandler') return function (f) { return runner(success, f, userObject); };
      if (name === 'withUserObject') return function (o) { return runner(success, failure, o); };
      if (typeof name !== 'string' || name === 'then') return undefined;
      return function () { call(name, Array.prototype.slice.call(arguments), success, failure, userObject); };
    } });
  }
  function notInWebApp(name) {
    return function () { console.warn('google.script.host.' + name + '() works in dialogs and sidebars of Docs, Sheets and Forms, not in a web app: close a web app window with window.top.close().'); };
  }
  var g = (window.google = window.google || {});
  g.script = { run: runner(), host: { close: notInWebApp('close'), setHeight: notInWebApp('setHeight'), setWidth: notInWebApp('setWidth'), editor: { focus: notInWebApp('editor.focus') } } };
})();</script>`;
}

/**
 * The sandbox Apps Script puts on a web app's frame (developers.google.com/apps-script/guides/html/restrictions);
 * `allow-top-navigation-by-user-activation` is set for standalone scripts, which an add-on is.
 */
export const WEB_APP_SANDBOX = 'allow-same-origin allow-forms allow-scripts allow-popups allow-downloads allow-modals allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation';

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * A web app response as script.google.com serves it: an outer page (titled from HtmlOutput.setTitle)
 * whose only content is a full-window sandboxed iframe at `frameUrl`, which serves the app's HTML
 * with google.script.run added ({@link withScriptRunShim}). A URL, not srcdoc: the page must have a
 * real location (the Picker hands `location.origin` to Google's Picker), as on googleusercontent.com.
 */
export function webAppPage(frameUrl: string, title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${attr(title || 'Web app')}</title>
<style>html, body { margin: 0; height: 100%; overflow: hidden; } iframe { border: 0; width: 100%; height: 100%; display: block; }</style>
</head>
<body><iframe id="sandboxFrame" title="${attr(title || 'Web app')}" sandbox="${WEB_APP_SANDBOX}" src="${attr(frameUrl)}"></iframe></body>
</html>`;
}

/** https://apis.google.com/js/api.js with the Picker, served by the preview. */
export function gapiStandIn(driveUrl: string): string {
  return `(function () {
  var DRIVE = ${js(driveUrl.replace(/\/$/, ''))};
  var DRIVE_ORIGIN = new URL(DRIVE).origin;
  // setMaxItems(v) stores o.maxItems = v, and so on: the builders only collect their settings.
  function chain(proto, names) {
    names.forEach(function (n) {
      var key = n.indexOf('set') === 0 ? n.charAt(3).toLowerCase() + n.slice(4) : n;
      proto[n] = function (v) { this.o[key] = v === undefined ? true : v; return this; };
    });
  }
  function DocsView(viewId) { this.o = { viewId: viewId || 'all' }; }
  chain(DocsView.prototype, ['setMimeTypes', 'setIncludeFolders', 'setSelectFolderEnabled', 'setMode', 'setOwnedByMe', 'setParent', 'setQuery', 'setStarred', 'setEnableDrives', 'setLabel']);
  function PickerBuilder() { this.o = { views: [], features: {} }; }
  chain(PickerBuilder.prototype, ['setMaxItems', 'setOAuthToken', 'setDeveloperKey', 'setAppId', 'setTitle', 'setCallback', 'setOrigin', 'setLocale', 'setSize', 'setSelectableMimeTypes', 'hideTitleBar']);
  PickerBuilder.prototype.addView = function (v) { this.o.views.push(v); return this; };
  PickerBuilder.prototype.enableFeature = function (f) { this.o.features[f] = true; return this; };
  PickerBuilder.prototype.disableFeature = function (f) { this.o.features[f] = false; return this; };
  PickerBuilder.prototype.build = function () { return new Picker(this.o); };
  function Picker(o) { this.o = o; this.frame = null; this.listener = null; }
  Picker.prototype.isVisible = function () { return Boolean(this.frame); };
  Picker.prototype.dispose = function () {
    if (this.listener) window.removeEventListener('message', this.listener);
    if (this.frame) this.frame.remove();
    this.frame = null; this.listener = null;
  };
  Picker.prototype.setVisible = function (visible) {
    if (!visible) { this.dispose(); return; }
    if (this.frame) return;
    var o = this.o, self = this;
    if (!o.oAuthToken || !o.developerKey) throw new Error('google.picker: an OAuth token and a developer key are required');
    var q = new URLSearchParams({
      oauthToken: o.oAuthToken,
      maxItems: String(o.features.multiselectEnabled ? (o.maxItems || 35) : 1),
      origin: location.origin,
      title: o.title || 'Select a file',
    });
    var frame = document.createElement('iframe');
    frame.src = DRIVE + '/picker?' + q.toString();
    frame.title = o.title || 'Google Picker';
    frame.style.cssText = 'position:fixed;inset:0;width:100%;height:100%;border:0;z-index:2147483647;background:transparent';
    this.listener = function (e) {
      if (e.origin !== DRIVE_ORIGIN || e.source !== frame.contentWindow || !e.data || !e.data.action) return;
      var data = e.data.action === 'picked' ? { action: 'picked', docs: e.data.docs, viewToken: [o.views[0] && o.views[0].o.viewId] } : { action: e.data.action };
      if (data.action !== 'loaded') self.dispose();
      if (typeof o.callback === 'function') o.callback(data);
    };
    window.addEventListener('message', this.listener);
    this.frame = frame;
    document.body.appendChild(frame);
  };
  var g = (window.google = window.google || {});
  g.picker = {
    Action: { PICKED: 'picked', CANCEL: 'cancel', LOADED: 'loaded' },
    Feature: { MULTISELECT_ENABLED: 'multiselectEnabled', NAV_HIDDEN: 'navHidden', SUPPORT_DRIVES: 'supportDrives', MINE_ONLY: 'mineOnly' },
    ViewId: { DOCS: 'all', DOCUMENTS: 'documents', FOLDERS: 'folders', PRESENTATIONS: 'presentations', SPREADSHEETS: 'spreadsheets', PDFS: 'pdfs' },
    Response: { ACTION: 'action', DOCUMENTS: 'docs' },
    Document: { ID: 'id', NAME: 'name', URL: 'url', MIME_TYPE: 'mimeType', LAST_EDITED_UTC: 'lastEditedUtc' },
    DocsView: DocsView,
    PickerBuilder: PickerBuilder,
  };
  window.gapi = window.gapi || {};
  window.gapi.load = function (name, opts) {
    var cb = typeof opts === 'function' ? opts : opts && opts.callback;
    if (cb) setTimeout(cb, 0);
  };
})();
`;
}

/** Put the shim first in the page's <head> (or first in the page), before the page's own scripts. */
export function withScriptRunShim(html: string, runUrl: string): string {
  const shim = scriptRunShim(runUrl);
  const head = /<head[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + shim + html.slice(head.index + head[0].length);
  return shim + html;
}
