import type { Firestore } from '@google-cloud/firestore';
import { RUBRIC_FAILED_REASON } from '../../cloud/pipeline/assignment-state';
import { retryWork } from '../../cloud/pipeline/retry-work';
import { testFirestore } from '../support/firestore';
import { admission, essay, processingTotals, readBack, totalsDelta } from './pipeline-fixtures';
import { type PipelineStack, startPipelineStack } from './pipeline-harness';

/** Failures a teacher must never be stuck behind: each ends with failed works that say why, and a complete assignment. */

let db: Firestore;
let stack: PipelineStack;
beforeAll(async () => {
  db = testFirestore();
  stack = await startPipelineStack({ db, env: { TASKS_MAX_ATTEMPTS: '3' } });
});
beforeEach(() => stack.model.controls.reset());
afterAll(async () => {
  await stack.close();
  await db.terminate();
});

const teacherId = 'teacher-1';

test('30% transient faults from the model: retried by the queue until every work completes', async () => {
  const faulty = await startPipelineStack({ db, model: { faultRates: { overloaded: 0.15, server_error: 0.15 }, seed: 7 }, env: { TASKS_MAX_ATTEMPTS: '12' } });
  try {
    const n = 8;
    const { assignmentId } = await faulty.admit(admission(Array.from({ length: n }, (_, i) => essay(i + 40))));
    await faulty.settled();
    const r = await readBack(db, assignmentId);
    const faults = faulty.model.served().filter((s) => s.outcome !== 'ok');
    expect(faults.length).toBeGreaterThan(0);
    expect(faulty.tasks.stats().attempts).toBeGreaterThan(faulty.tasks.stats().created);
    expect(r.assignment.status).toBe('complete');
    expect(r.assignment.progress).toEqual({ total: n, completed: n, failed: 0, rubricDone: true, summaryDone: true });
    expect(r.summary?.studentWorkCount).toBe(n);
    // Failed calls are recorded without cost; successful ones once each.
    expect(r.costRecords.filter((c) => c.status === 'succeeded')).toHaveLength(n + 2);
    expect(r.costRecords.filter((c) => c.status === 'failed').every((c) => c.costUsd === 0)).toBe(true);
    expect(r.metrics.filter((m) => m.status === 'failed').length).toBeGreaterThan(0);
  } finally {
    await faulty.close();
  }
});

test('one work the model refuses: failed with a reason, the summary still comes, the assignment completes; Retry regrades it and renews the summary', async () => {
  // The first request is the rubric, the second the first feedback call (whichever work it is).
  stack.model.controls.script(['ok', 'refusal']);
  const n = 4;
  const { assignmentId } = await stack.admit(admission(Array.from({ length: n }, (_, i) => essay(i + 50))));
  await stack.settled();
  let r = await readBack(db, assignmentId);
  const failed = r.works.filter((w) => w.status === 'failed');
  expect(failed).toHaveLength(1);
  expect(failed[0]!.failureReason).toMatch(/declined/);
  expect(r.assignment.works.find((w) => w.id === failed[0]!.id)?.failureReason).toBe(failed[0]!.failureReason);
  expect(r.assignment.status).toBe('complete');
  expect(r.assignment.progress).toEqual({ total: n, completed: n - 1, failed: 1, rubricDone: true, summaryDone: true });
  expect(r.summary?.studentWorkCount).toBe(n - 1);
  const firstTotal = r.assignment.totalProcessingMs!;

  const retried = await retryWork(stack.deps, { userId: teacherId, assignmentId, workId: failed[0]!.id });
  expect(retried).toEqual({ attempt: 2, rubricRetried: false, requeued: true });
  const reopened = (await stack.deps.paths.assignment(assignmentId).get()).data()!;
  expect(reopened.status).toBe('processing');
  expect(reopened.works.find((w) => w.id === failed[0]!.id)?.status).toBe('processing');
  await stack.settled();
  r = await readBack(db, assignmentId);
  expect(r.assignment.status).toBe('complete');
  expect(r.works.every((w) => w.status === 'completed')).toBe(true);
  expect(r.assignment.pipeline?.summaryRound).toBe(2);
  expect(r.summary?.studentWorkCount).toBe(n);
  expect(r.assignment.totalProcessingMs!).toBeGreaterThan(firstTotal);
});

