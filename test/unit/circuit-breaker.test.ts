import { type BreakerState, createBreaker } from '../../cloud/llm/circuit-breaker';

// The breaker's state machine on its own, with a hand-moved clock: every row of the table in
// cloud/llm/circuit-breaker.ts. Through the real SDK and the model server: llm-resilience.test.ts.

class Retryable extends Error {}
class Permanent extends Error {}

function setup(failureThreshold = 3, resetTimeoutMs = 1000) {
  let clock = 0;
  const changes: BreakerState[] = [];
  const breaker = createBreaker({ failureThreshold, resetTimeoutMs, counts: (e) => e instanceof Retryable, onStateChange: (s) => changes.push(s), now: () => clock });
  let calls = 0;
  /** One call with the given outcome; resolves to what the caller saw. */
  const call = async (outcome: 'ok' | 'retryable' | 'permanent'): Promise<string> => {
    try {
      await breaker.run(async () => {
        calls += 1;
        if (outcome === 'retryable') throw new Retryable('529');
        if (outcome === 'permanent') throw new Permanent('400');
      });
      return 'ok';
    } catch (err) {
      return (err as { code?: string }).code === 'EOPENBREAKER' ? 'rejected' : outcome;
    }
  };
  const seq = async (...outcomes: Array<'ok' | 'retryable' | 'permanent'>) => {
    for (const o of outcomes) await call(o);
  };
  return { breaker, changes, call, seq, calls: () => calls, advance: (ms: number) => (clock += ms) };
}

/** A call that settles when told to. */
function deferred() {
  let settle!: (outcome: 'ok' | Error) => void;
  const p = new Promise<string>((resolve, reject) => {
    settle = (o) => (o === 'ok' ? resolve('ok') : reject(o));
  });
  return { fn: () => p, settle };
}

describe('closed', () => {
  test('N consecutive retryable failures open it; a success resets the streak', async () => {
    const b = setup(3);
    await b.seq('retryable', 'retryable', 'ok', 'retryable', 'retryable');
    expect(b.breaker.state()).toBe('closed');
    await b.seq('retryable');
    expect(b.breaker.state()).toBe('open');
    expect(b.changes).toEqual(['open']);
  });

  test('a permanent error neither counts nor resets the streak: 529, 400, 529, 529 opens at 3', async () => {
    const b = setup(3);
    await b.seq('retryable', 'permanent', 'retryable');
    expect(b.breaker.state()).toBe('closed');
    await b.seq('permanent', 'permanent');
    expect(b.breaker.state()).toBe('closed');
    await b.seq('retryable');
    expect(b.breaker.state()).toBe('open');
  });

  test('permanent errors alone never open it', async () => {
    const b = setup(2);
    for (let i = 0; i < 10; i++) await b.call('permanent');
    expect(b.breaker.state()).toBe('closed');
    expect(b.changes).toEqual([]);
  });

  test('a classifier that throws counts the error as a failure', async () => {
    const breaker = createBreaker({ failureThreshold: 1, resetTimeoutMs: 1000, now: () => 0, counts: () => { throw new Error('classifier bug'); } });
    await expect(breaker.run(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(breaker.state()).toBe('open');
  });
});

describe('open', () => {
  test('rejects at once without running the call, then half-opens after the reset time', async () => {
    const b = setup(1, 1000);
    await b.call('retryable');
    const before = b.calls();
    expect(await b.call('ok')).toBe('rejected');
    expect(b.calls()).toBe(before);
    b.advance(999);
    expect(b.breaker.state()).toBe('open');
    b.advance(1);
    expect(b.breaker.state()).toBe('halfOpen');
    expect(b.changes).toEqual(['open', 'halfOpen']);
  });
});

describe('half-open', () => {
  async function halfOpen(threshold = 1) {
    const b = setup(threshold, 1000);
    for (let i = 0; i < threshold; i++) await b.call('retryable');
    b.advance(1000);
    expect(b.breaker.state()).toBe('halfOpen');
    return b;
  }

  test('a successful probe closes it and starts a new streak', async () => {
    const b = await halfOpen(2);
    expect(await b.call('ok')).toBe('ok');
    expect(b.breaker.state()).toBe('closed');
    await b.call('retryable');
    expect(b.breaker.state()).toBe('closed'); // 1 of 2: the streak restarted at the close
    expect(b.changes).toEqual(['open', 'halfOpen', 'closed']);
  });

  test('a failed probe reopens it for another reset time', async () => {
    const b = await halfOpen();
    expect(await b.call('retryable')).toBe('retryable');
    expect(b.breaker.state()).toBe('open');
    b.advance(999);
    expect(await b.call('ok')).toBe('rejected');
    b.advance(1);
    expect(b.breaker.state()).toBe('halfOpen');
  });

  test('a probe answered with a permanent error leaves it half-open, and the next call is the probe', async () => {
    const b = await halfOpen();
    expect(await b.call('permanent')).toBe('permanent');
    expect(b.breaker.state()).toBe('halfOpen');
    expect(await b.call('permanent')).toBe('permanent'); // let through: it is the next probe
    expect(b.breaker.state()).toBe('halfOpen');
    expect(await b.call('retryable')).toBe('retryable');
    expect(b.breaker.state()).toBe('open');
    b.advance(1000);
    expect(await b.call('permanent')).toBe('permanent');
    expect(await b.call('ok')).toBe('ok');
    expect(b.breaker.state()).toBe('closed');
    expect(b.changes).toEqual(['open', 'halfOpen', 'open', 'halfOpen', 'closed']);
  });

  test('one probe at a time: other calls are rejected while it is in flight', async () => {
    const b = await halfOpen();
    const probe = deferred();
    const running = b.breaker.run(probe.fn);
    expect(await b.call('ok')).toBe('rejected');
    probe.settle(new Permanent('400'));
    await expect(running).rejects.toBeInstanceOf(Permanent);
    // The slot is free again: the next call probes.
    const next = deferred();
    const second = b.breaker.run(next.fn);
    expect(await b.call('ok')).toBe('rejected');
    next.settle('ok');
    await expect(second).resolves.toBe('ok');
    expect(b.breaker.state()).toBe('closed');
  });

  test('calls let through before it opened do not decide it: only the probe does', async () => {
    const b = setup(1, 1000);
    const lateSuccess = deferred();
    const lateFailure = deferred();
    const s = b.breaker.run(lateSuccess.fn);
    const f = b.breaker.run(lateFailure.fn);
    await b.call('retryable'); // opens
    b.advance(1000);
    expect(b.breaker.state()).toBe('halfOpen');
    lateSuccess.settle('ok');
    await s;
    expect(b.breaker.state()).toBe('halfOpen'); // not closed by a call sent before the outage
    lateFailure.settle(new Retryable('529'));
    await expect(f).rejects.toBeInstanceOf(Retryable);
    expect(b.breaker.state()).toBe('halfOpen'); // nor reopened
    expect(await b.call('ok')).toBe('ok');
    expect(b.breaker.state()).toBe('closed');
  });
});
