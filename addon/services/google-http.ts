import { GoogleApiError } from '../errors';
import type { FetchRequest, HttpResponse, UrlFetchAppApi } from '../platform/services';

/** Drive and Docs REST calls made with the teacher's own OAuth token (never sent to GradeBot). */
export interface GoogleHttp {
  get(url: string): HttpResponse;
  getAll(urls: string[]): HttpResponse[];
  postJson(url: string, body: unknown): HttpResponse;
}

export function createGoogleHttp(urlFetch: UrlFetchAppApi, oauthToken: () => string): GoogleHttp {
  const headers = () => ({ Authorization: `Bearer ${oauthToken()}` });
  const guard = <T>(f: () => T): T => {
    try {
      return f();
    } catch (err) {
      throw new GoogleApiError(`Google didn't answer (${/timeout/i.test(String(err)) ? 'timed out' : 'unreachable'}). Try again.`, 0);
    }
  };
  return {
    get: (url) => guard(() => urlFetch.fetch(url, { method: 'get', headers: headers(), muteHttpExceptions: true })),
    getAll: (urls) => guard(() => urlFetch.fetchAll(urls.map((url): FetchRequest => ({ url, method: 'get', headers: headers(), muteHttpExceptions: true })))),
    postJson: (url, body) =>
      guard(() => urlFetch.fetch(url, { method: 'post', headers: headers(), contentType: 'application/json', payload: JSON.stringify(body), muteHttpExceptions: true })),
  };
}
