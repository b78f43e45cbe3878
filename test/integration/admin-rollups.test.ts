import type { Firestore } from '@google-cloud/firestore';
import { adminLinks } from '../../cloud/admin/links';
import { overviewReport } from '../../cloud/admin/reports/overview';
import { teachersReport } from '../../cloud/admin/reports/teachers';
import { reportTables } from '../../cloud/admin/render/report';
import type { Table } from '../../cloud/admin/render/table';
import { createCostLedger, ROLLUP_DIMENSIONS } from '../../cloud/llm/cost-ledger';
import { NO_TOKENS, recordId, toLlmRequest } from '../../cloud/llm/cost-record';
import { BUCKET_BOUNDS_MS, percentile } from '../../cloud/metrics/duration-histogram';
import { PROCESSING_KEYS, readProcessingRollups, recordProcessingMetric } from '../../cloud/metrics/processing-rollups';
import { createPaths, type Paths } from '../../cloud/store/paths';
import { seedAdminDemo } from '../../dev/seed/admin-demo';
import type { LlmRequest, ProcessingMetric } from '../../shared/domain';
import { aProcessingMetric } from '../support/fixtures';
import { testFirestore } from '../support/firestore';

// Rollups against the raw records they summarise: many requests seeded through the real cost
// ledger (the demo seeder plus hand-made edge cases), then every dimension's sums compared.

const NOW = new Date('2026-03-14T15:00:00.000Z');
const PLANS = { paidMonthlyUsd: 9.99, feePercent: 2.9, feeFixedUsd: 0.3 };
const LINKS = adminLinks('https://europe-west1-gradebot-test.cloudfunctions.net/admin');
let db: Firestore;
let paths: Paths;
let requests: LlmRequest[];
let metrics: ProcessingMetric[];

/** Requests exactly at UTC-midnight edges and for a model/teacher the seeder never uses. */
function edgeRequests(): LlmRequest[] {
  const at = ['2026-03-13T23:59:59.999Z', '2026-03-14T00:00:00.000Z', '2026-02-28T23:59:59.999Z', '2026-03-01T00:00:00.000Z', '2026-02-13T12:00:00.000Z'];
  return at.map((iso, i) =>
    toLlmRequest({
      recordId: recordId(`edge-${i}`, `req_edge_${i}`), requestType: 'student_feedback', model: 'claude-opus-5', durationMs: 1000 + i,
      tokens: { ...NO_TOKENS, inputTokens: 1000 * (i + 1), outputTokens: 333, cacheReadTokens: 77 * i }, providerRequestId: null,
      userId: 'edge-teacher', assignmentId: 'edge-assignment', workId: `w${i}`, status: i === 2 ? 'failed' : 'succeeded', error: null, at: new Date(iso),
    }),
  );
}

beforeAll(async () => {
  db = testFirestore();
  paths = createPaths(db);
  const seeded = await seedAdminDemo({ paths, now: NOW, assignmentsPerTeacher: 3, maxWorks: 12, seed: 7 });
  expect(seeded.skipped).toBe(false);
  const ledger = createCostLedger({ paths, now: () => NOW });
  for (const r of edgeRequests()) await ledger.record(r);
  requests = (await paths.llmRequests().get()).docs.map((d) => d.data());
  metrics = (await paths.processingMetrics().get()).docs.map((d) => d.data());
}, 120_000);
afterAll(async () => {
  await db.terminate();
});

const day = (d: Date) => d.toISOString().slice(0, 10);
const tokens = (r: LlmRequest) => r.inputTokens + r.outputTokens + r.cacheCreationInputTokens + r.cacheReadInputTokens;

test('the seed went through the ledger: many requests, some failed, every assignment has cost', async () => {
  expect(requests.length).toBeGreaterThan(100);
  expect(requests.some((r) => r.status === 'failed')).toBe(true);
  expect(new Set(requests.map((r) => r.model)).size).toBeGreaterThanOrEqual(3);
  // The ledger added each call's cost to its assignment: the document agrees with its requests.
  const byAssignment = new Map<string, number>();
  for (const r of requests) byAssignment.set(r.assignmentId, (byAssignment.get(r.assignmentId) ?? 0) + r.costUsd);
  for (const doc of (await paths.assignments().get()).docs) expect(doc.data().costUsd).toBeCloseTo(byAssignment.get(doc.id)!, 9);
});

