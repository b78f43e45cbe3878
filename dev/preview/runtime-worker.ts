import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { format } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import { createAppsScriptFakes, createSyncHttp, type FakeProperties } from '../apps-script-fakes';
import { type LoadedBundle, loadBundle } from '../apps-script-fakes/run-bundle';
import type { HtmlResult, LogLine, RuntimeCall, RuntimeInit, RuntimeReply } from './worker-protocol';

// The add-on runtime, in a worker thread: the built Code.js in one vm context per user (so user
// properties and the user cache are per user, as in Apps Script), with the Apps Script fakes and
// synchronous HTTP. Calls arrive one at a time and run to completion, like one execution each.

const init = workerData as RuntimeInit;
const code = readFileSync(init.bundlePath, 'utf8');
const http = createSyncHttp({ timeoutMs: init.fetchTimeoutMs });
const bundles = new Map<string, LoadedBundle>();
const userProperties = new Map<string, FakeProperties>();

// User Properties outlive executions in Apps Script (the form's draft lives there): keep them on disk.
type Saved = Record<string, Record<string, string>>;
const saved: Saved = init.statePath && existsSync(init.statePath) ? (JSON.parse(readFileSync(init.statePath, 'utf8')) as Saved) : {};
let savedJson = JSON.stringify(saved);

function persist(): void {
  if (!init.statePath) return;
  for (const [email, props] of userProperties) saved[email] = props.getProperties();
  const json = JSON.stringify(saved);
  if (json === savedJson) return;
  writeFileSync(`${init.statePath}.tmp`, json);
  renameSync(`${init.statePath}.tmp`, init.statePath);
  savedJson = json;
}

let current: RuntimeCall | undefined;
let logs: LogLine[] = [];

// The vm context shares this thread's console: keep what the add-on writes with the call it belongs to.
for (const level of ['log', 'info', 'warn', 'error'] as const) {
  console[level] = (...args: unknown[]) => void logs.push({ level, text: format(...args) });
}

function running(): RuntimeCall {
  if (!current) throw new Error('Exception: no execution is running');
  return current;
}

function bundleFor(user: RuntimeCall['user']): LoadedBundle {
  const existing = bundles.get(user.email);
  if (existing) return existing;
  const fakes = createAppsScriptFakes({
    transport: http.transport,
    scriptProperties: init.scriptProperties,
    identityToken: () => running().tokens.identity,
    oauthToken: () => running().tokens.oauth,
    webAppUrl: init.webAppUrl,
    email: user.email,
    locale: user.locale,
    timeZone: init.scriptTimeZone,
  });
  const props = fakes.properties.getUserProperties();
  props.setProperties(saved[user.email] ?? {});
  userProperties.set(user.email, props);
  const bundle = loadBundle(code, fakes.globals, 'Code.js');
  bundles.set(user.email, bundle);
  return bundle;
}

function isHtmlOutput(v: unknown): v is { getContent(): string; getTitle?(): string; getXFrameOptionsMode?(): string } {
  return typeof v === 'object' && v !== null && typeof (v as { getContent?: unknown }).getContent === 'function';
}

function execute(call: RuntimeCall): unknown {
  const value = bundleFor(call.user).call(call.fn, ...call.args);
  if (call.returns === 'html') {
    if (!isHtmlOutput(value)) throw new Error(`Exception: ${call.fn} did not return an HtmlOutput`);
    const html: HtmlResult = { html: value.getContent(), title: value.getTitle?.() ?? '', xFrameOptions: value.getXFrameOptionsMode?.() ?? 'DEFAULT' };
    return html;
  }
  // What crosses to the client is JSON, as in Apps Script (printJson and other methods drop out).
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

parentPort!.on('message', (call: RuntimeCall) => {
  current = call;
  logs = [];
  let reply: RuntimeReply;
  try {
    reply = { id: call.id, ok: true, value: execute(call), logs };
  } catch (err) {
    // Errors thrown inside the vm context are not this realm's Error: read them by shape.
    const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as { name?: unknown; message?: unknown; stack?: unknown };
    reply = { id: call.id, ok: false, error: { name: String(e.name ?? 'Error'), message: String(e.message ?? err), stack: typeof e.stack === 'string' ? e.stack : undefined }, logs };
  } finally {
    current = undefined;
  }
  try {
    persist();
  } catch (err) {
    reply.logs.push({ level: 'error', text: `The preview could not save User Properties: ${String(err)}` });
  }
  parentPort!.postMessage(reply);
});
