import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Json } from './doc-model';
import { authError, GoogleApiError } from './google-errors';
import type { DriveStore } from './drive-store';

/** What a route answers; the server writes it. */
export type Reply =
  | { status?: number; json: Json | object; headers?: Record<string, string> }
  | { status?: number; body: string; contentType: string; headers?: Record<string, string> };

export type Handler = (req: IncomingMessage, url: URL, params: string[]) => Reply | Promise<Reply>;

export interface Route {
  method: 'GET' | 'POST';
  path: RegExp;
  handler: Handler;
  /** Google API routes answer cross-origin requests, as googleapis.com does. */
  api?: boolean;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The request body as text; over 5 MB is refused. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new GoogleApiError(413, { error: { code: 413, message: 'Request payload is too large.', status: 'INVALID_ARGUMENT' } });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body; `onBad` builds the error the calling API gives for malformed JSON. */
export async function readJson(req: IncomingMessage, onBad: (message: string) => GoogleApiError): Promise<unknown> {
  const text = await readBody(req);
  try {
    return JSON.parse(text || '{}');
  } catch (err) {
    throw onBad(`Invalid JSON payload received. ${(err as Error).message}`);
  }
}

/** The user behind `Authorization: Bearer <token>`, or the 401 Google would send. */
export function bearerUser(req: IncomingMessage, store: DriveStore, api: 'drive' | 'docs'): string {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!m) throw authError(api, 'missing');
  const check = store.checkToken(m[1]!);
  if (!check.ok) throw authError(api, 'invalid');
  return check.email;
}

export function writeReply(res: ServerResponse, reply: Reply, extraHeaders: Record<string, string> = {}): void {
  const headers = { 'cache-control': 'no-store', ...extraHeaders, ...reply.headers };
  if ('json' in reply) {
    res.writeHead(reply.status ?? 200, { ...headers, 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(reply.json, null, 2));
  } else {
    res.writeHead(reply.status ?? 200, { ...headers, 'content-type': reply.contentType });
    res.end(reply.body);
  }
}

export function html(body: string, status = 200): Reply {
  return { status, body, contentType: 'text/html; charset=utf-8' };
}

export function errorReply(err: unknown): Reply {
  if (err instanceof GoogleApiError) return { status: err.httpStatus, json: err.body, headers: err.headers };
  const message = err instanceof Error ? err.message : String(err);
  return { status: 500, json: { error: { code: 500, message: `Internal error in the local Drive stand-in: ${message}`, status: 'INTERNAL' } } };
}