test.each(ROLLUP_DIMENSIONS)('%s rollups equal the sums over the raw records, per day and key', async (dimension) => {
  const keyOf = (r: LlmRequest) => ({ total: 'all', user: r.userId, assignment: r.assignmentId, model: r.model, requestType: r.requestType })[dimension];
  const expected = new Map<string, { requests: number; failed: number; cost: number; input: number; output: number; write: number; read: number; ms: number }>();
  for (const r of requests) {
    const id = `${day(r.createdAt)} ${keyOf(r)}`;
    const e = expected.get(id) ?? { requests: 0, failed: 0, cost: 0, input: 0, output: 0, write: 0, read: 0, ms: 0 };
    e.requests += 1;
    e.failed += r.status === 'failed' ? 1 : 0;
    e.cost += r.costUsd;
    e.input += r.inputTokens;
    e.output += r.outputTokens;
    e.write += r.cacheCreationInputTokens;
    e.read += r.cacheReadInputTokens;
    e.ms += r.durationMs;
    expected.set(id, e);
  }
  const rollups = await createCostLedger({ paths }).readRollups({ from: '2026-01-01', to: '2026-12-31', dimension });
  expect(rollups).toHaveLength(expected.size);
  for (const r of rollups) {
    const e = expected.get(`${r.day} ${r.key}`)!;
    expect({ requests: r.requests, failed: r.failedRequests, input: r.inputTokens, output: r.outputTokens, write: r.cacheCreationInputTokens, read: r.cacheReadInputTokens, ms: r.durationMsSum }).toEqual({ ...e, cost: undefined });
    expect(r.costUsd).toBeCloseTo(e.cost, 9);
  }
});

const col = (t: Table, label: string) => t.columns.findIndex((c) => c.label === label);

test("the overview's totals equal the raw sums for today, 7 days, 30 days and this month (UTC-midnight edges included)", async () => {
  const report = await overviewReport({ paths, now: NOW, plans: PLANS, links: LINKS });
  const totals = reportTables(report).find((t) => t.id === 'totals')!;
  const windows: Record<string, [string, string]> = { Today: ['2026-03-14', '2026-03-14'], 'Last 7 days': ['2026-03-08', '2026-03-14'], 'Last 30 days': ['2026-02-13', '2026-03-14'], 'This month': ['2026-03-01', '2026-03-14'] };
  for (const row of totals.rows) {
    const [from, to] = windows[row.cells[0] as string]!;
    const inWindow = requests.filter((r) => day(r.createdAt) >= from && day(r.createdAt) <= to);
    expect(row.cells[col(totals, 'Requests')]).toBe(inWindow.length);
    expect(row.cells[col(totals, 'Failed requests')]).toBe(inWindow.filter((r) => r.status === 'failed').length);
    expect(row.cells[col(totals, 'Tokens')]).toBe(inWindow.reduce((s, r) => s + tokens(r), 0));
    expect(row.cells[col(totals, 'LLM cost')] as number).toBeCloseTo(inWindow.reduce((s, r) => s + r.costUsd, 0), 9);
  }
  // The edge request at 23:59:59.999 belongs to yesterday, the one at 00:00 to today.
  expect(totals.rows[0]!.cells[col(totals, 'Requests')]).toBe(requests.filter((r) => day(r.createdAt) === '2026-03-14').length);
});

test('teachers by cost: each row is that teacher’s raw sum over the period, and the total is their sum', async () => {
  const t = reportTables(await teachersReport({ paths, now: NOW, plans: PLANS, links: LINKS }, '30d'))[0]!;
  const inWindow = requests.filter((r) => day(r.createdAt) >= '2026-02-13');
  const costOf = (uid: string) => inWindow.filter((r) => r.userId === uid).reduce((s, r) => s + r.costUsd, 0);
  const emails = new Map((await paths.users().get()).docs.map((d) => [d.data().email, d.id]));
  for (const row of t.rows) expect(row.cells[col(t, 'LLM cost')] as number).toBeCloseTo(costOf(emails.get(row.cells[0] as string) ?? (row.cells[0] as string)), 9);
  expect(t.total!.cells[col(t, 'LLM cost')] as number).toBeCloseTo(inWindow.reduce((s, r) => s + r.costUsd, 0), 9);
  const costs = t.rows.map((r) => r.cells[col(t, 'LLM cost')] as number);
  expect(costs).toEqual([...costs].sort((a, b) => b - a));
});

