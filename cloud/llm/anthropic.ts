import Anthropic from '@anthropic-ai/sdk';
import type { LlmConfig } from '../config/llm';
import { retryAfterMs } from './errors';

type Fetch = typeof fetch;

export interface AnthropicOptions {
  /** The transport; tests and benchmarks may wrap it. */
  fetch?: Fetch;
}

/**
 * The SDK client for the configured endpoint (Claude, or the local model server without a key),
 * with the SDK's own retries and per-attempt timeout from configuration.
 */
export function createAnthropic(config: LlmConfig, opts: AnthropicOptions = {}): Anthropic {
  return new Anthropic({
    apiKey: config.apiKey,
    baseURL: config.baseUrl ?? null,
    maxRetries: config.maxRetries,
    timeout: config.timeoutMs,
    fetch: capInlineRetryAfter(opts.fetch ?? fetch, config.maxInlineRetryAfterMs),
  });
}

/**
 * The SDK honours any `retry-after`, however long, by sleeping inside the request. A Cloud Run
 * instance should not sit idle for a minute: when the API asks for a longer wait than `maxMs`,
 * tell the SDK not to retry (`x-should-retry: false`) so the error reaches the pipeline with its
 * `retryAfterMs`, and Cloud Tasks retries the task after that delay instead.
 */
export function capInlineRetryAfter(inner: Fetch, maxMs: number): Fetch {
  const wrapped = async (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
    const res = await inner(input, init);
    if (res.status !== 429 && res.status !== 529 && res.status !== 503) return res;
    const wait = retryAfterMs(res.headers);
    if (wait === undefined || wait <= maxMs) return res;
    const headers = new Headers(res.headers);
    headers.set('x-should-retry', 'false');
    return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
  };
  return wrapped as Fetch;
}
