import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DocumentJson, documentJson, exportPlainText } from './doc-json';
import { docFromMarkup } from './doc-markup';
import { docsRoutes } from './docs-routes';
import { webViewLink } from './drive-files';
import { driveRoutes } from './drive-routes';
import { type DriveFile, DriveStore } from './drive-store';
import { devRoutes, pageRoutes } from './page-routes';
import { DEFAULT_PICKER_MAX_ITEMS, type PickerResult, pickerRoutes } from './picker-routes';
import { revisionRoutes } from './revision-routes';
import { type HistoryStep, revisionsFromHistory } from './revisions';
import { GOOGLE_DOC_MIME, loadSampleFiles, SAMPLE_DATA_DIR } from './samples';
import { errorReply, type Route, writeReply } from './server-http';

export type { PickedDoc, PickerResult } from './picker-routes';

export interface DriveServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** Folder with manifest.json and the sample Docs; default: the bundled samples. */
  dataDir?: string;
  /** Keep documents, grants and tokens in this JSON file across restarts; default: memory only. */
  statePath?: string;
  /** Base URL browsers use to reach this server (webViewLink, Picker results); default: its own. */
  publicUrl?: string;
  now?: () => Date;
  /** Lifetime of issued OAuth tokens; Google's are an hour. */
  tokenLifetimeSeconds?: number;
  /** Called with every Picker result before the page hears back (an in-process alternative to callbackUrl). */
  onPicked?: (result: PickerResult) => void | Promise<void>;
  /** Used to POST Picker results to callback URLs. */
  fetch?: typeof fetch;
}

/** One Drive file, as the controls list it. */
export interface DriveFileSummary {
  id: string;
  name: string;
  mimeType: string;
  owner: { name: string; email: string };
  modifiedTime: string;
  webViewLink: string;
  /** What the sample is for ("strong", "off-topic", …). */
  profile?: string;
}

export interface NewDocument {
  name: string;
  /** Content in the sample markup (one line per paragraph; see doc-markup.ts). */
  text: string;
  owner?: { name: string; email: string };
  /** Who sees it in Drive and in the Picker; default everyone. */
  sharedWith?: '*' | string[];
  /** How it was written (its revisions, oldest first); default one revision, by the owner, now. */
  history?: HistoryStep[];
}

export interface PickerUrlOptions {
  oauthToken: string;
  maxItems?: number;
  callbackUrl?: string;
  /** postMessage target origin; default "*". */
  origin?: string;
  state?: string;
  title?: string;
}

export interface DriveServer {
  url: string;
  close(): Promise<void>;
  /** A bearer token for this user, valid for tokenLifetimeSeconds, scope drive.file. */
  issueOAuthToken(userEmail: string): string;
  revokeOAuthToken(token: string): void;
  /** What the Picker or a Drive selection does: lets the user's tokens reach these files. */
  grant(userEmail: string, fileIds: readonly string[]): void;
  grantedFileIds(userEmail: string): string[];
  listFiles(): DriveFileSummary[];
  addDocument(doc: NewDocument): DriveFileSummary;
  /** The Docs API Document of a file, as documents.get returns it. */
  documentJson(fileId: string): DocumentJson;
  /** The file's text as files.export text/plain returns it (BOM, CRLF). */
  exportText(fileId: string): string;
  pickerUrl(options: PickerUrlOptions): string;
  /** Back to the sample files with no grants; tokens stay valid. */
  reset(): void;
}

