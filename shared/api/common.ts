import { z } from 'zod';
import type { EditableText } from '../domain';

/**
 * Building blocks of the add-on ⇄ API contract. Everything here must run in Apps Script too, which
 * has no `URL` global — so URLs are checked with a pattern, not `z.url()` (which calls `new URL`).
 */

/** An instant on the wire: ISO 8601 with an offset, e.g. `2025-09-01T14:03:00.000Z`. */
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });

/** A calendar day on the wire: `YYYY-MM-DD`. */
export const IsoDateSchema = z.iso.date();

/** A quota month: `YYYY-MM`. */
export const MonthSchema = z.string().regex(/^\d{4}-\d{2}$/, 'must be YYYY-MM');

/** An absolute http(s) URL, checked without `new URL` so Apps Script can parse it. */
export const HttpUrlSchema = z
  .string()
  .max(4000)
  .regex(/^https?:\/\/[^\s/?#]+(?:[/?#][^\s]*)?$/i, 'must be an http(s) URL');

/** {@link EditableText} on the wire: the AI's text, the teacher's text, when the teacher last edited. */
export const ApiEditableTextSchema = z.object({
  original: z.string(),
  current: z.string(),
  editedAt: IsoDateTimeSchema.nullable(),
});
export type ApiEditableText = z.infer<typeof ApiEditableTextSchema>;

/** Serialize a domain {@link EditableText}. */
export function toApiEditableText(t: EditableText): ApiEditableText {
  return { original: t.original, current: t.current, editedAt: t.editedAt ? t.editedAt.toISOString() : null };
}

/** The longest text a teacher may save into one piece of feedback. */
export const MAX_EDIT_CHARS = 10_000;

/** Text a teacher saves over a piece of feedback. */
export const EditTextSchema = z
  .string()
  .trim()
  .min(1, 'Enter some text, or keep the original')
  .max(MAX_EDIT_CHARS, `Keep it under ${MAX_EDIT_CHARS.toLocaleString('en-US')} characters`);

/** Query of every paginated list: an opaque cursor from the previous page and a page size. */
export const PageQuerySchema = z.object({
  cursor: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

/** One page of a list; `nextCursor` is null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().min(1).max(500).nullable() });
}

/**
 * Headers the add-on sends with every call besides `Authorization: Bearer <Google ID token>`.
 * The time zone is the teacher's (from the host app), so the API can keep streaks in local days.
 */
export const CLIENT_HEADERS = {
  timeZone: 'x-gradebot-time-zone',
  locale: 'x-gradebot-locale',
  /** The add-on bundle's version, for logs and for refusing clients that are too old. */
  clientVersion: 'x-gradebot-client',
} as const;

/** An IANA time zone name, as the host app reports it. */
export const TimeZoneSchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9_+\-/]+$/, 'is not a time zone name');