test('Claude unavailable on every attempt: on the last one the work fails with a reason instead of hanging', async () => {
  stack.model.controls.script(['ok', 'overloaded', 'overloaded', 'overloaded']);
  const before = await processingTotals(db);
  const { assignmentId } = await stack.admit(admission([essay(60)]));
  await stack.settled();
  const r = await readBack(db, assignmentId);
  expect(r.works[0]!.status).toBe('failed');
  expect(r.works[0]!.failureReason).toMatch(/unavailable/);
  expect(r.assignment.status).toBe('complete');
  expect(r.assignment.progress).toMatchObject({ completed: 0, failed: 1, summaryDone: false });
  expect(r.summary).toBeUndefined();
  const feedbackTask = Object.entries(stack.tasks.stats().tasks).find(([name]) => name.includes(`feedback-${assignmentId}`));
  expect(feedbackTask?.[1]).toMatchObject({ attempts: 3, status: 'completed', outcomes: [503, 503, 200] });
  // The dashboard: three failed feedback runs (two of them retries), and the assignment completed by the failure.
  const d = totalsDelta(before, await processingTotals(db));
  expect(d.feedback).toMatchObject({ runs: 3, completed: 0, failures: 3, retries: 2, histogrammed: 0 });
  expect(d.assignment_upto25).toMatchObject({ runs: 1, completed: 1, durationMsSum: r.assignment.totalProcessingMs });
});

test('a rubric that cannot be made fails every work with "Retry"; retrying one retries the rubric and all of them', async () => {
  stack.model.controls.script(['bad_request']);
  const before = await processingTotals(db);
  const { assignmentId } = await stack.admit(admission([essay(70), essay(71), essay(72)]));
  await stack.settled();
  let r = await readBack(db, assignmentId);
  expect(r.assignment.rubric).toBeNull();
  expect(r.assignment.status).toBe('complete');
  expect(r.assignment.pipeline?.rubricFailureReason).toBeTruthy();
  expect(r.works.map((w) => [w.status, w.failureReason])).toEqual(Array(3).fill(['failed', RUBRIC_FAILED_REASON]));
  // The rubric's failure completed the assignment: one whole-assignment round.
  expect(totalsDelta(before, await processingTotals(db)).assignment_upto25).toMatchObject({ runs: 1, completed: 1 });

  await expect(retryWork(stack.deps, { userId: teacherId, assignmentId, workId: 'w02' })).resolves.toEqual({ attempt: 2, rubricRetried: true, requeued: true });
  await stack.settled();
  r = await readBack(db, assignmentId);
  expect(r.assignment.pipeline?.rubricRound).toBe(2);
  expect(r.assignment.rubric).not.toBeNull();
  expect(r.works.every((w) => w.status === 'completed')).toBe(true);
  expect(r.assignment.status).toBe('complete');
  expect(r.summary?.studentWorkCount).toBe(3);
  // The Retry's round completed it again: a second round, summing to the total processing time.
  expect(totalsDelta(before, await processingTotals(db)).assignment_upto25).toMatchObject({ runs: 2, completed: 2, durationMsSum: r.assignment.totalProcessingMs });
});

test('retry is refused for works that did not fail, and for Docs that cannot be graded; someone else’s work is not found', async () => {
  const { assignmentId } = await stack.admit(admission([essay(80), '']));
  await stack.settled();
  await expect(retryWork(stack.deps, { userId: teacherId, assignmentId, workId: 'w01' })).rejects.toMatchObject({ code: 'conflict' });
  await expect(retryWork(stack.deps, { userId: teacherId, assignmentId, workId: 'w02' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('(This Doc is empty)') });
  await expect(retryWork(stack.deps, { userId: 'someone-else', assignmentId, workId: 'w01' })).rejects.toMatchObject({ code: 'not_found' });
});
