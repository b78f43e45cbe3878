import type { Firestore } from '@google-cloud/firestore';
import { createPaths } from '../../cloud/store/paths';
import { readUserStats } from '../../cloud/stats/user-stats-doc';
import { testFirestore } from '../support/firestore';
import { admission, essay, processingTotals, readBack, totalsDelta } from './pipeline-fixtures';
import { type PipelineStack, startPipelineStack } from './pipeline-harness';

/**
 * At-least-once delivery: every task delivered twice, and a delivery that fails between the LLM
 * call and the store. Each leaves one set of feedback, one summary round, correct counters and one
 * cost record per LLM call the model server answered. (A worker process really killed mid-task:
 * pipeline-worker-kill.test.ts.)
 */

let db: Firestore;
beforeAll(() => {
  db = testFirestore();
});
afterAll(async () => {
  await db.terminate();
});

async function withStack(opts: Omit<Parameters<typeof startPipelineStack>[0], 'db'>, body: (s: PipelineStack) => Promise<void>) {
  const stack = await startPipelineStack({ db, ...opts });
  try {
    await body(stack);
  } finally {
    await stack.close();
  }
}

const N = 5;
const served = (s: PipelineStack) => s.model.served().filter((r) => r.outcome === 'ok');

/** The teacher's stats counted each work and each rubric/summary exactly once. */
async function expectCountedOnce(userId: string) {
  const stats = await readUserStats(createPaths(db), userId);
  expect(stats.totals).toMatchObject({ worksGraded: N, gradingTasks: N + 2 });
  expect(Object.values(stats.graded).reduce((s, n) => s + n, 0)).toBe(N);
}

test('every task delivered twice, the copy after the first answered: nothing is done twice', async () => {
  await withStack({ duplicate: 'after' }, async (stack) => {
    const { assignmentId } = await stack.admit(admission(Array.from({ length: N }, (_, i) => essay(i + 10)), {}, 'teacher-dup-after'));
    await stack.settled();
    const r = await readBack(db, assignmentId);
    // rubric + N feedback + summary, each delivered twice.
    expect(stack.duplicates()).toBeGreaterThanOrEqual(N + 2);
    expect(r.assignment.status).toBe('complete');
    expect(r.assignment.progress).toEqual({ total: N, completed: N, failed: 0, rubricDone: true, summaryDone: true });
    // The fan-in started exactly one summary round.
    expect(r.assignment.pipeline?.summaryRound).toBe(1);
    expect(r.assignment.pipeline?.timing.feedback.count).toBe(N);
    // No second LLM call for any task: the copies found the work done.
    expect(served(stack)).toHaveLength(N + 2);
    expect(r.costRecords).toHaveLength(N + 2);
    expect(r.metrics.filter((m) => m.status === 'completed')).toHaveLength(N + 2);
    expect(r.works.every((w) => w.status === 'completed' && w.feedback !== null)).toBe(true);
    expect(r.taskRuns).toBe(0);
    await expectCountedOnce('teacher-dup-after');
  });
});

test('every task delivered twice at the same time: one result is stored and counted', async () => {
  await withStack({ duplicate: 'concurrent' }, async (stack) => {
    const before = await processingTotals(db);
    const { assignmentId } = await stack.admit(admission(Array.from({ length: N }, (_, i) => essay(i + 20)), {}, 'teacher-dup-concurrent'));
    await stack.settled();
    const r = await readBack(db, assignmentId);
    expect(r.assignment.status).toBe('complete');
    expect(r.assignment.progress).toEqual({ total: N, completed: N, failed: 0, rubricDone: true, summaryDone: true });
    expect(r.assignment.pipeline?.summaryRound).toBe(1);
    // Copies racing the original may each call the model; each call is billed once, and only one result counts.
    expect(r.costRecords).toHaveLength(served(stack).length);
    expect(r.assignment.pipeline?.timing.feedback.count).toBe(N);
    expect(r.metrics.filter((m) => m.status === 'completed' && m.kind === 'summary').length).toBeGreaterThanOrEqual(1);
    expect(r.taskRuns).toBe(0);
    await expectCountedOnce('teacher-dup-concurrent');
    // A copy racing its original records the same metric id: the first record and its rollup stand.
    const d = totalsDelta(before, await processingTotals(db));
    for (const kind of ['rubric', 'feedback', 'summary'] as const) expect(d[kind].runs).toBe(r.metrics.filter((m) => m.kind === kind).length);
    expect(d.assignment_upto25).toMatchObject({ runs: 1, completed: 1 });
  });
});

test('a delivery that fails after the LLM answered (an exception, answered 503): the redelivery stores that answer, with no second call', async () => {
  let killed: string | undefined;
  await withStack(
    {
      hooks: {
        afterLlm: ({ kind, runId }) => {
          if (kind === 'feedback' && killed === undefined) {
            killed = runId;
            throw new Error('instance killed (test)');
          }
        },
      },
    },
    async (stack) => {
      const before = await processingTotals(db);
      const { assignmentId } = await stack.admit(admission(Array.from({ length: N }, (_, i) => essay(i + 30)), {}, 'teacher-killed'));
      await stack.settled();
      const r = await readBack(db, assignmentId);
      expect(killed).toBeDefined();
      const workId = /-(w\d+)-1$/.exec(killed!)![1]!;
      const work = r.works.find((w) => w.id === workId)!;
      expect(work.status).toBe('completed');
      expect(work.feedback).not.toBeNull();
      // One model call and one cost record for that work, though its task ran twice.
      expect(r.costRecords.filter((c) => c.workId === workId)).toHaveLength(1);
      expect(served(stack).filter((s) => s.kind === 'feedback')).toHaveLength(N);
      const runs = r.metrics.filter((m) => m.workId === workId).sort((a, b) => a.retryCount - b.retryCount);
      expect(runs.map((m) => [m.retryCount, m.status])).toEqual([
        [0, 'failed'],
        [1, 'completed'],
      ]);
      expect(runs[0]!.error).toMatch(/instance killed/);
      expect(runs[1]!.stepsMs.llm).toBeUndefined();
      expect(r.assignment.status).toBe('complete');
      expect(r.assignment.progress.completed).toBe(N);
      expect(r.taskRuns).toBe(0);
      await expectCountedOnce('teacher-killed');
      // The dashboard sees the killed run as a failure and its redelivery as a retry.
      const d = totalsDelta(before, await processingTotals(db));
      expect(d.feedback).toMatchObject({ runs: N + 1, completed: N, failures: 1, retries: 1, histogrammed: N });
      expect(d.assignment_upto25).toMatchObject({ runs: 1, completed: 1 });
    },
  );
});
