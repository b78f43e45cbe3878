import type { Json } from './doc-model';
import type { DriveFile, DriveStore } from './drive-store';
import { applyFieldMask, FieldMaskError, parseFieldMask } from './field-mask';
import { driveError } from './google-errors';
import { revisionResource } from './revisions';
import { bearerUser, type Route } from './server-http';

/** What revisions.list returns without `fields` (Drive's default: ids, MIME types and times only). */
export const DEFAULT_REVISION_LIST_FIELDS = 'kind,nextPageToken,revisions(kind,id,mimeType,modifiedTime)';

const notFound = (id: string) => driveError(404, 'notFound', `File not found: ${id}.`, { name: 'fileId', type: 'parameter' });

/**
 * Drive v3 `revisions.list` and the export links its revisions carry
 * (docs.google.com/feeds/download/documents/export/Export?id=&revision=&exportFormat=txt), under
 * the drive.file scope's rules: a file the user has not opened with the app does not exist.
 */
export function revisionRoutes(store: DriveStore, baseUrl: () => string): Route[] {
  const accessible = (email: string, id: string): DriveFile => {
    const file = store.get(id);
    if (!file || !store.canSee(email, file) || !store.isGranted(email, id)) throw notFound(id);
    return file;
  };
  return [
    {
      method: 'GET', path: /^\/drive\/v3\/files\/([^/]+)\/revisions$/, api: true,
      handler(req, url, [id]) {
        const email = bearerUser(req, store, 'drive');
        const file = accessible(email, id!);
        const pageSize = Number(url.searchParams.get('pageSize') ?? 200);
        if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw driveError(400, 'invalid', 'Invalid Value', { name: 'pageSize', type: 'parameter' });
        const token = url.searchParams.get('pageToken');
        const offset = token === null ? 0 : Number(Buffer.from(token, 'base64url').toString());
        if (!Number.isInteger(offset) || offset < 0) throw driveError(400, 'invalid', 'Invalid Value', { name: 'pageToken', type: 'parameter' });
        const all = store.revisionsOf(file);
        const list: { [key: string]: Json } = { kind: 'drive#revisionList', revisions: all.slice(offset, offset + pageSize).map((r) => revisionResource(file.id, r, baseUrl(), email)) };
        if (offset + pageSize < all.length) list.nextPageToken = Buffer.from(String(offset + pageSize)).toString('base64url');
        try {
          return { json: applyFieldMask(list, parseFieldMask(url.searchParams.get('fields') ?? DEFAULT_REVISION_LIST_FIELDS)) };
        } catch (err) {
          if (err instanceof FieldMaskError) throw driveError(400, 'invalidParameter', err.message, { name: 'fields', type: 'parameter' });
          throw err;
        }
      },
    },
    {
      method: 'GET', path: /^\/feeds\/download\/documents\/export\/Export$/, api: true,
      handler(req, url) {
        const email = bearerUser(req, store, 'drive');
        const id = url.searchParams.get('id') ?? '';
        const file = accessible(email, id);
        const revision = store.revisionsOf(file).find((r) => r.id === url.searchParams.get('revision'));
        if (!revision) throw driveError(404, 'revisionNotFound', `Revision not found: ${url.searchParams.get('revision') ?? ''}.`);
        const format = url.searchParams.get('exportFormat');
        if (format === 'txt') return { body: revision.text, contentType: 'text/plain; charset=UTF-8' };
        // The stand-in keeps each revision as its plain-text export only.
        if (format === 'html') throw driveError(501, 'notImplemented', 'The local Drive stand-in exports revisions as txt only; Google would give html too.');
        throw driveError(400, 'badRequest', 'The requested conversion is not supported.', { name: 'exportFormat', type: 'parameter' });
      },
    },
  ];
}
