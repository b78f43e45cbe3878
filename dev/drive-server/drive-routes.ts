import { documentHtml } from './doc-page';
import { exportPlainText } from './doc-json';
import type { Json } from './doc-model';
import { DEFAULT_FILE_FIELDS, DEFAULT_LIST_FIELDS, DriveQueryError, fileResource, parseDriveQuery, sortFiles } from './drive-files';
import type { DriveFile, DriveStore } from './drive-store';
import { applyFieldMask, FieldMaskError, parseFieldMask } from './field-mask';
import { driveError } from './google-errors';
import { page } from './html';
import { bearerUser, type Route } from './server-http';

/** Mime types Drive can export a Google Doc to; only text/plain and text/html are served here. */
const DOC_EXPORTS = new Set([
  'text/plain', 'text/html', 'text/markdown', 'text/x-markdown', 'application/pdf', 'application/rtf', 'application/zip', 'application/epub+zip',
  'application/vnd.oasis.opendocument.text', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
]);
const SHEET_EXPORTS = new Set(['text/csv', 'text/tab-separated-values', 'application/pdf', 'application/zip', 'application/x-vnd.oasis.opendocument.spreadsheet', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);

const notFound = (id: string) => driveError(404, 'notFound', `File not found: ${id}.`, { name: 'fileId', type: 'parameter' });
const invalidValue = (param: string, message = 'Invalid Value') => driveError(400, 'invalid', message, { name: param, type: 'parameter' });

function masked(value: Json, fields: string | null, fallback: string): Json {
  try {
    return applyFieldMask(value, parseFieldMask(fields ?? fallback));
  } catch (err) {
    if (err instanceof FieldMaskError) throw driveError(400, 'invalidParameter', err.message, { name: 'fields', type: 'parameter' });
    throw err;
  }
}

/** Drive v3: files.get, files.export and files.list, under the drive.file scope's rules. */
export function driveRoutes(store: DriveStore, baseUrl: () => string): Route[] {
  // drive.file: a file the user has not opened with the app is, to the app, a file that does not exist.
  const accessible = (email: string, id: string): DriveFile => {
    const file = store.get(id);
    if (!file || !store.canSee(email, file) || !store.isGranted(email, id)) throw notFound(id);
    return file;
  };

  return [
    {
      method: 'GET', path: /^\/drive\/v3\/files$/, api: true,
      handler(req, url) {
        const email = bearerUser(req, store, 'drive');
        const pageSize = Number(url.searchParams.get('pageSize') ?? 100);
        if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw invalidValue('pageSize');
        const token = url.searchParams.get('pageToken');
        const offset = token === null ? 0 : Number(Buffer.from(token, 'base64url').toString());
        if (!Number.isInteger(offset) || offset < 0) throw invalidValue('pageToken');
        let files = store.all().filter((f) => store.canSee(email, f) && store.isGranted(email, f.id));
        try {
          const q = url.searchParams.get('q');
          if (q) files = files.filter(parseDriveQuery(q, email));
          files = sortFiles(files, url.searchParams.get('orderBy') ?? undefined);
        } catch (err) {
          if (err instanceof DriveQueryError) throw invalidValue(err.message.startsWith('unsupported orderBy') ? 'orderBy' : 'q');
          throw err;
        }
        const slice = files.slice(offset, offset + pageSize);
        const list: { [key: string]: Json } = { kind: 'drive#fileList', incompleteSearch: false, files: slice.map((f) => fileResource(f, baseUrl(), email)) };
        if (offset + pageSize < files.length) list.nextPageToken = Buffer.from(String(offset + pageSize)).toString('base64url');
        return { json: masked(list, url.searchParams.get('fields'), DEFAULT_LIST_FIELDS) };
      },
    },
    {
      method: 'GET', path: /^\/drive\/v3\/files\/([^/]+)$/, api: true,
      handler(req, url, [id]) {
        const email = bearerUser(req, store, 'drive');
        const file = accessible(email, id!);
        if (url.searchParams.get('alt') === 'media') {
          if (file.mimeType.startsWith('application/vnd.google-apps.')) {
            throw driveError(403, 'fileNotDownloadable', 'Only files with binary content can be downloaded. Use Export with Docs Editors files.', { name: 'alt', type: 'parameter' });
          }
          return { body: '', contentType: file.mimeType }; // sample non-Docs files carry no bytes
        }
        return { json: masked(fileResource(file, baseUrl(), email), url.searchParams.get('fields'), DEFAULT_FILE_FIELDS) };
      },
    },
    {
      method: 'GET', path: /^\/drive\/v3\/files\/([^/]+)\/export$/, api: true,
      handler(req, url, [id]) {
        const email = bearerUser(req, store, 'drive');
        const file = accessible(email, id!);
        const mimeType = url.searchParams.get('mimeType');
        if (!mimeType) throw driveError(400, 'required', 'Required parameter: mimeType', { name: 'mimeType', type: 'parameter' });
        if (!file.mimeType.startsWith('application/vnd.google-apps.')) throw driveError(403, 'fileNotExportable', 'Export only supports Docs Editors files.');
        const supported = file.doc ? DOC_EXPORTS : SHEET_EXPORTS;
        if (!supported.has(mimeType)) throw driveError(400, 'badRequest', 'The requested conversion is not supported.', { name: 'convertTo', type: 'parameter' });
        if (file.doc && mimeType === 'text/plain') return { body: exportPlainText(file.doc), contentType: 'text/plain; charset=UTF-8' };
        if (file.doc && mimeType === 'text/html') return { body: page(file.name, '', documentHtml(file.doc)), contentType: 'text/html; charset=UTF-8' };
        throw driveError(501, 'notImplemented', `The local Drive stand-in does not export ${file.mimeType} files as ${mimeType}; Google would. Use text/plain for Docs.`);
      },
    },
  ];
}
