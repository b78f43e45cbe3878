import type { Firestore } from '@google-cloud/firestore';
import { llmBudgetMs } from '../../cloud/pipeline/context';
import { testFirestore } from '../support/firestore';
import { admission, essay, readBack } from './pipeline-fixtures';
import { startPipelineStack } from './pipeline-harness';

/**
 * A delivery never outlives its dispatch deadline waiting for Claude: the LLM call gets the
 * delivery's budget (below the deadline), after which its requests are aborted and the task answers
 * 503 — retryable — instead of Cloud Tasks giving up on a delivery that is still running and
 * delivering it a second time alongside. Here the model hangs, the SDK's own timeout is ten minutes
 * and the dispatch deadline the production 600 s; the budget is cut to three seconds so the test is short (one second was flaky on a loaded machine: reading the work eats into it).
 */

let db: Firestore;
beforeAll(() => {
  db = testFirestore();
});
afterAll(async () => {
  await db.terminate();
});

test('the budget sits below the deadline with room for storing', () => {
  for (const deadline of [15_000, 60_000, 600_000, 1_800_000]) {
    expect(llmBudgetMs(deadline)).toBeLessThan(deadline);
    expect(llmBudgetMs(deadline)).toBeGreaterThanOrEqual(deadline * 0.75);
  }
  // Worst case inside the LLM client at the defaults (3 × 120 s per call, and as much again for
  // the repair call) is ≈ 730 s: longer than the 600 s deadline, so only the budget bounds it.
  expect(llmBudgetMs(600_000)).toBe(540_000);
});

test('a model that hangs: the task ends before the dispatch deadline with a retryable 503, and the next delivery completes', async () => {
  const stack = await startPipelineStack({ db, env: { LLM_TIMEOUT_MS: '600000', LLM_MAX_RETRIES: '2' }, settings: { llmBudgetMs: 3000 } });
  try {
    // Rubric answered, the first feedback request hangs until its client gives up; the next is answered.
    stack.model.controls.script(['ok', 'timeout']);
    const { assignmentId } = await stack.admit(admission([essay(110)], {}, 'teacher-deadline'));
    await stack.settled();
    const r = await readBack(db, assignmentId);
    expect(r.works[0]).toMatchObject({ status: 'completed' });
    expect(r.assignment.status).toBe('complete');

    const [task] = Object.entries(stack.tasks.stats().tasks).filter(([name]) => /\/tasks\/[0-9a-f]{8}-feedback-/.test(name));
    // A response (503, retryable), not 'no-response' from the dispatch deadline; then the answer.
    expect(task![1].outcomes).toEqual([503, 200]);
    const runs = r.metrics.filter((m) => m.kind === 'feedback').sort((a, b) => a.retryCount - b.retryCount);
    expect(runs.map((m) => m.status)).toEqual(['failed', 'completed']);
    expect(runs[0]!.error).toMatch(/timeout: task deadline/);
    // The hung request was abandoned for good, without SDK retries: recorded as a failed call, no cost.
    expect(stack.model.served().filter((s) => s.kind === 'feedback').map((s) => s.outcome)).toEqual(['timeout', 'ok']);
    const calls = r.costRecords.filter((c) => c.workId === 'w01');
    expect(calls.map((c) => [c.status, c.costUsd]).sort()).toEqual([
      ['failed', 0],
      ['succeeded', calls.find((c) => c.status === 'succeeded')!.costUsd],
    ]);
    expect(calls.find((c) => c.status === 'failed')!.error).toMatch(/^timeout/);
  } finally {
    await stack.close();
  }
});
