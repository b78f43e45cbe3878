import Anthropic from '@anthropic-ai/sdk';
import type { LlmConfig } from '../config/llm';

type Fetch = typeof fetch;

export interface AnthropicOptions {
  /** The transport; tests and benchmarks may wrap it. */
  fetch?: Fetch;
}

/**
 * The SDK client for the configured endpoint (Claude, or the local model server without a key).
 * It does not retry: the LLM client's attempts (attempts.ts) do, with a deadline per attempt from
 * the call's expected latency, backoff matched to the fault, `retry-after` honoured up to
 * LLM_MAX_INLINE_RETRY_AFTER_MS (longer ones go back to the pipeline), and hedging.
 */
export function createAnthropic(config: LlmConfig, opts: AnthropicOptions = {}): Anthropic {
  return new Anthropic({
    apiKey: config.apiKey,
    baseURL: config.baseUrl ?? null,
    maxRetries: 0,
    timeout: config.timeoutMs,
    fetch: opts.fetch ?? fetch,
  });
}
