import type { z } from 'zod';
import { fieldErrorsFrom, wellFormedDeep } from '../../shared/api';
import { GoogleDocIdSchema, IdSchema } from '../../shared/domain';
import { GradeBotError, NotFoundError } from '../errors';

/**
 * Validation at the API's edge. Failures become the contract's `validation_failed` body with a
 * list of `{path, message}` (shared/api/errors.ts), worded for a teacher by the shared schemas.
 */

/** A `validation_failed` error in the contract's shape. */
export function validationError(fields: { path: string; message: string }[], message = 'Some fields need attention.'): GradeBotError {
  return new GradeBotError('validation_failed', message, { fields });
}

/**
 * Parse a body or query with its contract schema; `prefix` names where the fields live. Strings are
 * made well-formed first (lone surrogates → U+FFFD): Firestore refuses them, and a title with one
 * must not become a 500 at admission.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(wellFormedDeep(value));
  if (result.success) return result.data;
  const fields = fieldErrorsFrom(result.error).map((f) => ({ ...f, path: prefix ? [prefix, f.path].filter(Boolean).join('.') : f.path }));
  throw validationError(fields);
}

/**
 * A path segment naming a stored document. Ids we never issue name nothing, so a malformed one is
 * a 404 like an unknown one (and never reaches Firestore, where "/" would change the path).
 */
export function documentId(value: string | undefined, what: string): string {
  const parsed = IdSchema.safeParse(value);
  if (!parsed.success) throw new NotFoundError(what);
  return parsed.data;
}

/** A Google Doc id in a path. */
export function googleDocId(value: string | undefined): string {
  const parsed = GoogleDocIdSchema.safeParse(value);
  if (!parsed.success) throw new NotFoundError('That Doc');
  return parsed.data;
}
