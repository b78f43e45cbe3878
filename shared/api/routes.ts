import { z } from 'zod';
import { BillingLinkResponseSchema, BillingRequestSchema, DeleteAccountResponseSchema, MeResponseSchema, StatsResponseSchema } from './account';
import {
  AssignmentDetailSchema,
  AssignmentPageSchema,
  CreateAssignmentRequestSchema,
  CreateAssignmentResponseSchema,
  DeleteAssignmentResponseSchema,
  ListAssignmentsQuerySchema,
  SummaryEditSchema,
} from './assignments';
import { RegradeRequestSchema, RubricEditSchema, StartGradingRequestSchema } from './rubric';
import { CalibrateRequestSchema, SaveExamplesRequestSchema, SetExamplesRequestSchema } from './calibration';
import { GradingSettingsRequestSchema, GradingSettingsResponseSchema } from './settings';
import { DocWorksResponseSchema, MarkSentRequestSchema, RetryWorkRequestSchema, WorkEditSchema, WorkViewSchema } from './works';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** The `:name` segments of a path pattern, as a union of names. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** One route of the API: method, path pattern, body/query schemas (undefined: none), answer schema. */
export interface RouteSpec {
  readonly method: HttpMethod;
  readonly pattern: string;
  readonly body: z.ZodType | undefined;
  readonly query: z.ZodType | undefined;
  readonly response: z.ZodType;
  /** The success status. */
  readonly status: 200 | 201;
}

function route<const S extends RouteSpec>(spec: S): S {
  return spec;
}

/**
 * Every route the add-on calls, by name. The API registers one handler per entry and the add-on's
 * backend client calls them by name, so both sides share paths, bodies and answers.
 */
export const API_ROUTES = {
  createAssignment: route({ method: 'POST', pattern: '/assignments', body: CreateAssignmentRequestSchema, query: undefined, response: CreateAssignmentResponseSchema, status: 201 }),
  listAssignments: route({ method: 'GET', pattern: '/assignments', body: undefined, query: ListAssignmentsQuerySchema, response: AssignmentPageSchema, status: 200 }),
  getAssignment: route({ method: 'GET', pattern: '/assignments/:assignmentId', body: undefined, query: undefined, response: AssignmentDetailSchema, status: 200 }),
  deleteAssignment: route({ method: 'DELETE', pattern: '/assignments/:assignmentId', body: undefined, query: undefined, response: DeleteAssignmentResponseSchema, status: 200 }),
  editSummary: route({ method: 'PATCH', pattern: '/assignments/:assignmentId/summary', body: SummaryEditSchema, query: undefined, response: AssignmentDetailSchema, status: 200 }),
  editRubric: route({ method: 'PATCH', pattern: '/assignments/:assignmentId/rubric', body: RubricEditSchema, query: undefined, response: AssignmentDetailSchema, status: 200 }),
  startGrading: route({ method: 'POST', pattern: '/assignments/:assignmentId/start', body: StartGradingRequestSchema, query: undefined, response: AssignmentDetailSchema, status: 200 }),
  regrade: route({ method: 'POST', pattern: '/assignments/:assignmentId/regrade', body: RegradeRequestSchema, query: undefined, response: AssignmentDetailSchema, status: 200 }),
  getWork: route({ method: 'GET', pattern: '/assignments/:assignmentId/works/:workId', body: undefined, query: undefined, response: WorkViewSchema, status: 200 }),
  editWork: route({ method: 'PATCH', pattern: '/assignments/:assignmentId/works/:workId', body: WorkEditSchema, query: undefined, response: WorkViewSchema, status: 200 }),
  retryWork: route({ method: 'POST', pattern: '/assignments/:assignmentId/works/:workId/retry', body: RetryWorkRequestSchema, query: undefined, response: AssignmentDetailSchema, status: 200 }),
  markSent: route({ method: 'POST', pattern: '/assignments/:assignmentId/works/:workId/sent', body: MarkSentRequestSchema, query: undefined, response: WorkViewSchema, status: 200 }),
  findWorksByDoc: route({ method: 'GET', pattern: '/works/by-doc/:googleDocId', body: undefined, query: undefined, response: DocWorksResponseSchema, status: 200 }),
  getMe: route({ method: 'GET', pattern: '/me', body: undefined, query: undefined, response: MeResponseSchema, status: 200 }),
  getStats: route({ method: 'GET', pattern: '/stats', body: undefined, query: undefined, response: StatsResponseSchema, status: 200 }),
  createCheckout: route({ method: 'POST', pattern: '/billing/checkout', body: BillingRequestSchema, query: undefined, response: BillingLinkResponseSchema, status: 200 }),
  createPortal: route({ method: 'POST', pattern: '/billing/portal', body: BillingRequestSchema, query: undefined, response: BillingLinkResponseSchema, status: 200 }),
  getGradingSettings: route({ method: 'GET', pattern: '/settings/grading', body: undefined, query: undefined, response: GradingSettingsResponseSchema, status: 200 }),
  saveGradingSettings: route({ method: 'PATCH', pattern: '/settings/grading', body: GradingSettingsRequestSchema, query: undefined, response: GradingSettingsResponseSchema, status: 200 }),
  editAssignmentSettings: route({ method: 'PATCH', pattern: '/assignments/:assignmentId/settings', body: GradingSettingsRequestSchema, query: undefined, response: AssignmentDetailSchema, status: 200 }),
  setExamples: route({ method: 'POST', pattern: '/assignments/:assignmentId/examples', body: SetExamplesRequestSchema, query: undefined, response: AssignmentDetailSchema, status: 200 }),
  saveExamples: route({ method: 'POST', pattern: '/assignments/:assignmentId/examples/save', body: SaveExamplesRequestSchema, query: undefined, response: AssignmentDetailSchema, status: 200 }),
  calibrate: route({ method: 'POST', pattern: '/assignments/:assignmentId/calibrate', body: CalibrateRequestSchema, query: undefined, response: AssignmentDetailSchema, status: 200 }),
  deleteAccount: route({ method: 'DELETE', pattern: '/account', body: undefined, query: undefined, response: DeleteAccountResponseSchema, status: 200 }),
} as const;

