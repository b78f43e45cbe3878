import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MODEL_PRICES } from '../../shared/rules/pricing';
import { answer, taskKind } from './answer';
import { type ApiErrorType, API_ERRORS, errorBody } from './api-errors';
import { z } from 'zod';
import { ControlRequestSchema, createControls, type Fault, type ModelServerSettingsInput, type ScriptStep, type ServerTaskKind, type SettingsPatch } from './controls';
import { MessagesRequestSchema, segments } from './messages-request';
import { type CacheUsage, createPromptCache } from './prompt-cache';
import { charsPerToken, estimateTokens } from './tokenizer';

export interface ModelServerOptions extends ModelServerSettingsInput {
  host?: string;
  port: number;
  /** Models answered besides those in the price table (others get the API's 404). */
  extraModels?: string[];
  /** Clock for cache TTLs (ms); tests may advance it. */
  now?: () => number;
}

/** One handled /v1/messages request, for tests and benchmarks. */
export interface ServedRequest {
  requestId: string;
  model: string;
  kind: ServerTaskKind;
  outcome: Fault | 'ok';
  usage?: CacheUsage & { outputTokens: number };
}

export interface ModelServer {
  url: string;
  close(): Promise<void>;
  /** Change settings, script faults, reset, or clear the prompt cache at run time. */
  controls: {
    /** Merge settings: unnamed ones keep their values (see SettingsPatchSchema). */
    update(patch: SettingsPatch): void;
    script(steps: ScriptStep[]): void;
    reset(settings?: ModelServerSettingsInput): void;
    clearCache(): void;
  };
  /** Requests to /v1/messages so far, oldest first (the last 5,000). */
  served(): ServedRequest[];
}

const MAX_BODY = 32 * 1024 * 1024;

/**
 * A local stand-in for Anthropic's Messages API (POST /v1/messages, /v1/messages/count_tokens,
 * GET /v1/models) that answers structured-output requests with schema-valid, clearly labelled
 * offline feedback, bills tokens and prompt-cache use like the API, and injects latency and faults.
 * Control it through the returned object or over HTTP: GET/POST /_control.
 */
