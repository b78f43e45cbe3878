import type { FetchParams, FetchRequest, HttpResponse, UrlFetchAppApi } from '../../addon/platform/services';

/** A request as UrlFetchApp would send it (header names as given, method upper-case). */
export interface FakeHttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  contentType?: string;
  payload?: string;
}
export interface FakeHttpResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/**
 * Where the fake's requests go: a synchronous function, because UrlFetchApp is synchronous. Use an
 * in-process router in unit tests, or {@link createSyncHttp} to reach real local servers.
 * Throw to simulate a network failure or a timeout (Apps Script throws then too).
 */
export type Transport = (request: FakeHttpRequest) => FakeHttpResponse;

export interface FakeUrlFetchApp extends UrlFetchAppApi {
  /** Every request sent, in order (fetchAll's in array order). */
  readonly requests: FakeHttpRequest[];
  /** How many fetch/fetchAll calls were made: each is one round trip. */
  readonly roundTrips: number;
}

class FakeHttpResponseImpl implements HttpResponse {
  constructor(private readonly r: FakeHttpResponse) {}
  getResponseCode() {
    return this.r.status;
  }
  getContentText() {
    return this.r.body;
  }
  getHeaders() {
    return { ...(this.r.headers ?? {}) };
  }
  getAllHeaders() {
    return this.getHeaders();
  }
  getContent(): number[] {
    return [...Buffer.from(this.r.body, 'utf8')];
  }
}

/**
 * UrlFetchApp over a transport, with Apps Script's behaviour where the add-on depends on it:
 * non-2xx throws unless muteHttpExceptions, fetchAll is one round trip, and (optionally) URLs outside
 * the manifest's urlFetchWhitelist are refused.
 */
export function createUrlFetchApp(opts: { transport: Transport; whitelist?: string[] }): FakeUrlFetchApp {
  const requests: FakeHttpRequest[] = [];
  let roundTrips = 0;
  const send = (url: string, p: FetchParams = {}): HttpResponse => {
    if (opts.whitelist && !opts.whitelist.some((prefix) => url.startsWith(prefix))) {
      throw new Error(`Exception: You do not have permission to call UrlFetchApp.fetch(${url}): not in urlFetchWhitelist`);
    }
    const req: FakeHttpRequest = { url, method: (p.method ?? 'get').toUpperCase(), headers: { ...(p.headers ?? {}) } };
    if (p.contentType) req.contentType = p.contentType;
    if (p.payload !== undefined) req.payload = p.payload;
    requests.push(req);
    const res = opts.transport(req);
    if (!p.muteHttpExceptions && (res.status < 200 || res.status >= 300)) {
      throw new Error(`Exception: Request failed for ${url} returned code ${res.status}. Truncated server response: ${res.body.slice(0, 100)}`);
    }
    return new FakeHttpResponseImpl(res);
  };
  return {
    requests,
    get roundTrips() {
      return roundTrips;
    },
    fetch(url, params) {
      roundTrips++;
      return send(url, params);
    },
    fetchAll(reqs: FetchRequest[]) {
      roundTrips++;
      return reqs.map(({ url, ...params }) => send(url, params));
    },
  };
}
