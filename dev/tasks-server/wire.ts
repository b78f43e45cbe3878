import { z } from 'zod';

/**
 * The Cloud Tasks v2 REST JSON shapes (proto3 JSON mapping) the real client sends and expects.
 * The client asks for numeric enums (`$alt=json;enum-encoding=int`), so enum fields arrive as
 * numbers; names are accepted too so curl and hand-written requests work.
 */

const HTTP_METHODS = ['HTTP_METHOD_UNSPECIFIED', 'POST', 'GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;
export type HttpMethod = Exclude<(typeof HTTP_METHODS)[number], 'HTTP_METHOD_UNSPECIFIED'>;

const VIEWS = ['VIEW_UNSPECIFIED', 'BASIC', 'FULL'] as const;
export type TaskView = 'BASIC' | 'FULL';

/** A proto enum as name or number → its name. */
const protoEnum = <const T extends readonly [string, ...string[]]>(names: T) =>
  z.union([z.enum(names), z.coerce.number().int()]).transform((v, ctx) => {
    const name = typeof v === 'number' ? names[v] : v;
    if (name === undefined) {
      ctx.addIssue({ code: 'custom', message: `unknown enum value ${v}` });
      return z.NEVER;
    }
    return name as T[number];
  });

export const HttpMethodField = protoEnum(HTTP_METHODS).transform((m): HttpMethod => (m === 'HTTP_METHOD_UNSPECIFIED' ? 'POST' : m));
export const ViewField = protoEnum(VIEWS).transform((v): TaskView => (v === 'FULL' ? 'FULL' : 'BASIC'));

/** google.protobuf.Duration as JSON: "3s", "0.100s" → milliseconds. */
export const DurationField = z
  .string()
  .regex(/^\d+(\.\d{1,9})?s$/, 'a duration like "10s" or "0.5s"')
  .transform((s) => Math.round(Number(s.slice(0, -1)) * 1000));

/** google.protobuf.Timestamp as JSON (RFC 3339) → epoch milliseconds. */
export const TimestampField = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));

export const durationJson = (ms: number) => `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
export const timestampJson = (ms: number) => new Date(ms).toISOString();

export const OidcTokenIn = z.object({
  serviceAccountEmail: z.string().min(1),
  audience: z.string().optional(),
});

export const HttpRequestIn = z.object({
  url: z.string().regex(/^https?:\/\/[^/]+/, 'an http:// or https:// URL'),
  httpMethod: HttpMethodField.optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.base64().optional(),
  oidcToken: OidcTokenIn.optional(),
  oauthToken: z.unknown().optional(),
});

export const TaskIn = z.object({
  name: z.string().optional(),
  httpRequest: HttpRequestIn.optional(),
  appEngineHttpRequest: z.unknown().optional(),
  scheduleTime: TimestampField.optional(),
  dispatchDeadline: DurationField.optional(),
});

export const CreateTaskBody = z.object({
  task: TaskIn,
  responseView: ViewField.optional(),
});

export const RetryConfigIn = z.object({
  maxAttempts: z.number().int().min(-1).optional(),
  maxRetryDuration: DurationField.optional(),
  minBackoff: DurationField.optional(),
  maxBackoff: DurationField.optional(),
  maxDoublings: z.number().int().min(0).optional(),
});

export const RateLimitsIn = z.object({
  maxDispatchesPerSecond: z.number().positive().optional(),
  maxBurstSize: z.number().int().optional(),
  maxConcurrentDispatches: z.number().int().positive().optional(),
});

export const QueueIn = z.object({
  name: z.string().optional(),
  rateLimits: RateLimitsIn.optional(),
  retryConfig: RetryConfigIn.optional(),
});

export type RetryConfigInput = z.infer<typeof RetryConfigIn>;
export type RateLimitsInput = z.infer<typeof RateLimitsIn>;

/** A Cloud Tasks resource path, split into its parts (all already percent-decoded). */
export interface ResourcePath {
  project: string;
  location: string;
  queue?: string;
  task?: string;
  /** The custom verb after ':' (run, purge, pause, resume). */
  verb?: string;
}

const PATH = /^\/v2\/projects\/([^/]+)\/locations\/([^/]+)\/queues(?:\/([^/:]+)(\/tasks(?:\/([^/:]+))?)?)?(?::([a-zA-Z]+))?$/;

/** Parse a REST path like `/v2/projects/p/locations/l/queues/q/tasks/t:run`. */
export function parsePath(pathname: string): ResourcePath | undefined {
  const m = PATH.exec(pathname);
  if (!m) return undefined;
  const d = (s: string | undefined) => (s === undefined ? undefined : decodeURIComponent(s));
  return {
    project: d(m[1])!,
    location: d(m[2])!,
    queue: d(m[3]),
    // '' means the task collection ("queues/q/tasks"), undefined means no tasks segment at all.
    task: m[4] === undefined ? undefined : (d(m[5]) ?? ''),
    verb: m[6],
  };
}
