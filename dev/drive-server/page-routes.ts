import { z } from 'zod';
import { documentPage } from './doc-page';
import { webViewLink } from './drive-files';
import type { DriveStore } from './drive-store';
import { GoogleApiError } from './google-errors';
import { HistoryStepSchema } from './revisions';
import { DOC_ICON, escapeHtml, page, shortDate } from './html';
import { html, readJson, type Route } from './server-http';

const INDEX_CSS = `
main { max-width: 900px; margin: 24px auto; padding: 0 16px; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th, td { text-align: left; padding: 8px; border-bottom: 1px solid #e0e0e0; }
td.name a { display: inline-flex; gap: 8px; align-items: center; color: #1a0dab; white-space: nowrap; }
.doc-icon { flex: none; }
code { background: #f1f3f4; padding: 1px 4px; border-radius: 3px; font-size: 11px; }
.muted { color: #5f6368; }
`;

const notFoundPage = (what: string) => html(page('Not found', INDEX_CSS, `<main><h1>Sorry, the ${escapeHtml(what)} you requested does not exist.</h1></main>`), 404);

/** Browser pages: the Drive index, each Doc's view page, and a stub view for other files. */
export function pageRoutes(store: DriveStore, baseUrl: () => string): Route[] {
  return [
    {
      method: 'GET', path: /^\/$/,
      handler() {
        const rows = store
          .all()
          .map((f) => `<tr><td class="name"><a href="${escapeHtml(webViewLink(baseUrl(), f))}">${f.doc ? DOC_ICON : ''}${escapeHtml(f.name)}</a></td>
<td>${escapeHtml(f.owner.name)}</td><td>${escapeHtml(shortDate(f.modifiedTime))}</td><td class="muted">${escapeHtml(f.profile ?? '')}</td><td><code>${escapeHtml(f.id)}</code></td></tr>`)
          .join('\n');
        const body = `<main><h1>Local Google Drive</h1>
<p class="muted">Stands in for Drive v3 (<code>${escapeHtml(baseUrl())}/drive/v3</code>), Docs v1 (<code>${escapeHtml(baseUrl())}/v1/documents</code>) and the Picker (<code>/picker?oauthToken=…</code>). See dev/drive-server/README.md.</p>
<table><thead><tr><th>Name</th><th>Owner</th><th>Modified</th><th>Sample</th><th>Id</th></tr></thead><tbody>
${rows}
</tbody></table></main>`;
        return html(page('Local Google Drive', INDEX_CSS, body));
      },
    },
    {
      method: 'GET', path: /^\/document\/d\/([^/]+)(?:\/(?:edit|view|preview))?\/?$/,
      handler(_req, _url, [id]) {
        const file = store.get(id!);
        if (!file?.doc) return notFoundPage('document');
        return html(documentPage(file, file.doc));
      },
    },
    {
      method: 'GET', path: /^\/file\/d\/([^/]+)\/view$/,
      handler(_req, _url, [id]) {
        const file = store.get(id!);
        if (!file) return notFoundPage('file');
        return html(page(file.name, INDEX_CSS, `<main><h1>${escapeHtml(file.name)}</h1><p class="muted">${escapeHtml(file.mimeType)} · no preview in the local Drive.</p></main>`));
      },
    },
    {
      method: 'GET', path: /^\/icons\/.+\.svg$/,
      handler: () => ({ body: DOC_ICON.replace('<svg ', '<svg xmlns="http://www.w3.org/2000/svg" '), contentType: 'image/svg+xml' }),
    },
  ];
}

const TokenBody = z.object({ email: z.email() });
const GrantBody = z.object({ email: z.email(), fileIds: z.array(z.string().min(1)).min(1) });
const Person = z.object({ name: z.string().min(1), email: z.email() });
const DocumentBody = z.object({
  name: z.string().min(1),
  text: z.string(),
  owner: Person.optional(),
  sharedWith: z.union([z.literal('*'), z.array(z.email())]).optional(),
  history: z.array(HistoryStepSchema).min(1).optional(),
});

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new GoogleApiError(400, { error: { code: 400, message: z.prettifyError(r.error) } });
  return r.data;
}

/**
 * Controls over HTTP, for tools that run the stand-in in another process. In-process callers
 * use the same controls on the object startDriveServer returns.
 */
export function devRoutes(store: DriveStore, baseUrl: () => string, addDocument: (doc: z.infer<typeof DocumentBody>) => { id: string }): Route[] {
  const badJson = (message: string) => new GoogleApiError(400, { error: { code: 400, message } });
  return [
    {
      method: 'POST', path: /^\/_dev\/tokens$/,
      async handler(req) {
        const { email } = parse(TokenBody, await readJson(req, badJson));
        const { token, expiresIn } = store.issueToken(email);
        return { json: { access_token: token, token_type: 'Bearer', expires_in: expiresIn, scope: 'https://www.googleapis.com/auth/drive.file' } };
      },
    },
    {
      method: 'POST', path: /^\/_dev\/grants$/,
      async handler(req) {
        const { email, fileIds } = parse(GrantBody, await readJson(req, badJson));
        try {
          store.grant(email, fileIds);
        } catch (err) {
          throw new GoogleApiError(404, { error: { code: 404, message: (err as Error).message } });
        }
        return { json: { email, fileIds: store.grantedIds(email) } };
      },
    },
    {
      method: 'POST', path: /^\/_dev\/documents$/,
      async handler(req) {
        return { json: addDocument(parse(DocumentBody, await readJson(req, badJson))) };
      },
    },
    {
      method: 'GET', path: /^\/_dev\/files$/,
      handler: () => ({
        json: store.all().map((f) => ({ id: f.id, name: f.name, mimeType: f.mimeType, owner: f.owner, modifiedTime: f.modifiedTime, webViewLink: webViewLink(baseUrl(), f), profile: f.profile ?? null })),
      }),
    },
  ];
}
