import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { FakeHttpResponse, Transport } from './url-fetch';

// Runs in a worker: does the real fetch, then wakes the blocked caller through the shared int.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async ({ signal, port, request, timeoutMs }) => {
  let result;
  try {
    const headers = { ...request.headers };
    if (request.contentType) headers['content-type'] = request.contentType;
    const res = await fetch(request.url, { method: request.method, headers, body: request.payload, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const out = {};
    res.headers.forEach((v, k) => { out[k] = v; });
    result = { ok: true, response: { status: res.status, body: await res.text(), headers: out } };
  } catch (e) {
    result = { ok: false, timeout: e && e.name === 'TimeoutError', error: String((e && e.message) || e) };
  }
  port.postMessage(result);
  port.close();
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

export interface SyncHttp {
  /** A UrlFetchApp transport that makes real HTTP requests, synchronously. */
  transport: Transport;
  close(): Promise<void>;
}

/**
 * Real HTTP for the fake UrlFetchApp, synchronous like Apps Script's: a worker thread fetches while
 * the caller waits on Atomics.wait. The caller's thread is blocked meanwhile, so the servers it calls
 * must run on another thread or process (start them in a child process, or run the add-on bundle in
 * a worker) — a server on the same thread would never answer.
 */
export function createSyncHttp(opts: { timeoutMs?: number } = {}): SyncHttp {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  worker.unref();
  const transport: Transport = (request) => {
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ signal, port: port2, request, timeoutMs }, [port2]);
    Atomics.wait(signal, 0, 0, timeoutMs + 5_000);
    const received = receiveMessageOnPort(port1);
    port1.close();
    const msg = received?.message as { ok: true; response: FakeHttpResponse } | { ok: false; timeout: boolean; error: string } | undefined;
    if (!msg) throw new Error(`Exception: Timeout: ${request.url}`);
    if (!msg.ok) throw new Error(msg.timeout ? `Exception: Timeout: ${request.url}` : `Exception: Address unavailable: ${request.url} (${msg.error})`);
    return msg.response;
  };
  return { transport, close: async () => void (await worker.terminate()) };
}
