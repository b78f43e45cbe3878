import type { Firestore } from '@google-cloud/firestore';
import { MAX_DEFERRALS } from '../../cloud/pipeline/pipeline';
import type { TaskStats } from '../../dev/tasks-server/tasks-server';
import { testFirestore } from '../support/firestore';
import { admission, essay, readBack } from './pipeline-fixtures';
import { type PipelineStack, startPipelineStack } from './pipeline-harness';

/**
 * Claude's `retry-after` is honoured: a 429 asking for 30 s is not redelivered after the queue's
 * 5 s backoff. The step is deferred — queued again as a new task scheduled for then, which spends
 * none of the task's attempts — and once deferrals run out the worker's 503 carries Retry-After,
 * which the queue waits out. Asserted on the queue's own record of each dispatch (the ETA it was
 * dispatched for, X-CloudTasks-TaskETA) and of each task's schedule, not on the wall clock.
 */

let db: Firestore;
let stack: PipelineStack;
beforeAll(async () => {
  db = testFirestore();
  // The harness's queue clock runs 1000× faster: a 30 s wait takes 30 ms, stats keep the nominal 30 s.
  stack = await startPipelineStack({ db, model: { retryAfterSeconds: 30 } });
});
beforeEach(() => stack.model.controls.reset({ retryAfterSeconds: 30 }));
afterAll(async () => {
  await stack.close();
  await db.terminate();
});

/** The local server's stats of the feedback tasks of an assignment, by task name (`feedback-<a>-<w>-<attempt>[-d<n>]`). */
function feedbackTasks(assignmentId: string): Record<string, TaskStats> {
  return Object.fromEntries(
    Object.entries(stack.tasks.stats().tasks)
      .map(([name, t]) => [name.replace(/^.*\/tasks\/[0-9a-f]{8}-/, ''), t] as const)
      .filter(([name]) => name.startsWith(`feedback-${assignmentId}-`)),
  );
}

test('a 429 with retry-after: 30 → the next attempt is scheduled 30 s later, without spending an attempt', async () => {
  stack.model.controls.script(['ok', 'rate_limit']);
  const { assignmentId } = await stack.admit(admission([essay(100)], {}, 'teacher-retry-after'));
  await stack.settled();
  const r = await readBack(db, assignmentId);
  expect(r.works[0]).toMatchObject({ status: 'completed' });
  expect(r.assignment.status).toBe('complete');

  const tasks = feedbackTasks(assignmentId);
  const first = tasks[`feedback-${assignmentId}-w01-1`]!;
  const next = tasks[`feedback-${assignmentId}-w01-1-d1`]!;
  // The rate-limited delivery was answered 200 (deferred): one attempt, none burnt on the wait.
  expect(first).toMatchObject({ attempts: 1, outcomes: [200], status: 'completed' });
  // Its continuation was scheduled 30 s ahead (nominal), and its first attempt was its first delivery.
  expect(next.scheduledAheadMs).toBeGreaterThan(29_000);
  expect(next.scheduledAheadMs).toBeLessThanOrEqual(30_000);
  expect(next).toMatchObject({ attempts: 1, outcomes: [200] });
  // Not before its ETA: dispatched at or after the schedule time, which lies after the 429's delivery.
  const [d] = next.dispatches;
  expect(d!.dispatchedAtMs).toBeGreaterThanOrEqual(d!.etaMs);
  expect(d!.etaMs).toBeGreaterThan(first.dispatches[0]!.dispatchedAtMs);

  // Claude was asked twice: the 429 (a failed cost record, no cost) and the answer.
  expect(stack.model.served().filter((s) => s.kind === 'feedback').map((s) => s.outcome)).toEqual(['rate_limit', 'ok']);
  expect(r.costRecords.filter((c) => c.workId === 'w01').map((c) => [c.status, c.costUsd > 0]).sort()).toEqual([
    ['failed', false],
    ['succeeded', true],
  ]);
  const runs = r.metrics.filter((m) => m.workId === 'w01').sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  expect(runs.map((m) => m.status)).toEqual(['failed', 'completed']);
  expect(runs[0]!.error).toMatch(/^deferred until .*rate_limited/);
});

test('once the step has deferred MAX_DEFERRALS times, the 503 carries Retry-After and the queue waits it out', async () => {
  // The rubric, then one 429 per continuation and one more for the last of them.
  stack.model.controls.script(['ok', ...Array<'rate_limit'>(MAX_DEFERRALS + 1).fill('rate_limit')]);
  const { assignmentId } = await stack.admit(admission([essay(101)], {}, 'teacher-retry-after-503'));
  await stack.settled();
  const r = await readBack(db, assignmentId);
  expect(r.works[0]).toMatchObject({ status: 'completed' });

  const tasks = feedbackTasks(assignmentId);
  expect(Object.keys(tasks)).toHaveLength(MAX_DEFERRALS + 1);
  const last = tasks[`feedback-${assignmentId}-w01-1-d${MAX_DEFERRALS}`]!;
  // 503 with Retry-After: 30 → the queue's delay is 30 s (its own backoff would be 5 s) …
  expect(last).toMatchObject({ outcomes: [503, 200], backoffsMs: [30_000] });
  // … and the next attempt was not dispatched before that ETA.
  const [d1, d2] = last.dispatches;
  expect(d2!.etaMs).toBeGreaterThan(d1!.dispatchedAtMs);
  expect(d2!.dispatchedAtMs).toBeGreaterThanOrEqual(d2!.etaMs);
});
