import {
  API_ROUTES,
  ApiErrorBodySchema,
  CLIENT_HEADERS,
  routePath,
  type RouteBody,
  type RouteName,
  type RouteParams,
  type RouteResponse,
} from '../../shared/api';
import { ApiCallError, BackendUnavailableError } from '../errors';
import type { FetchRequest, HttpResponse, UrlFetchAppApi } from '../platform/services';

/** One call by route name. */
export interface BackendCall<N extends RouteName = RouteName> {
  name: N;
  params: RouteParams<N>;
  body?: RouteBody<N>;
  query?: Record<string, string | number | undefined>;
}
type AnyCall = { [N in RouteName]: BackendCall<N> }[RouteName];
type Results<C extends readonly AnyCall[]> = { -readonly [K in keyof C]: RouteResponse<C[K]['name']> };

/** The add-on's only way to reach GradeBot's API. */
export interface Backend {
  call<N extends RouteName>(call: BackendCall<N>): RouteResponse<N>;
  /** Several independent calls in one round trip (UrlFetchApp.fetchAll). */
  all<const C extends readonly AnyCall[]>(calls: C): Results<C>;
}

export interface BackendOptions {
  baseUrl: string;
  urlFetch: UrlFetchAppApi;
  /** A Google ID token for this user (ScriptApp.getIdentityToken), fetched once per invocation. */
  identityToken: () => string;
  timeZone: string;
  locale: string;
  clientVersion: string;
}

/**
 * Calls are typed by the shared route table and answers parsed with its schemas, so a backend that
 * drifts from the contract is caught here, not three cards later. UrlFetchApp has no timeout setting
 * (Google ends a fetch after about a minute); a timeout surfaces as a thrown exception and becomes
 * {@link BackendUnavailableError}, as do unreachable hosts and non-JSON gateways' pages.
 */
export function createBackend(o: BackendOptions): Backend {
  let token: string | undefined;
  const request = (c: AnyCall): FetchRequest => {
    const spec = API_ROUTES[c.name];
    token ??= o.identityToken();
    const req: FetchRequest = {
      url: `${o.baseUrl}${routePath(c.name, c.params as never, c.query)}`,
      method: spec.method.toLowerCase() as FetchRequest['method'],
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        [CLIENT_HEADERS.timeZone]: o.timeZone,
        [CLIENT_HEADERS.locale]: o.locale,
        [CLIENT_HEADERS.clientVersion]: o.clientVersion,
      },
      muteHttpExceptions: true,
      followRedirects: false,
    };
    if (spec.body) {
      req.contentType = 'application/json';
      req.payload = JSON.stringify(c.body ?? {});
    }
    return req;
  };

  const fetchAll = (reqs: FetchRequest[]): HttpResponse[] => {
    try {
      if (reqs.length === 1) {
        const { url, ...params } = reqs[0]!;
        return [o.urlFetch.fetch(url, params)];
      }
      return o.urlFetch.fetchAll(reqs);
    } catch (err) {
      const timeout = /timeout|timed out/i.test(String(err));
      throw new BackendUnavailableError(timeout ? 'GradeBot took too long to answer. Try again in a moment.' : "GradeBot can't be reached right now. Check your connection and try again.");
    }
  };

  const read = (c: AnyCall, res: HttpResponse): unknown => {
    const status = res.getResponseCode();
    let body: unknown;
    try {
      body = JSON.parse(res.getContentText());
    } catch {
      body = undefined;
    }
    if (status >= 200 && status < 300) {
      const parsed = API_ROUTES[c.name].response.safeParse(body);
      if (!parsed.success) throw new BackendUnavailableError('GradeBot answered in a way this add-on does not understand. Reload the add-on and try again.');
      return parsed.data;
    }
    const err = ApiErrorBodySchema.safeParse(body);
    if (err.success) throw new ApiCallError(status, err.data.error);
    throw new BackendUnavailableError(status >= 500 ? 'GradeBot is having trouble right now. Try again in a minute.' : `GradeBot refused the request (HTTP ${status}).`);
  };

  return {
    call(c) {
      const [res] = fetchAll([request(c as AnyCall)]);
      return read(c as AnyCall, res!) as never;
    },
    all(calls) {
      const responses = fetchAll(calls.map(request));
      return calls.map((c, i) => read(c, responses[i]!)) as never;
    },
  };
}
