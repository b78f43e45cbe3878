import { parseBatchUpdateBody } from './batch-requests';
import { applyBatchUpdate, DocsRequestError } from './batch-update';
import { documentJson, revisionId } from './doc-json';
import type { DocModel } from './doc-model';
import type { DriveFile, DriveStore } from './drive-store';
import { applyFieldMask, FieldMaskError, parseFieldMask } from './field-mask';
import { docsError } from './google-errors';
import { bearerUser, readJson, type Route } from './server-http';

const STATUS_CODE = { INVALID_ARGUMENT: 400, FAILED_PRECONDITION: 400, UNIMPLEMENTED: 501 } as const;

/** Docs v1: documents.get and documents.batchUpdate, under the drive.file scope's rules. */
export function docsRoutes(store: DriveStore): Route[] {
  const accessible = (email: string, id: string): DriveFile & { doc: DocModel } => {
    const file = store.get(id);
    if (!file) throw docsError(404, 'Requested entity was not found.');
    if (!store.canSee(email, file) || !store.isGranted(email, id)) throw docsError(403, 'The caller does not have permission');
    if (!file.doc) throw docsError(400, 'This operation is not supported for this document', 'FAILED_PRECONDITION');
    return file as DriveFile & { doc: DocModel };
  };

  return [
    {
      method: 'GET', path: /^\/v1\/documents\/([^/:]+)$/, api: true,
      handler(req, url, [id]) {
        const email = bearerUser(req, store, 'docs');
        const file = accessible(email, id!);
        const json = documentJson(file.id, file.name, file.doc, { includeTabsContent: url.searchParams.get('includeTabsContent') === 'true' });
        const fields = url.searchParams.get('fields');
        if (!fields) return { json };
        try {
          return { json: applyFieldMask(json, parseFieldMask(fields)) };
        } catch (err) {
          if (err instanceof FieldMaskError) throw docsError(400, `Request contains an invalid argument: ${err.message}`);
          throw err;
        }
      },
    },
    {
      method: 'POST', path: /^\/v1\/documents\/([^/:]+):batchUpdate$/, api: true,
      async handler(req, _url, [id]) {
        const email = bearerUser(req, store, 'docs');
        const raw = await readJson(req, (message) => docsError(400, message));
        const parsed = parseBatchUpdateBody(raw);
        if (!parsed.ok) {
          const details = [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: parsed.violations.map((v) => ({ field: v.field, description: v.description })) }];
          throw docsError(400, parsed.violations.map((v) => v.description).join('\n'), 'INVALID_ARGUMENT', details);
        }
        const file = accessible(email, id!);
        try {
          const { doc, replies } = applyBatchUpdate(file.doc, parsed.value, revisionId(file.id, file.doc.revision));
          store.updateDoc(file.id, doc, email);
          return { json: { documentId: file.id, replies, writeControl: { requiredRevisionId: revisionId(file.id, doc.revision) } } };
        } catch (err) {
          if (err instanceof DocsRequestError) throw docsError(STATUS_CODE[err.status], err.message, err.status);
          throw err;
        }
      },
    },
  ];
}