/** Starts the local Drive + Docs + Picker stand-in. */
export async function startDriveServer(opts: DriveServerOptions): Promise<DriveServer> {
  const host = opts.host ?? '127.0.0.1';
  const dataDir = opts.dataDir ?? SAMPLE_DATA_DIR;
  const now = opts.now ?? (() => new Date());
  const samples = (): DriveFile[] => loadSampleFiles(dataDir).map((f) => ({ ...f, sharedWith: '*' }));
  const store = new DriveStore({ files: samples(), now, tokenLifetimeSeconds: opts.tokenLifetimeSeconds ?? 3600, statePath: opts.statePath });

  let baseUrl = '';
  const base = () => baseUrl;
  const addDocument = (input: NewDocument): DriveFile => {
    const time = now().toISOString();
    const owner = input.owner ?? { name: 'Test Student', email: 'test.student@students.westbrook.example' };
    const doc = docFromMarkup(input.text);
    const revisions = input.history ? revisionsFromHistory(exportPlainText(doc), input.history, owner) : undefined;
    const file: DriveFile = {
      id: `1${randomBytes(33).toString('base64url').slice(0, 43)}`,
      slug: 'added',
      name: input.name,
      mimeType: GOOGLE_DOC_MIME,
      owner,
      createdTime: revisions ? revisions[0]!.modifiedTime : time,
      modifiedTime: revisions ? revisions[revisions.length - 1]!.modifiedTime : time,
      sharedWith: input.sharedWith ?? '*',
      doc,
      ...(revisions ? { revisions } : {}),
    };
    store.add(file);
    return file;
  };
  const routes: Route[] = [
    ...driveRoutes(store, base),
    ...revisionRoutes(store, base),
    ...docsRoutes(store),
    ...pickerRoutes({ store, baseUrl: base, fetch: opts.fetch ?? fetch, onPicked: opts.onPicked }),
    ...pageRoutes(store, base),
    ...devRoutes(store, base, (input) => ({ id: addDocument(input).id })),
  ];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const cors = { 'access-control-allow-origin': '*' };
    try {
      const path = decodeURIComponent(url.pathname);
      if (req.method === 'OPTIONS') {
        writeReply(res, { status: 204, body: '', contentType: 'text/plain' }, { ...cors, 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': 'authorization, content-type' });
        return;
      }
      for (const route of routes) {
        const m = route.method === req.method ? route.path.exec(path) : null;
        if (!m) continue;
        const reply = await route.handler(req, url, m.slice(1));
        writeReply(res, reply, route.api ? cors : {});
        return;
      }
      writeReply(res, { status: 404, json: { error: { code: 404, message: `No such path in the local Drive stand-in: ${req.method} ${url.pathname}`, status: 'NOT_FOUND' } } });
    } catch (err) {
      if (!res.headersSent) writeReply(res, errorReply(err), cors);
      else res.destroy();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  baseUrl = (opts.publicUrl ?? url).replace(/\/$/, '');

  const summary = (f: DriveFile): DriveFileSummary => ({
    id: f.id, name: f.name, mimeType: f.mimeType, owner: f.owner, modifiedTime: f.modifiedTime, webViewLink: webViewLink(baseUrl, f), ...(f.profile ? { profile: f.profile } : {}),
  });
  const docOf = (fileId: string) => {
    const file = store.get(fileId);
    if (!file?.doc) throw new Error(`no Google Doc with id ${fileId}`);
    return { file, doc: file.doc };
  };

  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    issueOAuthToken: (userEmail) => store.issueToken(userEmail).token,
    revokeOAuthToken: (token) => store.revokeToken(token),
    grant: (userEmail, fileIds) => store.grant(userEmail, fileIds),
    grantedFileIds: (userEmail) => store.grantedIds(userEmail),
    listFiles: () => store.all().map(summary),
    addDocument: (input) => summary(addDocument(input)),
    documentJson(fileId) {
      const { file, doc } = docOf(fileId);
      return documentJson(file.id, file.name, doc);
    },
    exportText: (fileId) => exportPlainText(docOf(fileId).doc),
    pickerUrl(o) {
      const q = new URLSearchParams({ oauthToken: o.oauthToken, maxItems: String(o.maxItems ?? DEFAULT_PICKER_MAX_ITEMS) });
      for (const key of ['callbackUrl', 'origin', 'state', 'title'] as const) if (o[key] !== undefined) q.set(key, o[key]);
      return `${baseUrl}/picker?${q}`;
    },
    reset: () => store.reset(samples()),
  };
}
