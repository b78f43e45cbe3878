import type { Firestore } from '@google-cloud/firestore';
import { STUCK_REASONS } from '../../cloud/pipeline/failures';
import { retryWork } from '../../cloud/pipeline/retry-work';
import { sweepDelayMs } from '../../cloud/pipeline/context';
import { resumeStalledAssignments } from '../../cloud/pipeline/stalls';
import type { TaskQueue } from '../../cloud/tasks/task-queue';
import { createTasksClient } from '../../cloud/tasks/tasks-client';
import { estimateForAssignment, STALLED_TEXT } from '../../shared/rules/estimate';
import { testFirestore } from '../support/firestore';
import { admission, essay, readBack } from './pipeline-fixtures';
import { type PipelineStack, startPipelineStack } from './pipeline-harness';

/**
 * No work stays "processing" forever. A last delivery that dies before it records anything (here:
 * recording the failure itself throws, the task answers 500 and Cloud Tasks gives up) is caught by
 * the watchdog that delivery queued first, which runs after the dispatch deadline; and a work left
 * open with nothing queued for it (its watchdog could not be queued, a queue lost in a restart) is
 * found by the stall watchdog and resumed under a fresh attempt — not by a teacher's Retry, which
 * for an open work costs nothing and changes nothing.
 */

let db: Firestore;
beforeAll(() => {
  db = testFirestore();
});
afterAll(async () => {
  await db.terminate();
});

/** The local server's stats of the tasks named `<kind>-<assignmentId>-…` (task ids are `<hash8>-<name>`). */
const tasksNamed = (stack: PipelineStack, prefix: string) => Object.entries(stack.tasks.stats().tasks).filter(([name]) => new RegExp(`/tasks/[0-9a-f]{8}-${prefix}`).test(name));
const feedbackTasks = (stack: PipelineStack, assignmentId: string) => tasksNamed(stack, `feedback-${assignmentId}-`);
const sweepTasks = (stack: PipelineStack, assignmentId: string) => tasksNamed(stack, `sweep-feedback-${assignmentId}-`);

test('the last delivery dies before recording the failure: its watchdog fails the work with a reason and the assignment completes', async () => {
  let failRecordingThrew = 0;
  const stack = await startPipelineStack({
    db,
    env: { TASKS_MAX_ATTEMPTS: '2' },
    hooks: {
      beforeFail: ({ kind, lastAttempt }) => {
        if (kind === 'feedback' && lastAttempt) {
          failRecordingThrew++;
          throw new Error('instance lost while recording the failure (test)');
        }
      },
    },
  });
  try {
    // Rubric answered; the work's two deliveries both get a 500 from Claude.
    stack.model.controls.script(['ok', 'server_error', 'server_error']);
    const { assignmentId } = await stack.admit(admission([essay(90)], {}, 'teacher-watchdog'));
    await stack.settled();
    const r = await readBack(db, assignmentId);
    expect(failRecordingThrew).toBe(1);
    // The task itself ended unrecorded: a 503, then a 500 on its last attempt.
    const [, task] = feedbackTasks(stack, assignmentId)[0]!;
    expect(task).toMatchObject({ outcomes: [503, 500], status: 'failed' });
    // Its watchdog was queued for after the dispatch deadline, and ran.
    const [, sweep] = sweepTasks(stack, assignmentId)[0]!;
    expect(sweep.scheduledAheadMs).toBeGreaterThan(sweepDelayMs(stack.deps.settings.dispatchDeadlineMs) - 10_000);
    expect(sweep.outcomes).toEqual([200]);
    expect(r.works[0]).toMatchObject({ status: 'failed', failureReason: STUCK_REASONS.feedback });
    expect(r.assignment.works[0]).toMatchObject({ status: 'failed', failureReason: STUCK_REASONS.feedback });
    expect(r.assignment.status).toBe('complete');
    expect(r.assignment.progress).toMatchObject({ total: 1, completed: 0, failed: 1 });
    // The dashboard sees the watchdog's verdict as a failed run.
    expect(r.metrics.filter((m) => m.status === 'failed' && m.error?.startsWith('watchdog'))).toHaveLength(1);

    // Retry from there is an ordinary one: attempt 2, graded.
    await expect(retryWork(stack.deps, { userId: 'teacher-watchdog', assignmentId, workId: 'w01' })).resolves.toEqual({ attempt: 2, rubricRetried: false, requeued: true });
    await stack.settled();
    expect((await readBack(db, assignmentId)).works[0]).toMatchObject({ status: 'completed', attempts: 2 });
  } finally {
    await stack.close();
  }
});