test('processing rollups equal the raw metrics: counts, failures, retries, duration sums; p50/p95 within one bucket', async () => {
  const rollups = await readProcessingRollups(paths, { from: '2026-01-01', to: '2026-12-31' });
  for (const key of ['rubric', 'feedback', 'summary'] as const) {
    const raw = metrics.filter((m) => m.kind === key);
    const rs = rollups.filter((r) => r.key === key);
    const sum = (f: (r: (typeof rs)[number]) => number) => rs.reduce((s, r) => s + f(r), 0);
    const done = raw.filter((m) => m.status === 'completed');
    expect({ runs: sum((r) => r.runs), failures: sum((r) => r.failures), retries: sum((r) => r.retries), ms: sum((r) => r.durationMsSum) }).toEqual({
      runs: raw.length,
      failures: raw.length - done.length,
      retries: raw.filter((m) => m.retryCount > 0).length,
      ms: done.reduce((s, m) => s + m.durationMs, 0),
    });
    const hist: Record<string, number> = {};
    for (const r of rs) for (const [k, n] of Object.entries(r.histogram)) hist[k] = (hist[k] ?? 0) + n;
    const sorted = done.map((m) => m.durationMs).sort((a, b) => a - b);
    for (const q of [0.5, 0.95]) {
      const exact = sorted[Math.ceil(q * sorted.length) - 1]!;
      const est = percentile(hist, q)!.ms;
      const i = BUCKET_BOUNDS_MS.findIndex((b) => exact <= b);
      const lower = i > 0 ? BUCKET_BOUNDS_MS[i - 1]! : 0;
      expect(est).toBeGreaterThanOrEqual(lower);
      expect(est).toBeLessThanOrEqual(BUCKET_BOUNDS_MS[i]!);
    }
  }
  const wholes = rollups.filter((r) => r.key === 'assignment_upto25' || r.key === 'assignment_over25');
  expect(wholes.reduce((s, r) => s + r.runs, 0)).toBe((await paths.assignments().get()).size);
  expect(PROCESSING_KEYS).toContain('assignment_upto25');
});

test('a metric recorded twice (a duplicate delivery) is counted once', async () => {
  const m = aProcessingMetric({ id: 'dup-metric', kind: 'summary', completedAt: new Date('2025-06-01T10:00:00Z'), durationMs: 42_000, retryCount: 2 });
  expect(await recordProcessingMetric(paths, m)).toEqual({ created: true });
  expect(await recordProcessingMetric(paths, m)).toEqual({ created: false });
  const [r] = await readProcessingRollups(paths, { from: '2025-06-01', to: '2025-06-01' });
  expect(r).toMatchObject({ day: '2025-06-01', key: 'summary', runs: 1, completed: 1, failures: 0, retries: 1, durationMsSum: 42_000, histogram: { le_45000: 1 } });
});

test('a whole-assignment round is recorded only by the write that completes the assignment', async () => {
  const { recordAssignmentTransition } = await import('../../cloud/metrics/processing-rollups');
  const started = new Date('2025-07-01T10:00:00Z');
  const completedAt = new Date('2025-07-01T10:07:30Z');
  const works = Array.from({ length: 26 }, (_, i) => ({ id: `w${i}`, title: 't', googleDocId: 'd', status: 'completed' as const, failureReason: null }));
  const before = { status: 'processing' as const, processingStartedAt: started, createdAt: new Date('2025-07-01T09:59:00Z') };
  const after = { id: 'a-26', status: 'complete' as const, works, completedAt };
  for (const [b, a] of [[before, after], [{ ...before, status: 'complete' as const }, after], [before, { ...after, status: 'processing' as const }]] as const) {
    const batch = db.batch();
    recordAssignmentTransition(batch, paths, b, a);
    await batch.commit();
  }
  const rows = await readProcessingRollups(paths, { from: '2025-07-01', to: '2025-07-01' });
  expect(rows).toEqual([expect.objectContaining({ key: 'assignment_over25', runs: 1, completed: 1, durationMsSum: 450_000, histogram: { le_600000: 1 } })]);
});
