import type { Firestore } from '@google-cloud/firestore';
import { mayHedge } from '../../cloud/pipeline/hedge';
import { createPaths } from '../../cloud/store/paths';
import type { WorkEntry } from '../../shared/domain';
import { anAssignment } from '../support/fixtures';
import { testFirestore } from '../support/firestore';
import { delimit, RubricOutputSchema } from '../../prompts/schemas';
import { admission, essay, readBack } from './pipeline-fixtures';
import { type PipelineStack, startPipelineStack } from './pipeline-harness';

/**
 * Hedging the last works (cloud/pipeline/hedge.ts, cloud/llm/attempts.ts) on the real local stack:
 * a feedback request that hangs gets a second copy once it runs past its expected p95, the first
 * answer wins, and exactly one result, one cost record per answered call and one quota count are
 * stored.
 */

let db: Firestore;
beforeAll(() => {
  db = testFirestore();
});
afterAll(async () => {
  await db.terminate();
});

/** Twenty fast feedback-kind answers: the worker's client has latency measurements from then on (a warm instance). */
async function warm(stack: PipelineStack) {
  for (let i = 0; i < 20; i++) {
    await stack.llm.client.generate({
      kind: 'feedback',
      schema: RubricOutputSchema,
      prompt: { system: 'Warm-up.', prefix: delimit('assignment', 'Explain how volcanoes form.'), input: '' },
      context: { callId: `warm-${i}`, userId: 'warm-up', assignmentId: 'warm-up', workId: null },
    });
  }
}

test('a hung feedback request among the last works is hedged: one feedback, one record per answer, one quota count', async () => {
  const stack = await startPipelineStack({
    db,
    // Measured answers are fast, so the hedge time is its floor: 2 s, which no healthy call takes here.
    env: { LLM_HEDGE_MIN_MS: '2000', LLM_MIN_ATTEMPT_MS: '60000', LLM_TIMEOUT_MS: '120000', PIPELINE_HEDGE_LAST_WORKS: '3' },
  });
  try {
    await warm(stack);
    const statsBefore = stack.llm.client.stats();
    const servedBefore = stack.model.served().length;
    // The rubric and two feedback calls answer; the third feedback request hangs (its deadline is a
    // minute away), and everything after it answers.
    stack.model.controls.script(['ok', 'ok', 'ok', 'timeout']);
    const teacher = 'teacher-hedge';
    const { assignmentId } = await stack.admit(admission([essay(1), essay(2), essay(3)], {}, teacher));
    await stack.settled();

    const r = await readBack(db, assignmentId);
    expect(r.assignment.status).toBe('complete');
    expect(r.assignment.progress).toMatchObject({ total: 3, completed: 3, failed: 0, summaryDone: true });
    expect(r.works.every((w) => w.feedback !== null)).toBe(true);

    const served = stack.model.served().slice(servedBefore);
    expect(served.filter((s) => s.outcome === 'timeout')).toHaveLength(1);
    const stats = stack.llm.client.stats();
    expect(stats.hedges - statsBefore.hedges).toBe(1);
    expect(stats.hedgeWins - statsBefore.hedgeWins).toBe(1);
    expect(stats.abandoned - statsBefore.abandoned).toBe(0);

    // One record per answered call: rubric, three feedback, summary. The hung request was
    // cancelled unanswered and is not billed; no task went back to the queue.
    expect(r.costRecords.map((c) => c.status)).toEqual(Array(5).fill('succeeded'));
    for (const w of r.works) expect(r.costRecords.filter((c) => c.workId === w.id)).toHaveLength(1);
    // Answered: the rubric, two feedback calls, the hedge of the third, the summary.
    expect(served.filter((s) => s.outcome === 'ok')).toHaveLength(5);
    const feedbackTasks = Object.entries(stack.tasks.stats().tasks).filter(([name]) => /-feedback-/.test(name));
    expect(feedbackTasks.map(([, t]) => t.outcomes)).toEqual([[200], [200], [200]]);

    // Stored once: the teacher's stats count three works graded and five tasks; the quota counts one assignment.
    const userStats = (await db.collection('userStats').doc(teacher).get()).data() as { totals: Record<string, number> };
    expect(userStats.totals).toMatchObject({ worksGraded: 3, gradingTasks: 5 });
    const user = (await createPaths(db).user(teacher).get()).data()!;
    expect(Object.values(user.usage)).toEqual([1]);
    expect(r.taskRuns).toBe(0);
  } finally {
    await stack.close();
  }
});