test('the last delivery dies after Claude answered: its watchdog stores the memoized answer, with no second call', async () => {
  const stack = await startPipelineStack({
    db,
    env: { TASKS_MAX_ATTEMPTS: '2' },
    hooks: {
      // Every delivery of w01's task dies after the memo (the watchdog's run is not a delivery of it).
      afterLlm: ({ runId }) => {
        if (/^feedback-.*-w01-1$/.test(runId)) throw new Error('instance killed after the LLM answered (test)');
      },
      beforeFail: ({ runId, lastAttempt }) => {
        if (lastAttempt && runId.startsWith('feedback-')) throw new Error('instance lost while recording the failure (test)');
      },
    },
  });
  try {
    const { assignmentId } = await stack.admit(admission([essay(91), essay(92)], {}, 'teacher-watchdog-memo'));
    await stack.settled();
    const r = await readBack(db, assignmentId);
    expect(r.works.map((w) => w.status)).toEqual(['completed', 'completed']);
    expect(r.assignment.status).toBe('complete');
    expect(r.summary?.studentWorkCount).toBe(2);
    // w01's answer was paid once and stored by the watchdog.
    expect(stack.model.served().filter((s) => s.kind === 'feedback')).toHaveLength(2);
    expect(r.costRecords.filter((c) => c.workId === 'w01')).toHaveLength(1);
    expect(r.metrics.filter((m) => m.workId === 'w01' && m.status === 'completed')).toHaveLength(1);
    expect(r.taskRuns).toBe(0);
  } finally {
    await stack.close();
  }
});

test('a work stuck in processing with nothing queued: Retry changes nothing, the card says so honestly, the stall watchdog resumes it under a fresh attempt', async () => {
  const stack = await startPipelineStack({
    db,
    env: { TASKS_MAX_ATTEMPTS: '1' },
    hooks: {
      beforeFail: ({ kind }) => {
        if (kind === 'feedback') throw new Error('instance lost while recording the failure (test)');
      },
    },
  });
  // The watchdog cannot be queued either (best effort): the work is stuck with its task name used.
  const queue: TaskQueue = stack.deps.queue as TaskQueue;
  stack.deps.queue = { ...queue, enqueue: (req) => (req.name.startsWith('sweep-') ? Promise.resolve('created' as const) : queue.enqueue(req)) };
  try {
    stack.model.controls.script(['ok', 'server_error']);
    const { assignmentId } = await stack.admit(admission([essay(93)], {}, 'teacher-stuck'));
    await stack.settled();
    let r = await readBack(db, assignmentId);
    expect(r.works[0]).toMatchObject({ status: 'processing', attempts: 1 });
    expect(feedbackTasks(stack, assignmentId).map(([, t]) => t.status)).toEqual(['failed']);

    // A teacher's Retry on an open work is not a new paid attempt: it answers the current one.
    await expect(retryWork(stack.deps, { userId: 'teacher-stuck', assignmentId, workId: 'w01' })).resolves.toEqual({ attempt: 1, rubricRetried: false, requeued: false });
    await stack.settled();
    expect((await readBack(db, assignmentId)).works[0]).toMatchObject({ status: 'processing', attempts: 1 });

    // Meanwhile the card is honest: past the stall threshold it no longer promises a time.
    const later = new Date(Date.now() + stack.config.tasks.stallAfterMs + 1000);
    const stuck = (await stack.deps.paths.assignment(assignmentId).get()).data()!;
    expect(estimateForAssignment(stuck, 35, { now: later, stallAfterMs: stack.config.tasks.stallAfterMs })).toMatchObject({ kind: 'calculating', text: STALLED_TEXT, remainingSeconds: null });
    expect(estimateForAssignment(stuck, 35, { now: new Date(stuck.updatedAt.getTime() + 1000), stallAfterMs: stack.config.tasks.stallAfterMs }).kind).toBe('remaining');

    // The stall watchdog: open, quiet past the threshold, and nothing of it in the queue.
    const sweep = { ...stack.deps, queue: stack.deps.queue as TaskQueue, now: () => later };
    await expect(resumeStalledAssignments(sweep, { stallAfterMs: stack.config.tasks.stallAfterMs })).resolves.toMatchObject({ resumed: [assignmentId] });
    await stack.settled();
    r = await readBack(db, assignmentId);
    expect(feedbackTasks(stack, assignmentId).map(([name]) => name.replace(/^.*\/tasks\/[0-9a-f]{8}-/, ''))).toEqual([`feedback-${assignmentId}-w01-1`, `feedback-${assignmentId}-w01-2`]);
    expect(r.works[0]).toMatchObject({ status: 'completed', attempts: 2 });
    expect(r.assignment.status).toBe('complete');
    expect(r.summary?.studentWorkCount).toBe(1);
    // Nothing open any more: a second sweep resumes nothing.
    await expect(resumeStalledAssignments(sweep, { stallAfterMs: stack.config.tasks.stallAfterMs })).resolves.toMatchObject({ resumed: [] });
  } finally {
    await stack.close();
  }
});

test('the stall watchdog leaves alone an assignment whose task is still queued, however quiet', async () => {
  const stack = await startPipelineStack({ db, model: { latency: { default: { meanMs: 0, jitterMs: 0 } } } });
  const tasks = createTasksClient(stack.config.tasks);
  try {
    await tasks.pauseQueue({ name: stack.config.tasks.queuePath });
    const { assignmentId } = await stack.admit(admission([essay(94)], {}, 'teacher-quiet'));
    const later = new Date(Date.now() + 3_600_000);
    await expect(resumeStalledAssignments({ ...stack.deps, queue: stack.deps.queue as TaskQueue, now: () => later }, { stallAfterMs: 1000 })).resolves.toMatchObject({ resumed: [] });
    await tasks.resumeQueue({ name: stack.config.tasks.queuePath });
    await stack.settled();
    expect((await readBack(db, assignmentId)).assignment.status).toBe('complete');
    expect(tasksNamed(stack, `rubric-${assignmentId}-`)).toHaveLength(1);
  } finally {
    await tasks.close();
    await stack.close();
  }
});
