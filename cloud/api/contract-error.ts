import { GradeBotError } from '../errors';

/**
 * The contract lists invalid fields as `[{path, message}]` (shared/api/errors.ts). Errors thrown
 * elsewhere with cloud/errors' `ValidationError` carry a `{path: [messages]}` record instead; this
 * turns them into the contract's list before the host writes the body.
 */
export function contractError(err: unknown): unknown {
  if (!(err instanceof GradeBotError) || err.code !== 'validation_failed') return err;
  const fields = err.details?.fields;
  if (Array.isArray(fields)) return err;
  const list =
    fields && typeof fields === 'object'
      ? Object.entries(fields as Record<string, unknown>).flatMap(([path, messages]) =>
          (Array.isArray(messages) ? messages : [messages]).map((message) => ({ path: path === '(body)' ? '' : path, message: String(message) })),
        )
      : [];
  return new GradeBotError('validation_failed', err.message, { ...err.details, fields: list });
}
