import { ZodError } from 'zod';
import { ERROR_STATUS, GradeBotError } from '../errors';
import type { Logger } from '../log';
import type { Response } from './types';

/** The error body every function answers with: `{error: {code, message, ...details}}`. */
export function sendError(res: Response, err: unknown, logger: Logger): void {
  if (res.headersSent) {
    logger.error('error after response started', { err: asError(err) });
    return;
  }
  if (err instanceof GradeBotError) {
    const status = ERROR_STATUS[err.code];
    const log = status >= 500 ? logger.error : logger.info;
    log(`request failed: ${err.code}`, { code: err.code, reason: (err as { reason?: string }).reason });
    res.status(status).json({ error: { code: err.code, message: err.message, ...err.details } });
    return;
  }
  if (err instanceof ZodError) {
    const fields: Record<string, string[]> = {};
    for (const issue of err.issues) (fields[issue.path.join('.') || '(body)'] ??= []).push(issue.message);
    res.status(400).json({ error: { code: 'validation_failed', message: 'Some fields need attention.', fields } });
    return;
  }
  if (isBodyParserError(err)) {
    const tooLarge = err.type === 'entity.too.large';
    res.status(tooLarge ? 413 : 400).json({
      error: tooLarge
        ? { code: 'payload_too_large', message: 'The request is too large.' }
        : { code: 'invalid_json', message: 'The request body is not valid JSON.' },
    });
    return;
  }
  logger.error('unhandled error', { err: asError(err) });
  res.status(500).json({ error: { code: 'internal', message: 'Something went wrong on our side. Try again in a minute.' } });
}

function isBodyParserError(err: unknown): err is { type: string; status: number } {
  return typeof err === 'object' && err !== null && 'type' in err && typeof (err as { type: unknown }).type === 'string' && 'status' in err;
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
