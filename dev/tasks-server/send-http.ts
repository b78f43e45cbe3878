import http from 'node:http';
import https from 'node:https';

/** What came back from one dispatch: a response, or none (refused, reset, deadline passed). */
export type SendResult =
  | { kind: 'response'; status: number; retryAfterMs?: number }
  | { kind: 'no-response'; reason: 'deadline' | 'aborted' | 'connection'; message: string };

export interface SendRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
  deadlineMs: number;
  /** Aborts the request when the server closes. */
  signal: AbortSignal;
}

/**
 * Plain node:http(s) rather than fetch, so the server owns its sockets (agents destroyed on close,
 * nothing left for jest to wait on) and a dispatch deadline is one timer.
 */
export function createSender() {
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

  const send = (req: SendRequest): Promise<SendResult> =>
    new Promise((resolve) => {
      const url = new URL(req.url);
      const lib = url.protocol === 'https:' ? https : http;
      const agent = url.protocol === 'https:' ? agents.https : agents.http;
      let settled = false;
      const done = (r: SendResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.signal.removeEventListener('abort', onAbort);
        resolve(r);
      };
      const headers = { ...req.headers, ...(req.body ? { 'Content-Length': String(req.body.length) } : {}) };
      const out = lib.request(url, { method: req.method, headers, agent }, (res) => {
        const status = res.statusCode ?? 0;
        const retryAfterMs = parseRetryAfter(res.headers['retry-after']);
        // Cloud Tasks reads the status, not the body; drain so the socket can be reused.
        res.resume();
        res.on('end', () => done({ kind: 'response', status, retryAfterMs }));
        res.on('error', () => done({ kind: 'response', status, retryAfterMs }));
      });
      const timer = setTimeout(() => {
        out.destroy();
        done({ kind: 'no-response', reason: 'deadline', message: `no response within ${req.deadlineMs}ms` });
      }, req.deadlineMs);
      const onAbort = () => {
        out.destroy();
        done({ kind: 'no-response', reason: 'aborted', message: 'server closing' });
      };
      req.signal.addEventListener('abort', onAbort);
      out.on('error', (err) => done({ kind: 'no-response', reason: 'connection', message: err.message }));
      out.end(req.body);
    });

  return {
    send,
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
