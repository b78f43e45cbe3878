import { LlmError } from '../../cloud/llm/errors';
import { decideRetry, type RetryPolicy } from '../../cloud/llm/retry-policy';

// Which failed attempts the LLM client retries inline, and after how long (cloud/llm/retry-policy.ts).

const policy: RetryPolicy = { maxRetries: 4, maxInlineRetryAfterMs: 10_000, baseBackoffMs: 250, maxBackoffMs: 4000 };
const err = (kind: ConstructorParameters<typeof LlmError>[0], extra: ConstructorParameters<typeof LlmError>[2] = {}) => new LlmError(kind, 'x', extra);

test.each([
  // error, abandoned, retries done, circuit → decision
  ['529 overloaded, first retry', err('overloaded', { status: 529 }), false, 0, 'closed', { retry: true, min: 125, max: 250 }],
  ['529 overloaded, third retry: the step doubled twice', err('overloaded', { status: 529 }), false, 2, 'closed', { retry: true, min: 500, max: 1000 }],
  ['500, backoff capped', err('server_error', { status: 500 }), false, 3, 'closed', { retry: true, min: 1000, max: 2000 }],
  ['connection error', err('connection'), false, 0, 'closed', { retry: true, min: 125, max: 250 }],
  ['abandoned past its deadline: at once', err('timeout'), true, 1, 'closed', { retry: true, min: 0, max: 0 }],
  ['429 with retry-after 2 s: exactly that', err('rate_limited', { status: 429, retryAfterMs: 2000 }), false, 0, 'closed', { retry: true, min: 2000, max: 2000 }],
  ['529 with retry-after 0.5 s: exactly that', err('overloaded', { status: 529, retryAfterMs: 500 }), false, 0, 'closed', { retry: true, min: 500, max: 500 }],
  ['429 without retry-after: backoff', err('rate_limited', { status: 429 }), false, 0, 'closed', { retry: true, min: 125, max: 250 }],
  ['429 with retry-after 30 s: the queue waits (the pipeline defers)', err('rate_limited', { status: 429, retryAfterMs: 30_000 }), false, 0, 'closed', { retry: false }],
  ['retries spent: the queue takes over', err('overloaded', { status: 529 }), false, 4, 'closed', { retry: false }],
  ['the circuit opened meanwhile', err('overloaded', { status: 529 }), false, 0, 'open', { retry: false }],
  ['half-open: only the probe goes', err('overloaded', { status: 529 }), true, 0, 'halfOpen', { retry: false }],
  ['the task budget ended it (x-should-retry: false)', err('timeout', { status: 408, noRetry: true }), false, 0, 'closed', { retry: false }],
  ['circuit_open', err('circuit_open'), false, 0, 'closed', { retry: false }],
  ['400 is permanent', err('bad_request', { status: 400 }), false, 0, 'closed', { retry: false }],
  ['a refusal is permanent', err('refusal'), false, 0, 'closed', { retry: false }],
] as const)('%s', (_name, error, abandoned, retriesDone, circuit, expected) => {
  for (const r of [0, 0.5, 0.999]) {
    const d = decideRetry({ error, abandoned, retriesDone, circuit }, policy, () => r);
    expect(d.retry).toBe(expected.retry);
    if (d.retry && expected.retry) {
      expect(d.delayMs).toBeGreaterThanOrEqual(expected.min);
      expect(d.delayMs).toBeLessThanOrEqual(expected.max);
    }
  }
});

test('the backoff is jittered: calls that failed together do not come back together', () => {
  const delays = new Set([0.1, 0.4, 0.7, 0.95].map((r) => decideRetry({ error: err('overloaded'), abandoned: false, retriesDone: 1, circuit: 'closed' }, policy, () => r)).map((d) => (d.retry ? d.delayMs : -1)));
  expect(delays.size).toBe(4);
});
