import type { Firestore } from '@google-cloud/firestore';
import { createCostLedger, type CostLedger } from '../../cloud/llm/cost-ledger';
import { type LlmCallEvent, type LlmEventMap, NO_TOKENS, recordId, toLlmRequest } from '../../cloud/llm/cost-record';
import { createCostTracking } from '../../cloud/llm/cost-tracking';
import { createEventBus } from '../../cloud/llm/events';
import { createLogger, silentLogger } from '../../cloud/log';
import { createPaths, type Paths } from '../../cloud/store/paths';
import type { Assignment } from '../../shared/domain';
import { testFirestore } from '../support/firestore';

// Exactly-once cost records with their daily rollups, in the Firestore emulator.

let db: Firestore;
let paths: Paths;
let ledger: CostLedger;

beforeAll(() => {
  db = testFirestore();
  paths = createPaths(db);
  ledger = createCostLedger({ paths });
});
afterAll(async () => {
  await db.terminate();
});

let n = 0;
function event(over: Partial<LlmCallEvent> = {}): LlmCallEvent {
  n += 1;
  return {
    recordId: recordId(`feedback-a-w${n}`, `req_test_${n}`),
    requestType: 'student_feedback',
    model: 'claude-sonnet-5-5',
    // 1,000 × $2 + 500 × $10 + 3,000 × $0.10 per MTok = $0.0073
    tokens: { ...NO_TOKENS, inputTokens: 1000, outputTokens: 500, cacheReadTokens: 3000 },
    durationMs: 1200,
    providerRequestId: `req_test_${n}`,
    userId: 'u1',
    assignmentId: 'a1',
    workId: `w${n}`,
    status: 'succeeded',
    error: null,
    at: new Date('2026-11-02T09:00:00Z'),
    ...over,
  };
}

const rollup = async (day: string, dimension: string, key: string) =>
  (await ledger.readRollups({ from: day, to: day, dimension: dimension as 'user', key }))[0];

test('the same write attempted twice leaves one record and one rollup increment', async () => {
  const r = toLlmRequest(event({ assignmentId: 'a-twice', userId: 'u-twice', at: new Date('2026-10-01T12:00:00Z') }));
  expect(r.costUsd).toBeCloseTo(0.0073, 12);
  expect(await ledger.record(r)).toEqual({ created: true });
  expect(await ledger.record(r)).toEqual({ created: false });
  expect((await paths.llmRequest(r.id).get()).data()).toMatchObject({ id: r.id, costUsd: r.costUsd });
  for (const [dimension, key] of [['total', 'all'], ['user', 'u-twice'], ['assignment', 'a-twice'], ['model', 'claude-sonnet-5-5'], ['requestType', 'student_feedback']]) {
    expect(await rollup('2026-10-01', dimension!, key!)).toMatchObject({ requests: 1, failedRequests: 0, inputTokens: 1000, outputTokens: 500, cacheReadInputTokens: 3000, durationMsSum: 1200, costUsd: r.costUsd });
  }
});

test('two concurrent writes of the same call: the transaction lets exactly one through', async () => {
  const r = toLlmRequest(event({ assignmentId: 'a-race', at: new Date('2026-10-02T12:00:00Z') }));
  const results = await Promise.all([ledger.record(r), ledger.record(r), ledger.record(r)]);
  expect(results.filter((x) => x.created)).toHaveLength(1);
  expect(await rollup('2026-10-02', 'assignment', 'a-race')).toMatchObject({ requests: 1 });
});

test("the assignment's costUsd grows once per record", async () => {
  const at = new Date('2026-10-03T08:00:00Z');
  const assignment: Assignment = {
    id: 'a-sum', userId: 'u1', title: 'T', subject: 'S', gradeLevel: '8', instructions: 'I', rubricMode: 'generate', rawRubricText: null,
    feedbackTone: 'neutral', status: 'processing', rubric: null, progress: { total: 2, completed: 0, failed: 0, rubricDone: true, summaryDone: false },
    works: [], costUsd: 0, totalProcessingMs: null, quotaMonth: '2026-10', createdAt: at, updatedAt: at, processingStartedAt: at, completedAt: null, purgeTextAt: null,
  };
  await paths.assignment('a-sum').set(assignment);
  const a = toLlmRequest(event({ assignmentId: 'a-sum', at }));
  const b = toLlmRequest(event({ assignmentId: 'a-sum', at }));
  await ledger.record(a);
  await ledger.record(b);
  await ledger.record(a);
  expect((await paths.assignment('a-sum').get()).data()!.costUsd).toBeCloseTo(a.costUsd + b.costUsd, 12);
});

function assignmentDoc(id: string, at: Date): Assignment {
  return {
    id, userId: 'u1', title: 'T', subject: 'S', gradeLevel: '8', instructions: 'I', rubricMode: 'generate', rawRubricText: null,
    feedbackTone: 'neutral', status: 'processing', rubric: null, progress: { total: 40, completed: 0, failed: 0, rubricDone: true, summaryDone: false },
    works: [], costUsd: 0, totalProcessingMs: null, quotaMonth: '2026-10', createdAt: at, updatedAt: at, processingStartedAt: at, completedAt: null, purgeTextAt: null,
  };
}

