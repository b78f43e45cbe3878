import { z } from 'zod';
import { HttpUrlSchema, IsoDateSchema, MonthSchema } from './common';

/**
 * The one error body every API route answers with: `{ error: { code, message, ... } }`. `message` is
 * worded for a teacher (the add-on may show it as is); `code` is what clients branch on. Codes that
 * need more to act on carry it: the fields that failed, where to upgrade, when the quota resets.
 */
export const API_ERROR_STATUS = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  /** A free teacher used this month's free assignment: upgrade. */
  free_limit: 402,
  /** A paid teacher used this month's assignments: wait for `resetsOn`. */
  paid_limit: 429,
  rate_limited: 429,
  /** Retry refused: the work (`scope: work`) or the teacher today (`scope: teacher`) used the Retries allowed. */
  retry_limit: 429,
  /** The request body is not JSON (a broken client); nothing was read or changed. */
  invalid_json: 400,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<string, number>;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;
export const ApiErrorCodeSchema = z.enum(Object.keys(API_ERROR_STATUS) as [ApiErrorCode, ...ApiErrorCode[]]);

/** One invalid field: a dotted path into the request body (`documents.3.title`) and what is wrong. */
export const FieldErrorSchema = z.object({ path: z.string().max(200), message: z.string().max(500) });
export type FieldError = z.infer<typeof FieldErrorSchema>;

const base = { message: z.string().min(1).max(1000), requestId: z.string().max(200).optional() };
const plain = (code: Exclude<ApiErrorCode, 'validation_failed' | 'free_limit' | 'paid_limit' | 'rate_limited' | 'retry_limit'>) =>
  z.object({ code: z.literal(code), ...base });

const QuotaFields = { month: MonthSchema, used: z.number().int().min(0), limit: z.number().int().min(0) };

export const ApiErrorSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('validation_failed'), ...base, fields: z.array(FieldErrorSchema).max(200) }),
  z.object({
    code: z.literal('free_limit'),
    ...base,
    ...QuotaFields,
    /** Stripe Checkout for the paid plan; null when it could not be made now (use POST /billing/checkout). */
    checkoutUrl: HttpUrlSchema.nullable(),
  }),
  z.object({
    code: z.literal('paid_limit'),
    ...base,
    ...QuotaFields,
    /** First day of the next quota month. */
    resetsOn: IsoDateSchema,
    /** Which month counts: the calendar month in the teacher's zone (shared/rules/quota.ts `quotaMonthNote`). */
    note: z.string().max(300).optional(),
  }),
  z.object({ code: z.literal('rate_limited'), ...base, retryAfterSeconds: z.number().int().min(0) }),
  z.object({
    code: z.literal('retry_limit'),
    ...base,
    /** `work`: this work used its Retries (a new assignment is the way on); `teacher`: today's are used. */
    scope: z.enum(['work', 'teacher']),
    limit: z.number().int().min(0),
    /** Until the teacher's Retries renew (the next UTC day); null for `work`. */
    retryAfterSeconds: z.number().int().min(0).nullable(),
  }),
  plain('invalid_json'),
  plain('unauthenticated'),
  plain('forbidden'),
  plain('not_found'),
  plain('conflict'),
  plain('payload_too_large'),
  plain('internal'),
  plain('unavailable'),
]);
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** The body of every non-2xx answer. */
export const ApiErrorBodySchema = z.object({ error: ApiErrorSchema });
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;

/** Turn zod issues into the contract's field list (paths joined with dots). */
export function fieldErrorsFrom(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
