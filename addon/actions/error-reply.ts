import { errorCard } from '../cards/error-card';
import { upgradeCard } from '../cards/billing-cards';
import type { Formatter } from '../context';
import { ApiCallError, BackendUnavailableError, ConfigError, GoogleApiError, InputError } from '../errors';
import type { Action, Card } from '../platform/card-service';
import { notify, push, type Reply } from './reply';

const TROUBLE = 'GradeBot is having trouble right now. Try again in a minute.';

/** A card for errors that need the teacher's attention; undefined for those a notification covers. */
function cardFor(err: unknown, fmt: Formatter | undefined, retry: Action | undefined): Card | undefined {
  if (err instanceof ConfigError) return errorCard({ title: 'GradeBot is not set up', message: err.message });
  if (!(err instanceof ApiCallError)) return undefined;
  const e = err.error;
  switch (e.code) {
    case 'free_limit':
      return fmt ? upgradeCard({ kind: 'free', month: e.month, used: e.used, limit: e.limit, checkoutUrl: e.checkoutUrl }, fmt) : undefined;
    case 'paid_limit':
      return fmt ? upgradeCard({ kind: 'paid', month: e.month, limit: e.limit, resetsOn: e.resetsOn, note: e.note }, fmt) : undefined;
    case 'unauthenticated':
      return errorCard({
        title: 'Sign-in needed',
        message: "GradeBot couldn't confirm your Google sign-in. Close GradeBot and open it again; if this keeps happening, sign out of Google and back in.",
        retry,
      });
    case 'forbidden':
      return errorCard({ title: 'Not allowed', message: e.message });
    case 'not_found':
      return errorCard({ title: 'Not found', message: 'This assignment or student work no longer exists. It may have been deleted.' });
    default:
      return undefined;
  }
}

/** The one short line a notification shows for an error. */
function lineFor(err: unknown): string {
  if (err instanceof InputError || err instanceof BackendUnavailableError || err instanceof GoogleApiError) return err.message;
  if (err instanceof ApiCallError) {
    const e = err.error;
    if (e.code === 'validation_failed') return e.fields[0]?.message ?? e.message;
    if (e.code === 'rate_limited') return `GradeBot is busy. Try again in ${Math.max(1, e.retryAfterSeconds)} seconds.`;
    if (e.code === 'payload_too_large') return 'These Docs are too large to send together. Remove a few and try again.';
    if (e.code === 'conflict' || e.code === 'retry_limit') return e.message;
    return TROUBLE;
  }
  return 'Something went wrong. Try again; if it keeps happening, close GradeBot and open it again.';
}

/** Log what failed by kind and status, never by content: messages may quote what a teacher typed. */
export function logError(where: string, err: unknown): void {
  const kind = err instanceof Error ? err.name : typeof err;
  const detail = err instanceof ApiCallError ? { status: err.status, code: err.error.code } : err instanceof GoogleApiError ? { status: err.status } : {};
  const known = err instanceof InputError || err instanceof ApiCallError;
  console[known ? 'warn' : 'error'](JSON.stringify({ severity: known ? 'WARNING' : 'ERROR', where, kind, ...detail, stack: known ? undefined : err instanceof Error ? err.stack : undefined }));
}

/** Card actions: an error card where the teacher must act, otherwise a notification. */
export function replyForError(err: unknown, fmt: Formatter | undefined, retry?: Action): Reply {
  const card = cardFor(err, fmt, retry);
  return card ? push(card) : notify(lineFor(err));
}

/** Triggers (homepages, Drive selection) cannot notify: always a card. */
export function cardForError(err: unknown, fmt: Formatter | undefined): Card {
  return cardFor(err, fmt, undefined) ?? errorCard({ title: 'Something went wrong', message: lineFor(err) });
}
