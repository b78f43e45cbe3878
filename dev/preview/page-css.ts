/**
 * The preview page's styles: a Workspace window with the add-on's side panel on the right, drawn in
 * Google's Material 3 look (the side panel is 300 px wide, as in Drive and Docs).
 */
export const PAGE_CSS = `
:root { --blue: #0b57d0; --ink: #1f1f1f; --muted: #5f6368; --line: #e0e0e0; --panel: 300px; --error: #b3261e; }
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { font: 14px/20px Roboto, "Google Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #f0f4f9; }
.boot { padding: 24px; color: var(--muted); }
#app { height: 100%; display: flex; flex-direction: column; }
button { font: inherit; }

/* The host window: top bar, the app's content, the side panel. */
.topbar { display: flex; align-items: center; gap: 16px; height: 56px; padding: 0 16px; background: #fff; border-bottom: 1px solid var(--line); flex: none; }
.brand { display: flex; align-items: center; gap: 8px; font-size: 18px; color: #444746; white-space: nowrap; }
.brand small { font-size: 12px; color: var(--muted); }
.hosts { display: inline-flex; border: 1px solid #747775; border-radius: 18px; overflow: hidden; }
.hosts button { border: 0; background: #fff; padding: 6px 14px; cursor: pointer; color: var(--ink); display: inline-flex; gap: 6px; align-items: center; }
.hosts button + button { border-left: 1px solid #747775; }
.hosts button[aria-pressed="true"] { background: #c2e7ff; color: #001d35; font-weight: 500; }
.docpick { display: flex; align-items: center; gap: 6px; color: var(--muted); }
.docpick select { font: inherit; padding: 5px 8px; border-radius: 6px; border: 1px solid #c4c7c5; max-width: 340px; }
.spacer { flex: 1; }
.user { display: flex; align-items: center; gap: 8px; color: var(--muted); font-size: 13px; }
.avatar { width: 32px; height: 32px; border-radius: 50%; background: #188038; color: #fff; display: grid; place-items: center; font-weight: 500; }
.workspace { flex: 1; display: flex; min-height: 0; }
.content { flex: 1; min-width: 0; overflow: auto; padding: 16px; }
.content-frame { width: 100%; height: 100%; border: 0; background: #fff; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
.filelist { background: #fff; border-radius: 12px; padding: 8px 0; box-shadow: 0 1px 2px rgba(0,0,0,.1); }
.filelist h2 { font-size: 18px; font-weight: 400; margin: 8px 16px 12px; }
.filelist p { margin: 0 16px 8px; color: var(--muted); font-size: 13px; }
.filelist table { width: 100%; border-collapse: collapse; }
.filelist th { text-align: left; font-weight: 500; color: var(--muted); padding: 6px 16px; border-bottom: 1px solid var(--line); }
.filelist td { padding: 6px 16px; border-bottom: 1px solid #f1f3f4; }
.filelist tr.selected td { background: #c2e7ff; }
.filelist label { display: flex; gap: 10px; align-items: center; cursor: pointer; }

/* The side panel. */
.panel { width: var(--panel); flex: none; background: #fff; border-left: 1px solid var(--line); display: flex; flex-direction: column; position: relative; min-height: 0; }
.addon-bar { height: 48px; flex: none; display: flex; align-items: center; gap: 8px; padding: 0 4px 0 12px; border-bottom: 1px solid var(--line); position: relative; }
.addon-bar .name { flex: 1; font-size: 16px; }
.icon-button { width: 36px; height: 36px; border: 0; border-radius: 50%; background: none; cursor: pointer; color: #444746; display: grid; place-items: center; font-size: 20px; }
.icon-button:hover { background: #f1f3f4; }
.menu { position: absolute; right: 8px; top: 44px; background: #fff; border-radius: 4px; box-shadow: 0 2px 8px rgba(0,0,0,.25); z-index: 20; padding: 8px 0; min-width: 200px; }
.menu button { display: block; width: 100%; text-align: left; border: 0; background: none; padding: 8px 16px; cursor: pointer; }
.menu button:hover { background: #f1f3f4; }
.loading { height: 4px; flex: none; background: transparent; overflow: hidden; }
.panel.busy .loading { background: #d3e3fd; }
.panel.busy .loading::after { content: ""; display: block; height: 4px; width: 40%; background: var(--blue); animation: slide 1.1s infinite ease-in-out; }
@keyframes slide { from { transform: translateX(-100%); } to { transform: translateX(260%); } }
.panel.busy .card { pointer-events: none; opacity: .7; }
.card { flex: 1; display: flex; flex-direction: column; min-height: 0; }
.card-header { display: flex; gap: 4px; align-items: flex-start; padding: 12px 16px 8px 8px; border-bottom: 1px solid var(--line); }
.card-header .titles { flex: 1; min-width: 0; padding-left: 8px; }
.card-header .title { font-size: 16px; line-height: 24px; font-weight: 500; overflow-wrap: anywhere; }
.card-header .subtitle { font-size: 12px; line-height: 16px; color: var(--muted); }
.card-header .back { margin-top: -6px; }
.card-body { flex: 1; overflow-y: auto; }
.section { padding: 12px 16px; border-bottom: 1px solid var(--line); }
.section:last-child { border-bottom: 0; }
.section-header { font-size: 14px; font-weight: 500; color: #444746; margin-bottom: 8px; }
.widget + .widget { margin-top: 12px; }
.widget.collapsed { display: none; }
.text { overflow-wrap: break-word; }
.decorated { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; border-radius: 8px; }
.decorated.clickable { cursor: pointer; margin: -4px -8px; padding: 4px 8px; }
.decorated.clickable:hover { background: #f1f3f4; }
/* Text keeps at least ~150 px beside its button; a wide button wraps under the text instead. */
.decorated .body { flex: 1 1 150px; min-width: 0; }
.decorated > .btn { margin-left: auto; }
.decorated .nowrap .main { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.label { font-size: 12px; line-height: 16px; color: var(--muted); overflow-wrap: break-word; }
.decorated .main { overflow-wrap: break-word; }
.start-icon { width: 24px; height: 24px; flex: none; color: #444746; display: grid; place-items: center; }
.start-icon img, .start-icon svg { width: 24px; height: 24px; }
.buttons { display: flex; flex-wrap: wrap; gap: 8px; }
.btn { height: 36px; padding: 0 16px; border-radius: 18px; border: 0; cursor: pointer; font-weight: 500; white-space: nowrap; background: none; color: var(--blue); }
.btn.FILLED { background: var(--blue); color: #fff; }
.btn.FILLED:hover { box-shadow: 0 1px 3px rgba(0,0,0,.3); }
.btn.FILLED_TONAL { background: #d3e3fd; color: #041e49; }
.btn.OUTLINED { border: 1px solid #747775; }
.btn.BORDERLESS { padding: 0 12px; }
.btn.BORDERLESS:hover, .btn.OUTLINED:hover { background: #f1f5fc; }
.btn:disabled { background: rgba(31,31,31,.12); color: rgba(31,31,31,.38); cursor: default; box-shadow: none; border-color: transparent; }
.decorated > .btn, .decorated > .switch { flex: none; }
.field { position: relative; }
.field label { position: absolute; top: -8px; left: 10px; padding: 0 4px; background: #fff; font-size: 12px; line-height: 16px; color: #444746; }
.field input, .field textarea, .field select { width: 100%; font: inherit; color: var(--ink); border: 1px solid #747775; border-radius: 4px; padding: 12px; background: #fff; }
.field textarea { min-height: 96px; resize: vertical; }
.field input:focus, .field textarea:focus, .field select:focus { outline: 2px solid var(--blue); outline-offset: -2px; border-color: transparent; }
.hint { font-size: 12px; line-height: 16px; color: var(--muted); margin: 4px 12px 0; }
.choices .title { font-size: 12px; color: #444746; margin-bottom: 4px; }
.choices label { display: flex; gap: 10px; align-items: center; padding: 4px 0; cursor: pointer; }
.choices input { width: 18px; height: 18px; accent-color: var(--blue); margin: 0; }
.switch { appearance: none; width: 52px; height: 32px; border-radius: 16px; background: #e1e3e1; border: 2px solid #747775; position: relative; cursor: pointer; flex: none; margin: 0; transition: background .15s; }
.switch::after { content: ""; position: absolute; top: 6px; left: 6px; width: 16px; height: 16px; border-radius: 50%; background: #747775; transition: all .15s; }
.switch:checked { background: var(--blue); border-color: var(--blue); }
.switch:checked::after { left: 22px; top: 2px; width: 24px; height: 24px; background: #fff; }
.image img { display: block; width: 100%; height: auto; image-rendering: -webkit-optimize-contrast; border-radius: 4px; }
.image.clickable { cursor: pointer; }
hr.divider { border: 0; border-top: 1px solid var(--line); margin: 0; }
.more { margin-top: 8px; }
.footer { flex: none; display: flex; justify-content: flex-end; gap: 8px; padding: 10px 16px; border-top: 1px solid var(--line); background: #fff; }
.toast { position: absolute; left: 8px; right: 8px; bottom: 64px; background: #303030; color: #f2f2f2; border-radius: 4px; padding: 12px 16px; box-shadow: 0 3px 8px rgba(0,0,0,.3); z-index: 30; display: flex; gap: 8px; align-items: flex-start; }
.toast.error { background: #601410; }
.toast .msg { flex: 1; overflow-wrap: anywhere; }
.toast button { border: 0; background: none; color: #a8c7fa; cursor: pointer; font-weight: 500; padding: 0; }
.failure { padding: 16px; }
.failure h2 { font-size: 16px; font-weight: 500; margin: 0 0 8px; color: var(--error); }
.failure pre { white-space: pre-wrap; font-size: 12px; background: #f8f9fa; padding: 8px; border-radius: 4px; }

/* Over the app: the notice while an OVERLAY link's window is open, and Google's file-access consent. */
.overlay { position: fixed; inset: 0; background: rgba(32,33,36,.6); display: grid; place-items: center; z-index: 100; }
.consent { width: 400px; background: #fff; border-radius: 28px; padding: 24px; box-shadow: 0 8px 32px rgba(0,0,0,.4); }
.consent h2 { font-size: 22px; line-height: 28px; font-weight: 400; margin: 0 0 16px; }
.consent p { color: #444746; margin: 0 0 8px; }
.consent .buttons { justify-content: flex-end; margin-top: 24px; }
`;
