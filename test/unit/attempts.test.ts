import { HEDGE_RECHECK_MS, runAttempts, type AttemptPlan } from '../../cloud/llm/attempts';
import { LlmError } from '../../cloud/llm/errors';

// One API call as attempts (cloud/llm/attempts.ts) with a scripted transport: which requests are
// sent, abandoned, retried and hedged. Through the real SDK and model server: llm-resilience.test.ts.

type Step = 'ok' | 'hang' | '529';

function plan(steps: Step[], over: Partial<AttemptPlan<string>> = {}) {
  const sent: Step[] = [];
  const answered: string[] = [];
  let n = 0;
  const p: AttemptPlan<string> = {
    send(signal) {
      const step = steps[n] ?? 'ok';
      const id = `r${++n}`;
      sent.push(step);
      return new Promise<string>((resolve, reject) => {
        signal.addEventListener('abort', () => reject(new Error('aborted')));
        if (step === 'ok') setTimeout(() => resolve(id), 5);
        if (step === '529') setTimeout(() => reject(new LlmError('overloaded', '529', { status: 529 })), 5);
      });
    },
    deadlineMs: () => 200,
    hedgeAfterMs: () => undefined,
    mayHedge: async () => true,
    hedges: { left: 1 },
    circuit: () => 'closed',
    policy: { maxRetries: 3, maxInlineRetryAfterMs: 10_000, baseBackoffMs: 10, maxBackoffMs: 40 },
    onAnswered: () => undefined,
    onExtraAnswer: async (r) => {
      answered.push(r);
    },
    onAbandoned: () => undefined,
    onRetry: () => undefined,
    now: () => performance.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    tickMs: 10,
    ...over,
  };
  return { p, sent, answered };
}

test('a hung request is abandoned at its deadline and retried at once', async () => {
  const { p, sent } = plan(['hang', 'ok']);
  const r = await runAttempts(p);
  expect(r.response).toBe('r2');
  expect(sent).toEqual(['hang', 'ok']);
  expect(r.stats).toMatchObject({ requests: 2, abandoned: 1, retries: 1, hedged: false });
});

test('529s are retried until an answer; spent retries throw the last error with the counts', async () => {
  const ok = plan(['529', '529', 'ok']);
  expect((await runAttempts(ok.p)).stats).toMatchObject({ requests: 3, retries: 2 });
  const spent = plan(['529', '529', '529', '529', 'ok']);
  await expect(runAttempts(spent.p)).rejects.toMatchObject({ kind: 'overloaded', attempts: { requests: 4, retries: 3 } });
});

test('no inline retry while the circuit is not closed', async () => {
  const { p, sent } = plan(['529', 'ok'], { circuit: () => 'open' });
  await expect(runAttempts(p)).rejects.toMatchObject({ kind: 'overloaded' });
  expect(sent).toEqual(['529']);
});

test('a slow request is hedged past its hedge time; the hedge answers and the primary is cancelled', async () => {
  const { p, sent, answered } = plan(['hang', 'ok'], { hedgeAfterMs: () => 30, deadlineMs: () => 60_000 });
  const r = await runAttempts(p);
  expect(r.response).toBe('r2');
  expect(sent).toEqual(['hang', 'ok']);
  expect(r.stats).toMatchObject({ requests: 2, hedged: true, hedgeWon: true, abandoned: 0, retries: 0, extraAnswers: 0 });
  expect(answered).toEqual([]);
  expect(p.hedges.left).toBe(0);
});

test('"not yet" is asked again after HEDGE_RECHECK_MS, and the hedge starts once allowed', async () => {
  let asks = 0;
  const { p } = plan(['hang', 'ok'], { hedgeAfterMs: () => 20, deadlineMs: () => 60_000, mayHedge: async () => ++asks >= 2 });
  const t0 = performance.now();
  const r = await runAttempts(p);
  expect(asks).toBe(2);
  expect(r.stats.hedgeWon).toBe(true);
  expect(performance.now() - t0).toBeGreaterThanOrEqual(HEDGE_RECHECK_MS);
});

test('no hedge while the circuit is not closed, nor when the call has none left', async () => {
  const open = plan(['hang', 'ok'], { hedgeAfterMs: () => 20, deadlineMs: () => 150, circuit: () => 'halfOpen' });
  await expect(runAttempts(open.p)).rejects.toMatchObject({ kind: 'timeout' }); // abandoned, and no inline retry while half-open
  expect(open.sent).toEqual(['hang']);
  const none = plan(['hang', 'ok'], { hedgeAfterMs: () => 20, deadlineMs: () => 150, hedges: { left: 0 } });
  const r = await runAttempts(none.p);
  expect(r.stats).toMatchObject({ hedged: false, abandoned: 1, retries: 1 });
});

test('the primary failing while the hedge runs: the hedge’s answer is used, no retry', async () => {
  // The primary hangs past the hedge time, then 529s; the hedge answers after it.
  let n = 0;
  const { p } = plan([], {
    hedgeAfterMs: () => 20,
    deadlineMs: () => 60_000,
    send: (signal) => {
      const i = ++n;
      return new Promise<string>((resolve, reject) => {
        signal.addEventListener('abort', () => reject(new Error('aborted')));
        if (i === 1) setTimeout(() => reject(new LlmError('overloaded', '529', { status: 529 })), 80);
        else setTimeout(() => resolve(`r${i}`), 150);
      });
    },
  });
  const r = await runAttempts(p);
  expect(r.response).toBe('r2');
  expect(r.stats).toMatchObject({ requests: 2, retries: 0, hedgeWon: true });
});

test('the primary abandoned while its hedge still runs is replaced at once: neither stuck request is waited on', async () => {
  const { p, sent } = plan(['hang', 'hang', 'ok'], { hedgeAfterMs: () => 20, deadlineMs: () => 150 });
  const r = await runAttempts(p);
  expect(r.response).toBe('r3');
  expect(sent).toEqual(['hang', 'hang', 'ok']);
  expect(r.stats).toMatchObject({ requests: 3, hedged: true, hedgeWon: false, abandoned: 1, retries: 1 });
});
