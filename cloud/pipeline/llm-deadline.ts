import { AsyncLocalStorage } from 'node:async_hooks';
import { LlmError } from '../llm/errors';

/**
 * One delivery's bound on the time it waits for Claude. The LLM client retries inside the call (the
 * SDK's retries, each with its own timeout, and one repair call), so a call that hangs can outlast
 * the task's dispatch deadline — and Cloud Tasks would then deliver the task again while the first
 * delivery is still waiting, and pay for a second call. `withLlmDeadline` ends the wait at the
 * budget with a retryable `timeout`, and aborts every HTTP request the call has in flight through
 * `deadlineFetch`, the transport under the SDK, which reads the budget's signal from the async
 * context (the client's API has no signal to pass).
 */

const scope = new AsyncLocalStorage<AbortSignal>();

/**
 * What the SDK gets for a request the budget ended: a 408 it must not retry (`x-should-retry:
 * false`), so the call fails at once as a `timeout` (recorded without cost, like any failed call)
 * instead of the SDK sleeping and retrying a request that can only abort again.
 */
function budgetEnded(): Response {
  const body = { type: 'error', error: { type: 'timeout_error', message: "The task's time for Claude ran out (GradeBot's own deadline)." } };
  return new Response(JSON.stringify(body), { status: 408, headers: { 'content-type': 'application/json', 'x-should-retry': 'false' } });
}

/** The transport under the Anthropic SDK: every request also ends when its task's LLM budget does. */
export function deadlineFetch(inner: typeof fetch = fetch): typeof fetch {
  const wrapped = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const budget = scope.getStore();
    if (!budget) return inner(input, init);
    if (budget.aborted) return budgetEnded();
    try {
      return await inner(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, budget]) : budget });
    } catch (err) {
      // Aborted by the budget (not by the SDK's own timeout): end the call here, without retries.
      if (budget.aborted && !init?.signal?.aborted) return budgetEnded();
      throw err;
    }
  };
  return wrapped as typeof fetch;
}

/** The retryable failure a call gets when its task's LLM budget runs out. */
export function llmDeadlineError(budgetMs: number): LlmError {
  return new LlmError('timeout', `task deadline: no answer within the delivery's LLM budget of ${Math.round(budgetMs)} ms`);
}

/**
 * Run `call` with at most `budgetMs` to answer. Past it: the requests it has in flight are aborted
 * (through deadlineFetch, which answers the SDK with a 408 it does not retry) and the returned
 * promise rejects with a retryable LlmError('timeout') at once, whatever the call still does.
 */
export async function withLlmDeadline<T>(budgetMs: number, call: () => Promise<T>): Promise<T> {
  const controller = new AbortController();
  if (budgetMs <= 0) throw llmDeadlineError(budgetMs);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = llmDeadlineError(budgetMs);
      controller.abort(err);
      reject(err);
    }, budgetMs);
  });
  const running = scope.run(controller.signal, call);
  // The loser of the race must not surface as an unhandled rejection.
  running.catch(() => undefined);
  expired.catch(() => undefined);
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
  }
}
