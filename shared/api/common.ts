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

const URL_PARTS = /^https?:\/\/(?:([^\s/?#@]*)@)?([^\s/?#:@]*)(?::([^\s/?#]*))?([/?#]\S*)?$/i;
const USERINFO = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|%[0-9A-Fa-f]{2})*$/;
const HOST_LABEL = /^[\p{L}\p{N}\p{M}_](?:[\p{L}\p{N}\p{M}_-]{0,61}[\p{L}\p{N}\p{M}_])?$/u;
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F]/;

/**
 * Why `value` is not an absolute http(s) URL we store, or undefined. Stricter than WHATWG parsing
 * (no IPv6 literal, no shortened IPv4, every "%" a valid escape) so that whatever passes here is a
 * URL everywhere: this one check decides at the edge and in the store (SelectedDocumentSchema).
 */
export function httpUrlProblem(value: string): string | undefined {
  const m = URL_PARTS.exec(value);
  if (!m || CONTROL.test(value)) return 'must be an http(s) URL';
  const [, userinfo, host = '', port, rest = ''] = m;
  if (userinfo !== undefined && !USERINFO.test(userinfo)) return 'has a user name that is not valid in a URL';
  const labels = host.replace(/\.$/, '').split('.');
  if (host.length === 0 || host.length > 253 || !labels.every((l) => HOST_LABEL.test(l))) return 'has a host name that is not valid';
  if (/^(?:\d+|0x[0-9a-f]*)$/i.test(labels[labels.length - 1]!) && !(labels.length === 4 && labels.every((l) => /^\d{1,3}$/.test(l) && Number(l) <= 255))) {
    return 'has a host name that is not valid';
  }
  if (port !== undefined && port !== '' && !(/^\d{1,5}$/.test(port) && Number(port) <= 65535)) return 'has a port that is not a number from 0 to 65535';
  if (BAD_PERCENT.test(rest)) return 'has a "%" that is not followed by two hexadecimal digits';
  return undefined;
}

/** An absolute http(s) URL, checked without `new URL` (Apps Script has none) by {@link httpUrlProblem}. */
export const HttpUrlSchema = z
  .string()
  .max(4000)
  .superRefine((value, ctx) => {
    const problem = httpUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as it can be stored: lone UTF-16 surrogates (not valid Unicode; Firestore refuses them)
 * replaced with U+FFFD, like `String.prototype.toWellFormed`, which Apps Script may lack.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/** {@link wellFormed} applied to every string (and key) of a JSON value. */
export function wellFormedDeep(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (Array.isArray(value)) return value.map(wellFormedDeep);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [wellFormed(k), wellFormedDeep(v)]));
  }
  return value;
}

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