describe('mayHedge: only the last works, read from the assignment', () => {
  const paths = () => createPaths(db);
  const entries = (open: number, done: number): WorkEntry[] =>
    Array.from({ length: open + done }, (_, i) => ({ id: `w${i}`, title: `W${i}`, googleDocId: `doc-0000000${i}`, status: i < open ? 'processing' : 'completed', failureReason: null }));
  const settings = (hedgeLastWorks: number) => ({ hedgeLastWorks }) as Parameters<typeof mayHedge>[0]['settings'];
  const feedback = (assignmentId: string) => ({ kind: 'feedback' as const, assignmentId, workId: 'w0', attempt: 1 });

  test.each([
    [3, 7, 3, true],
    [4, 6, 3, false],
    [1, 34, 7, true],
    [8, 27, 7, false],
    [1, 0, 0, false], // hedging off
  ])('%i open, %i done, hedging the last %i works → %p', async (open, done, last, expected) => {
    const id = `a-hedge-${open}-${done}-${last}`;
    await paths().assignment(id).set(anAssignment({ id, works: entries(open, done) }));
    expect(await mayHedge({ paths: paths(), settings: settings(last) }, feedback(id))).toBe(expected);
  });

  test('the rubric and the summary, alone on the critical path, may always be hedged (unless hedging is off)', async () => {
    expect(await mayHedge({ paths: paths(), settings: settings(1) }, { kind: 'rubric', assignmentId: 'any', round: 1 })).toBe(true);
    expect(await mayHedge({ paths: paths(), settings: settings(1) }, { kind: 'summary', assignmentId: 'any', round: 1 })).toBe(true);
    expect(await mayHedge({ paths: paths(), settings: settings(0) }, { kind: 'summary', assignmentId: 'any', round: 1 })).toBe(false);
  });

  test('a deleted assignment is not hedged', async () => {
    expect(await mayHedge({ paths: paths(), settings: settings(7) }, feedback('a-gone'))).toBe(false);
  });
});

test('a feedback call that still fails after the inline retries records when the queue delivers it again (the estimate’s "retrying")', async () => {
  const stack = await startPipelineStack({ db, env: { LLM_MAX_RETRIES: '0', PIPELINE_HEDGE_LAST_WORKS: '0' } });
  try {
    // Rubric answered; the feedback call is overloaded once (no inline retries here), then answered.
    stack.model.controls.script(['ok', 'overloaded']);
    const before = Date.now();
    const { assignmentId } = await stack.admit(admission([essay(4)], {}, 'teacher-retry-at'));
    await stack.settled();
    const r = await readBack(db, assignmentId);
    expect(r.assignment.status).toBe('complete');
    const [task] = Object.entries(stack.tasks.stats().tasks).filter(([name]) => /-feedback-/.test(name));
    expect(task![1].outcomes).toEqual([503, 200]);
    // The queue's next delivery after the first failure: its min backoff (5 s), from the failure.
    const retryAt = r.assignment.works[0]!.retryAt!;
    expect(retryAt).toBeInstanceOf(Date);
    expect(retryAt.getTime()).toBeGreaterThan(before + 5000);
    expect(retryAt.getTime()).toBeLessThanOrEqual(Date.now() + 5000);
    // The rubric never failed: nothing recorded for it.
    expect(r.assignment.pipeline?.retryAt).toBeUndefined();
  } finally {
    await stack.close();
  }
});