export type ApiRoutes = typeof API_ROUTES;
export type RouteName = keyof ApiRoutes;
export type RouteParams<N extends RouteName> = { readonly [K in PathParams<ApiRoutes[N]['pattern']>]: string };
type SchemaInput<S> = S extends z.ZodType ? z.input<S> : undefined;
type SchemaOutput<S> = S extends z.ZodType ? z.output<S> : undefined;
/** What a client sends as the body (before defaults apply). */
export type RouteBody<N extends RouteName> = SchemaInput<ApiRoutes[N]['body']>;
/** What a server handler receives as the body (after parsing). */
export type ParsedRouteBody<N extends RouteName> = SchemaOutput<ApiRoutes[N]['body']>;
export type RouteQuery<N extends RouteName> = SchemaInput<ApiRoutes[N]['query']>;
export type RouteResponse<N extends RouteName> = z.output<ApiRoutes[N]['response']>;

/**
 * The path (and query string) of a call, e.g. `routePath('getWork', {assignmentId, workId})`.
 * Builds the query by hand: Apps Script has no URLSearchParams.
 */
export function routePath<N extends RouteName>(name: N, params: RouteParams<N>, query?: Record<string, string | number | undefined>): string {
  const values = params as Record<string, string>;
  const path = API_ROUTES[name].pattern.replace(/:([A-Za-z]+)/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined || value === '') throw new Error(`routePath(${name}): missing :${key}`);
    return encodeURIComponent(value);
  });
  const pairs = Object.entries(query ?? {}).filter((e): e is [string, string | number] => e[1] !== undefined);
  return pairs.length === 0 ? path : `${path}?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}`;
}

/** Find the route a request names: for servers and fakes. Path without query string. */
export function matchRoute(method: string, path: string): { name: RouteName; params: Record<string, string> } | undefined {
  const segments = path.replace(/\/+$/, '').split('/');
  for (const name of Object.keys(API_ROUTES) as RouteName[]) {
    const spec = API_ROUTES[name];
    if (spec.method !== method.toUpperCase()) continue;
    const pattern = spec.pattern.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((p, i) => {
      const seg = segments[i] ?? '';
      if (p.startsWith(':')) {
        if (!seg) return false;
        params[p.slice(1)] = decodeURIComponent(seg);
        return true;
      }
      return p === seg;
    });
    if (ok) return { name, params };
  }
  return undefined;
}
