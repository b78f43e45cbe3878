import type { ApiError, FieldError } from '../shared/api';

/**
 * What can go wrong in the add-on, as types the dispatcher maps to cards and notifications (the only
 * place errors become UI). Messages are worded for a teacher and never contain student text.
 */
export class AddonError extends Error {
  override readonly name: string = 'AddonError';
}

/** The API answered with its error body. */
export class ApiCallError extends AddonError {
  override readonly name = 'ApiCallError';
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(error.message);
  }
}

/** GradeBot could not be reached, timed out, or answered something this add-on cannot read. */
export class BackendUnavailableError extends AddonError {
  override readonly name = 'BackendUnavailableError';
}

/** Drive or Docs refused a call made with the teacher's token. */
export class GoogleApiError extends AddonError {
  override readonly name = 'GoogleApiError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The teacher's input is not acceptable yet; `fields` say where. */
export class InputError extends AddonError {
  override readonly name = 'InputError';
  constructor(
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

/** Script Properties are missing or wrong: the deployment, not the teacher, must fix it. */
export class ConfigError extends AddonError {
  override readonly name = 'ConfigError';
}
