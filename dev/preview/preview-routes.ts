import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Logger } from '../../cloud/log';
import { type TeacherIdentity, teacherFor } from '../demo/demo-teacher';
import type { DriveServer } from '../drive-server/server';
import { type AddonRuntime, AddonRuntimeError } from './addon-runtime';
import { randomUUID } from 'node:crypto';
import { webAppPage, withScriptRunShim } from './html-service-shims';
import { cookie, localeOf, PreviewHttpError, readBody, send, sendJson } from './http-util';
import type { HostManifest } from './manifest';
import { type CommonEvent, GrantRequestSchema, type HostSchema, RunRequestSchema, ScriptRunRequestSchema, type Session } from './preview-contract';
import type { TokenSource } from './identity';
import type { LogLine } from './worker-protocol';

/** The local Drive as the host apps use it: the file list and who may open what. */
export type PreviewDrive = Pick<DriveServer, 'url' | 'grant' | 'grantedFileIds' | 'listFiles'>;

export interface RouteDeps {
  runtime: AddonRuntime;
  tokens: TokenSource;
  drive: PreviewDrive;
  manifest: HostManifest;
  teacher: TeacherIdentity;
  pageHtml: string;
  pageScript: string;
  gapiScript: string;
  logger: Logger;
}

/** Which teacher the browser is signed in as: `?as=` on the page sets it, the demo teacher otherwise. */
export const USER_COOKIE = 'gradebot_preview_user';
const Email = z.email();

function teacherOf(req: IncomingMessage, fallback: TeacherIdentity): TeacherIdentity {
  const email = Email.safeParse(cookie(req, USER_COOKIE));
  return email.success ? teacherFor(email.data) : fallback;
}

/** The host's own part of the event: the open Doc (Docs) or the selected files (Drive). */
function hostObjects(drive: PreviewDrive, host: z.output<typeof HostSchema>, email: string): Record<string, unknown> {
  const files = drive.listFiles();
  const granted = new Set(drive.grantedFileIds(email));
  if (host.app === 'DOCS') {
    const doc = files.find((f) => f.id === host.docId);
    if (!doc) return {};
    // Without drive.file access the add-on is told only that it has none, as in Docs.
    return { docs: granted.has(doc.id) ? { id: doc.id, title: doc.name, addonHasFileScopePermission: true } : { addonHasFileScopePermission: false } };
  }
  const items = host.selectedIds.flatMap((id) => {
    const f = files.find((x) => x.id === id);
    return f ? [{ id: f.id, title: f.name, mimeType: f.mimeType, addonHasFileScopePermission: granted.has(f.id) }] : [];
  });
  return items.length > 0 ? { drive: { selectedItems: items, activeCursorItem: items[0] } } : {};
}

/** The event object Apps Script passes: commonEventObject, the host's object, and the older top-level fields. */
function eventFor(c: CommonEvent, hostPart: Record<string, unknown>): Record<string, unknown> {
  const inputs = Object.fromEntries(Object.entries(c.formInputs ?? {}).map(([k, v]) => [k, v.stringInputs.value]));
  return {
    commonEventObject: c,
    ...hostPart,
    clientPlatform: 'web',
    hostApp: c.hostApp.toLowerCase(),
    userLocale: c.userLocale,
    userTimezone: { id: c.timeZone.id, offSet: String(c.timeZone.offset) },
    parameters: c.parameters ?? {},
    formInput: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v[0]])),
    formInputs: inputs,
  };
}

function session(d: RouteDeps, t: TeacherIdentity): Session {
  const granted = new Set(d.drive.grantedFileIds(t.email));
  return {
    teacher: { email: t.email, name: t.name },
    addon: d.manifest.addon,
    driveUrl: d.drive.url,
    files: d.drive.listFiles().map((f) => ({ id: f.id, name: f.name, mimeType: f.mimeType, owner: f.owner.name, modifiedTime: f.modifiedTime, url: f.webViewLink, granted: granted.has(f.id) })),
  };
}

/** The add-on's own failure is an answer (the page shows it as Workspace would), not a server error. */
async function runAnswer(d: RouteDeps, res: ServerResponse, fn: string, run: () => Promise<{ value: unknown; logs: LogLine[] }>): Promise<void> {
  try {
    const r = await run();
    // The execution log (Apps Script's Executions page): the add-on logs kinds and ids, never student text.
    for (const l of r.logs) {
      const fields = { fn, level: l.level, text: l.text.slice(0, 2000) };
      if (l.level === 'error') d.logger.warn('add-on log', fields);
      else d.logger.debug('add-on log', fields);
    }
    sendJson(res, 200, { ok: true, value: r.value, logs: r.logs });
  } catch (err) {
    if (!(err instanceof AddonRuntimeError)) throw err;
    d.logger.warn('add-on execution failed', { fn, error: `${err.error.name}: ${err.error.message}`.slice(0, 500), stack: err.error.stack?.slice(0, 2000) });
    sendJson(res, 200, { ok: false, error: { name: err.error.name, message: err.error.message }, logs: err.logs });
  }
}

/** How long the outer web app page's frame may load its content, and how many are kept. */
const WEB_APP_FRAME_MS = 10 * 60_000;
const WEB_APP_FRAMES_KEPT = 20;