test('40 parallel records for one assignment while the pipeline keeps updating it: all stored, nothing lost', async () => {
  const at = new Date('2026-10-04T08:00:00Z');
  await paths.assignment('a-busy').set(assignmentDoc('a-busy', at));
  const records = Array.from({ length: 40 }, () => toLlmRequest(event({ assignmentId: 'a-busy', userId: 'u-busy', at })));

  // A pipeline-like writer: read-modify-write transactions on the assignment until the records are in.
  let done = false;
  let updates = 0;
  const pipeline = (async () => {
    while (!done) {
      await db.runTransaction(async (tx) => {
        const snap = await tx.get(paths.assignment('a-busy'));
        const p = snap.data()!.progress;
        tx.update(paths.assignment('a-busy').withConverter(null), { 'progress.completed': p.completed + 1 });
      });
      updates += 1;
    }
  })();
  const results = await Promise.all(records.map((r) => ledger.record(r)));
  done = true;
  await pipeline;

  expect(results.filter((x) => x.created)).toHaveLength(40);
  const stored = await db.getAll(...records.map((r) => paths.llmRequest(r.id)));
  expect(stored.filter((s) => s.exists)).toHaveLength(40);
  expect(await rollup('2026-10-04', 'assignment', 'a-busy')).toMatchObject({ requests: 40 });
  const after = (await paths.assignment('a-busy').get()).data()!;
  expect(after.costUsd).toBeCloseTo(records.reduce((sum, r) => sum + r.costUsd, 0), 12);
  // The pipeline's transactions were neither lost nor undone by the ledger's increments.
  expect(after.progress.completed).toBe(updates);
});

test('an assignment deleted before the record: the record and rollups are stored, no assignment is created', async () => {
  const r = toLlmRequest(event({ assignmentId: 'a-gone', at: new Date('2026-10-05T08:00:00Z') }));
  expect(r.costUsd).toBeGreaterThan(0);
  expect(await ledger.record(r)).toEqual({ created: true });
  expect((await paths.llmRequest(r.id).get()).exists).toBe(true);
  expect(await rollup('2026-10-05', 'assignment', 'a-gone')).toMatchObject({ requests: 1 });
  expect((await paths.assignment('a-gone').get()).exists).toBe(false);
  expect(await ledger.record(r)).toEqual({ created: false });
});

test('failed calls count as failed requests with no cost; rollups sum per day and per key', async () => {
  const day1 = new Date('2026-10-10T23:59:00Z');
  const day2 = new Date('2026-10-11T00:01:00Z');
  await ledger.record(toLlmRequest(event({ userId: 'u-a', at: day1 })));
  await ledger.record(toLlmRequest(event({ userId: 'u-a', at: day2 })));
  await ledger.record(toLlmRequest(event({ userId: 'u-b', at: day2, model: 'claude-haiku-5-5' })));
  await ledger.record(toLlmRequest(event({ userId: 'u-b', at: day2, status: 'failed', error: 'overloaded: 529', tokens: NO_TOKENS })));

  const byDay = await ledger.readRollups({ from: '2026-10-10', to: '2026-10-11', dimension: 'user', key: 'u-a' });
  expect(byDay.map((r) => [r.day, r.requests])).toEqual([['2026-10-10', 1], ['2026-10-11', 1]]);

  const totals = await ledger.readTotals({ from: '2026-10-10', to: '2026-10-11', dimension: 'user' });
  expect(totals.map((t) => t.key)).toEqual(['u-a', 'u-b']); // most expensive first
  expect(totals[0]).toMatchObject({ requests: 2, failedRequests: 0 });
  expect(totals[0]!.costUsd).toBeCloseTo(2 * 0.0073, 12);
  // Haiku 5.5: 1,000 × $0.10 + 500 × $0.50 + 3,000 × $0.01 per MTok = $0.00038; the failed call adds nothing.
  expect(totals[1]).toMatchObject({ requests: 2, failedRequests: 1 });
  expect(totals[1]!.costUsd).toBeCloseTo(0.00038, 12);

  // The global documents are sharded; reads sum the shards back into one row per day.
  expect(await ledger.readRollups({ from: '2026-10-11', to: '2026-10-11', dimension: 'total' })).toEqual([expect.objectContaining({ key: 'all', requests: 3, failedRequests: 1 })]);
  const models = await ledger.readTotals({ from: '2026-10-11', to: '2026-10-11', dimension: 'model' });
  expect(Object.fromEntries(models.map((m) => [m.key, m.requests]))).toEqual({ 'claude-sonnet-5-5': 2, 'claude-haiku-5-5': 1 });
});

describe('cost tracking: the event, and the direct write when the event path fails', () => {
  const lines: string[] = [];
  const logger = createLogger({ write: (l) => lines.push(l) });

  test('the subscriber stores the record before track() resolves', async () => {
    const costs = createCostTracking({ ledger, bus: createEventBus<LlmEventMap>(), logger: silentLogger });
    const e = event({ assignmentId: 'a-event' });
    await costs.track(e);
    expect((await paths.llmRequest(e.recordId).get()).exists).toBe(true);
    costs.close();
  });

  test('with no subscriber, the fallback writes it directly', async () => {
    const costs = createCostTracking({ ledger, bus: createEventBus<LlmEventMap>(), logger });
    costs.close();
    const e = event({ assignmentId: 'a-nosub' });
    await costs.track(e);
    expect((await paths.llmRequest(e.recordId).get()).exists).toBe(true);
    expect(lines.some((l) => l.includes('recording directly'))).toBe(true);
  });

  test('a subscriber that fails after the write: the fallback runs and the call is still counted once', async () => {
    const bus = createEventBus<LlmEventMap>();
    const costs = createCostTracking({ ledger, bus, logger: silentLogger });
    bus.subscribe('request_completed', () => {
      throw new Error('metrics subscriber down');
    });
    const e = event({ assignmentId: 'a-halfdone', at: new Date('2026-10-20T10:00:00Z') });
    await costs.track(e);
    expect(await rollup('2026-10-20', 'assignment', 'a-halfdone')).toMatchObject({ requests: 1 });
    costs.close();
  });
});
