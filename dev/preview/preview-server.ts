import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Logger, silentLogger } from '../../cloud/log';
import { buildAddon } from '../build/addon';
import { DEMO_TEACHER, type TeacherIdentity } from '../demo/demo-teacher';
import type { LocalIssuer } from '../issuer/local-issuer';
import type { DriveServer } from '../drive-server/server';
import { startAddonRuntime } from './addon-runtime';
import { buildPageScript, pageHtml } from './build-page';
import { gapiStandIn } from './html-service-shims';
import { localTokenSource } from './identity';
import { readHostManifest } from './manifest';
import { previewHandler } from './preview-routes';

export interface PreviewOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** The `api` function's base URL (Script Property API_BASE_URL). */
  apiUrl: string;
  /** The `pages` function's base URL (PAGES_BASE_URL: privacy, terms, AI use). */
  pagesUrl: string;
  /** Signs ScriptApp.getIdentityToken() for the teacher. */
  issuer: Pick<LocalIssuer, 'signIdToken'>;
  /** The local Drive/Docs: the add-on's Drive and Docs base URL, OAuth tokens, grants, the file list. */
  drive: Pick<DriveServer, 'url' | 'issueOAuthToken' | 'grant' | 'grantedFileIds' | 'listFiles'>;
  /** The add-on's OAuth client id, the audience the API expects (config.auth.addonAudience). */
  addonAudience: string;
  /** Who the preview signs in as unless the page says otherwise (`?as=`); default the demo teacher. */
  teacher?: TeacherIdentity;
  /** Keep each teacher's User Properties (the form's draft) in this JSON file across restarts. */
  statePath?: string;
  /** A built Code.js (appsscript.json beside it); default: build addon/ now into a temporary folder. */
  bundlePath?: string;
  logger?: Logger;
}

export interface Preview {
  /** Open this in a browser: the demo teacher's home card in the Drive side panel. */
  url: string;
  teacher: TeacherIdentity;
  close(): Promise<void>;
}

/**
 * The add-on live on localhost: serves a Workspace-like page whose side panel renders the cards of
 * the built Code.js, run unchanged against the Apps Script fakes in a worker thread, with Script
 * Properties pointing at the local API, Drive, Docs, pages and Picker.
 */
export async function startPreview(o: PreviewOptions): Promise<Preview> {
  const host = o.host ?? '127.0.0.1';
  const logger = (o.logger ?? silentLogger).child({ component: 'preview' });
  const teacher = o.teacher ?? DEMO_TEACHER;
  const tempDir = o.bundlePath ? undefined : mkdtempSync(join(tmpdir(), 'gradebot-preview-'));
  const cleanup = () => tempDir && rmSync(tempDir, { recursive: true, force: true });
  try {
    const [bundlePath, pageScript] = await Promise.all([o.bundlePath ?? buildAddon({ outDir: tempDir! }).then((b) => b.bundlePath), buildPageScript()]);
    const manifest = readHostManifest(join(dirname(bundlePath), 'appsscript.json'));

    // The URL goes into the add-on's Script Properties, so listen first and attach the routes after.
    let handle: ReturnType<typeof previewHandler> | undefined;
    const server = createServer((req, res) => {
      if (handle) void handle(req, res);
      else res.writeHead(503).end('starting');
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(o.port, host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    const closeServer = () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });

    let runtime;
    try {
      runtime = await startAddonRuntime({
        bundlePath,
        scriptProperties: {
          API_BASE_URL: o.apiUrl,
          DRIVE_API_BASE_URL: o.drive.url,
          DOCS_API_BASE_URL: o.drive.url,
          // Drive's revision export links point at the stand-in, as Google's point at docs.google.com.
          DOCS_EXPORT_BASE_URL: o.drive.url,
          PAGES_BASE_URL: o.pagesUrl,
          // The Picker page insists on both, as Google's Picker does; the local stand-in ignores them.
          PICKER_API_KEY: 'local-picker-api-key',
          PICKER_APP_ID: '000000000000',
          GOOGLE_API_JS_URL: `${url}/gapi/api.js`,
        },
        webAppUrl: `${url}/exec`,
        scriptTimeZone: manifest.timeZone,
        fetchTimeoutMs: 60_000,
        statePath: o.statePath,
      });
    } catch (err) {
      await closeServer();
      throw err;
    }
    const tokens = localTokenSource({ issuer: o.issuer, drive: o.drive, addonAudience: o.addonAudience });
    handle = previewHandler({ runtime, tokens, drive: o.drive, manifest, teacher, pageHtml: pageHtml(), pageScript, gapiScript: gapiStandIn(o.drive.url), logger });
    const running = runtime;
    logger.info('sidebar preview ready', { url });
    return {
      url,
      teacher,
      async close() {
        await closeServer();
        await running.close();
        cleanup();
      },
    };
  } catch (err) {
    cleanup();
    throw err;
  }
}