/** Every route of the preview server. */
export function previewHandler(d: RouteDeps) {
  // doGet's output, kept for the outer page's frame to load once (as Apps Script's userCodeAppPanel).
  const frames = new Map<string, { html: string; email: string; until: number }>();
  const keepFrame = (html: string, email: string): string => {
    const now = Date.now();
    for (const [id, f] of frames) if (f.until < now || frames.size >= WEB_APP_FRAMES_KEPT) frames.delete(id);
    const id = randomUUID();
    frames.set(id, { html, email, until: now + WEB_APP_FRAME_MS });
    return id;
  };

  const userOf = (req: IncomingMessage) => {
    const t = teacherOf(req, d.teacher);
    return { t, user: { email: t.email, locale: localeOf(req) }, tokens: () => d.tokens.tokensFor(t) };
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://preview.local');
    const route = `${req.method} ${url.pathname}`;
    try {
      if (route === 'GET /') {
        const as = url.searchParams.get('as');
        const headers: Record<string, string> = {};
        if (as !== null) {
          const email = Email.safeParse(as.trim());
          if (!email.success) throw new PreviewHttpError(400, `?as= needs an email address, got "${as}"`);
          headers['set-cookie'] = `${USER_COOKIE}=${encodeURIComponent(email.data.toLowerCase())}; Path=/; SameSite=Lax; HttpOnly`;
        }
        return send(res, 200, d.pageHtml, 'text/html; charset=utf-8', headers);
      }
      if (route === 'GET /preview.js') return send(res, 200, d.pageScript, 'text/javascript; charset=utf-8');
      if (route === 'GET /gapi/api.js') return send(res, 200, d.gapiScript, 'text/javascript; charset=utf-8');
      if (route === 'GET /health') return sendJson(res, 200, { ok: true });
      if (route === 'GET /favicon.ico') return send(res, 204, '', 'image/x-icon');
      if (route === 'GET /_preview/session') return sendJson(res, 200, session(d, userOf(req).t));
      if (route === 'POST /_preview/grant') {
        const { fileIds } = await readBody(req, GrantRequestSchema);
        const { t } = userOf(req);
        d.drive.grant(t.email, fileIds);
        return sendJson(res, 200, { ok: true, granted: d.drive.grantedFileIds(t.email) });
      }
      if (route === 'POST /_preview/run') {
        const body = await readBody(req, RunRequestSchema);
        const u = userOf(req);
        if (body.commonEventObject.hostApp !== body.host.app) throw new PreviewHttpError(400, 'commonEventObject.hostApp and host.app differ');
        const event = eventFor(body.commonEventObject, hostObjects(d.drive, body.host, u.t.email));
        return await runAnswer(d, res, body.fn, () => d.runtime.call({ user: u.user, fn: body.fn, args: [event], tokens: u.tokens() }));
      }
      if (route === 'GET /exec') {
        // The web app: doGet with Apps Script's request event, served as script.google.com does (the
        // app's HTML in a sandboxed frame of an outer page), with google.script.run added.
        const u = userOf(req);
        const parameters: Record<string, string[]> = {};
        for (const [k, v] of url.searchParams) (parameters[k] ??= []).push(v);
        const event = { queryString: url.search.slice(1), parameter: Object.fromEntries(url.searchParams), parameters, contextPath: '', contentLength: -1 };
        const out = await d.runtime.callHtml({ user: u.user, fn: 'doGet', args: [event], tokens: u.tokens() });
        const frame: Record<string, string> = out.value.xFrameOptions === 'ALLOWALL' ? {} : { 'x-frame-options': 'SAMEORIGIN' };
        const id = keepFrame(withScriptRunShim(out.value.html, '/exec/run'), u.t.email);
        return send(res, 200, webAppPage(`/exec/userCodeAppPanel?frame=${id}`, out.value.title), 'text/html; charset=utf-8', frame);
      }
      if (route === 'GET /exec/userCodeAppPanel') {
        const f = frames.get(url.searchParams.get('frame') ?? '');
        frames.delete(url.searchParams.get('frame') ?? '');
        if (!f || f.until < Date.now() || f.email !== userOf(req).t.email) throw new PreviewHttpError(404, 'This web app page has expired: open it again from the add-on.');
        return send(res, 200, f.html, 'text/html; charset=utf-8', { 'x-frame-options': 'SAMEORIGIN' });
      }
      if (route === 'POST /exec/run') {
        const body = await readBody(req, ScriptRunRequestSchema);
        // Apps Script hides functions whose names end in "_" from google.script.run.
        if (body.fn.endsWith('_')) throw new PreviewHttpError(404, `Script function not found: ${body.fn}`);
        const u = userOf(req);
        return await runAnswer(d, res, body.fn, () => d.runtime.call({ user: u.user, fn: body.fn, args: body.args, tokens: u.tokens() }));
      }
      throw new PreviewHttpError(404, `No such page in the sidebar preview: ${route}`);
    } catch (err) {
      const status = err instanceof PreviewHttpError ? err.status : 500;
      if (status === 500) d.logger.error('preview request failed', { route, err: err instanceof Error ? err : String(err) });
      if (!res.headersSent) sendJson(res, status, { ok: false, error: { name: 'PreviewError', message: err instanceof Error ? err.message : String(err) } });
      else res.destroy();
    }
  };
}