export async function startModelServer(opts: ModelServerOptions): Promise<ModelServer> {
  const { host = '127.0.0.1', port, extraModels = [], now = Date.now, ...settings } = opts;
  const controls = createControls(settings);
  const cache = createPromptCache(now);
  const models = new Set([...Object.keys(MODEL_PRICES), ...extraModels]);
  const served: ServedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let seq = 0;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    if (res.destroyed || res.headersSent) return;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }
  const fail = (res: ServerResponse, type: ApiErrorType, message: string, id: string, headers: Record<string, string> = {}) =>
    send(res, API_ERRORS[type], errorBody(type, message, id), headers);

  async function readJson(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) throw new RangeError('request_too_large');
      chunks.push(chunk as Buffer);
    }
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  }

  async function messages(body: unknown, res: ServerResponse, id: string) {
    const parsed = MessagesRequestSchema.safeParse(body);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      return fail(res, 'invalid_request_error', `${i?.path.join('.') || 'body'}: ${i?.message ?? 'invalid request'}`, id);
    }
    const r = parsed.data;
    if (r.stream) return fail(res, 'invalid_request_error', 'stream: the local model server answers non-streaming requests only', id);
    if (!models.has(r.model)) return fail(res, 'not_found_error', `model: ${r.model}`, id);
    const s = controls.settings();
    const fault = controls.nextFault();
    const kind = taskKind(r);
    const log: ServedRequest = { requestId: id, model: r.model, kind, outcome: fault ?? 'ok' };
    served.push(log);
    if (served.length > 5000) served.shift();
    const retryAfter: Record<string, string> = { 'retry-after': String(Math.ceil(s.retryAfterSeconds)) };
    if (s.retryAfterMs !== undefined) retryAfter['retry-after-ms'] = String(s.retryAfterMs);
    switch (fault) {
      case 'overloaded':
        return fail(res, 'overloaded_error', 'Overloaded', id, s.retryAfterOnOverloaded ? retryAfter : {});
      case 'rate_limit':
        return fail(res, 'rate_limit_error', 'This request would exceed the rate limit (local model server fault injection).', id, retryAfter);
      case 'server_error':
        return fail(res, 'api_error', 'Internal server error (local model server fault injection).', id);
      case 'bad_request':
        return fail(res, 'invalid_request_error', 'Invalid request (local model server fault injection).', id);
      case 'timeout':
        return; // hang: the client's timeout decides; close() ends the socket
    }
    const latency = controls.latencyMs(kind);
    const min = s.cacheMinimumTokens ?? MODEL_PRICES[r.model]?.minCacheableTokens ?? 1024;
    const cpt = charsPerToken(r.model);
    const usage = cache.use(r.model, segments(r, cpt), min, latency * s.firstTokenFraction);
    const a = answer(r, fault, cpt, { fabricatedEvidence: s.fabricatedEvidence });
    const outputTokens = estimateTokens(a.text, cpt);
    log.usage = { ...usage, outputTokens };
    await wait(latency);
    send(
      res,
      200,
      {
        id: `msg_local_${randomBytes(12).toString('hex')}`,
        type: 'message',
        role: 'assistant',
        model: r.model,
        content: a.stopReason === 'refusal' ? [] : [{ type: 'text', text: a.text }],
        stop_reason: a.stopReason,
        stop_sequence: null,
        usage: {
          input_tokens: usage.inputTokens,
          output_tokens: outputTokens,
          cache_creation_input_tokens: usage.cacheWrite5m + usage.cacheWrite1h,
          cache_read_input_tokens: usage.cacheRead,
          cache_creation: { ephemeral_5m_input_tokens: usage.cacheWrite5m, ephemeral_1h_input_tokens: usage.cacheWrite1h },
          service_tier: 'standard',
          server_tool_use: null,
          inference_geo: null,
          output_tokens_details: null,
          speed: 'standard',
        },
      },
      { 'request-id': id },
    );
  }

  function countTokens(body: unknown, res: ServerResponse, id: string) {
    const parsed = MessagesRequestSchema.safeParse({ max_tokens: 1, ...(body as object) });
    if (!parsed.success) return fail(res, 'invalid_request_error', parsed.error.issues[0]?.message ?? 'invalid request', id);
    send(res, 200, { input_tokens: segments(parsed.data, charsPerToken(parsed.data.model)).reduce((n, seg) => n + seg.tokens, 0) }, { 'request-id': id });
  }

  function control(body: unknown, res: ServerResponse, id: string) {
    const parsed = ControlRequestSchema.safeParse(body);
    if (!parsed.success) return fail(res, 'invalid_request_error', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), id);
    const c = parsed.data;
    if (c.reset) controls.reset();
    if (c.settings) {
      try {
        controls.update(c.settings);
      } catch (err) {
        const issues = err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : String(err);
        return fail(res, 'invalid_request_error', issues, id);
      }
    }
    if (c.script) controls.script(c.script);
    if (c.clearCache) cache.clear();
    send(res, 200, { settings: controls.settings(), pendingScript: controls.pendingScript() });
  }

  const server = createServer((req, res) => {
    const id = `req_local_${(++seq).toString().padStart(6, '0')}${randomBytes(6).toString('hex')}`;
    res.setHeader('request-id', id);
    const url = new URL(req.url ?? '/', 'http://local');
    const route = `${req.method} ${url.pathname}`;
    void (async () => {
      if (route === 'GET /_control') return send(res, 200, { settings: controls.settings(), pendingScript: controls.pendingScript(), served: served.length, cacheEntries: cache.size() });
      if (url.pathname.startsWith('/v1/') && !req.headers['x-api-key'] && !req.headers.authorization) {
        return fail(res, 'authentication_error', 'x-api-key header is required', id);
      }
      if (route === 'GET /v1/models') {
        const data = [...models].map((m) => ({ type: 'model', id: m, display_name: m, created_at: '2026-01-01T00:00:00Z' }));
        return send(res, 200, { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
      }
      const handlers: Record<string, (body: unknown, res: ServerResponse, id: string) => unknown> = {
        'POST /v1/messages': messages,
        'POST /v1/messages/count_tokens': countTokens,
        'POST /_control': control,
      };
      const handler = handlers[route];
      if (!handler) return fail(res, 'not_found_error', `${route} is not served by the local model server`, id);
      let body: unknown;
      try {
        body = await readJson(req);
      } catch (err) {
        return err instanceof RangeError ? fail(res, 'request_too_large', 'Request exceeds the maximum size', id) : fail(res, 'invalid_request_error', 'Request body is not valid JSON', id);
      }
      await handler(body, res, id);
    })().catch((err: unknown) => fail(res, 'api_error', err instanceof Error ? err.message : 'internal error', id));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    controls: {
      update: (patch) => controls.update(patch),
      script: (steps) => controls.script(steps),
      reset: (s) => {
        controls.reset(s);
        cache.clear();
      },
      clearCache: () => cache.clear(),
    },
    served: () => [...served],
  };
}
