import { randomUUID } from 'node:crypto';
import type { FunctionName } from '../config/core';
import type { Logger } from '../log';
import { sendError } from './send-error';
import type { HttpHandler, Request, Response } from './types';

export interface HostOptions {
  name: FunctionName;
  logger: Logger;
  projectId: string;
  version?: string;
}

/** The request's logger and id, for handlers (set by the host on `res.locals`). */
export function requestContext(res: Response): { logger: Logger; requestId: string } {
  return res.locals as { logger: Logger; requestId: string };
}

/**
 * Wraps a function body with what every function needs: a health check at `/health` (Cloud Run
 * reserves paths ending in "z"), a request id and a request-scoped logger carrying the Cloud Trace
 * id, one access-log line, and the translation of errors into status codes — here and in the
 * add-on's dispatcher only.
 */
export function hostFunction(handler: HttpHandler, opts: HostOptions): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    const started = performance.now();
    const trace = req.get('x-cloud-trace-context')?.split('/')[0];
    const requestId = req.get('x-request-id') ?? trace ?? randomUUID();
    const logger = opts.logger.child({
      function: opts.name,
      requestId,
      ...(trace ? { 'logging.googleapis.com/trace': `projects/${opts.projectId}/traces/${trace}` } : {}),
    });
    res.locals.logger = logger;
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    res.on('finish', () => {
      logger.info(`${req.method} ${req.path} ${res.statusCode}`, {
        httpRequest: { requestMethod: req.method, requestUrl: req.path, status: res.statusCode, latency: `${((performance.now() - started) / 1000).toFixed(3)}s` },
      });
    });

    if (req.method === 'GET' && req.path === '/health') {
      res.status(200).json({ status: 'ok', function: opts.name, version: opts.version ?? 'dev' });
      return;
    }
    await new Promise<void>((resolve) => {
      const next = (err?: unknown) => {
        if (err) sendError(res, err, logger);
        else if (!res.headersSent) res.status(404).json({ error: { code: 'not_found', message: `No route for ${req.method} ${req.path}.` } });
        resolve();
      };
      res.on('finish', () => resolve());
      res.on('close', () => resolve());
      try {
        Promise.resolve(handler(req, res, next)).catch(next);
      } catch (err) {
        next(err);
      }
    });
  };
}
