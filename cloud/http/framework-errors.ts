import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * functions-framework parses every request body (body-parser) before our function runs, and hands
 * a parse error straight to express's final handler, which answers an HTML page — with the stack
 * trace and server paths unless NODE_ENV is "production" — to anyone, before authentication
 * (functions-framework-nodejs#686, open). Nothing of ours is on that path, so we replace the final
 * handler of the express app the framework creates: errors that reach it are answered with our
 * JSON error contract, in every environment. It must run before the framework builds its app
 * (at registration: in production the framework loads our module first, then builds the server).
 */

interface BodyError {
  type?: unknown;
  status?: unknown;
  statusCode?: unknown;
}

type Handle = (this: unknown, req: IncomingMessage, res: ServerResponse, callback?: (err?: unknown) => void) => unknown;
interface ExpressModule {
  application: { handle: Handle } & Record<symbol, boolean>;
}

const INSTALLED = Symbol.for('gradebot.frameworkErrors');

/** The error body for a request the framework refused, or for a path nothing routed. */
export function frameworkErrorBody(err: unknown): { status: number; body: { error: { code: string; message: string } } } {
  if (err === undefined) return { status: 404, body: { error: { code: 'not_found', message: 'No such route.' } } };
  const e = (typeof err === 'object' && err !== null ? err : {}) as BodyError;
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (e.type === 'entity.too.large') return { status: 413, body: { error: { code: 'payload_too_large', message: 'The request is too large.' } } };
  if (e.type === 'entity.parse.failed') return { status: 400, body: { error: { code: 'invalid_json', message: 'The request body is not valid JSON.' } } };
  // Unsupported charset or encoding, a body cut short or of the wrong length: still the body's fault.
  if (typeof e.type === 'string' && status >= 400 && status < 500) return { status: 400, body: { error: { code: 'invalid_json', message: 'The request body could not be read.' } } };
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side. Try again in a minute.' } } };
}

function answer(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { status, body } = frameworkErrorBody(err);
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

/**
 * Make every express app functions-framework creates from now on answer what reaches its final
 * handler with the JSON error contract. Idempotent. express is resolved from the framework's own
 * location, so this is the very module instance the framework builds its app with.
 */
export function answerFrameworkErrorsWithJson(): void {
  const fromFramework = createRequire(require.resolve('@google-cloud/functions-framework'));
  const express = fromFramework('express') as ExpressModule;
  const app = express.application;
  if (app[INSTALLED]) return;
  const handle = app.handle;
  app.handle = function (req, res, callback) {
    return handle.call(this, req, res, callback ?? ((err?: unknown) => answer(res, err)));
  };
  app[INSTALLED] = true;
}
