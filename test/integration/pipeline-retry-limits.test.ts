import type { Firestore } from '@google-cloud/firestore';
import type { CloudTasksClient } from '@google-cloud/tasks';
import type { GradeBotError } from '../../cloud/errors';
import { retryWork } from '../../cloud/pipeline/retry-work';
import { ApiErrorSchema } from '../../shared/api';
import { createTasksClient } from '../../cloud/tasks/tasks-client';
import { testFirestore } from '../support/firestore';
import { admission, essay, readBack } from './pipeline-fixtures';
import { type PipelineStack, startPipelineStack } from './pipeline-harness';

/**
 * Every Retry that is accepted is a paid model call, so Retry is accepted only for a failed work
 * that is not already queued again, and only so many times per work and per teacher a day.
 */

let db: Firestore;
let stack: PipelineStack;
let tasks: CloudTasksClient;
beforeAll(async () => {
  db = testFirestore();
  stack = await startPipelineStack({ db, env: { TASKS_MAX_ATTEMPTS: '3', RETRY_MAX_PER_WORK: '2', RETRY_MAX_PER_TEACHER_PER_DAY: '3' } });
  tasks = createTasksClient(stack.config.tasks);
});
beforeEach(() => stack.model.controls.reset());
afterAll(async () => {
  await tasks.close();
  await stack.close();
  await db.terminate();
});

/** Holds the queue while `fn` runs, so every click lands while the retried work is still queued. */
async function whileQueued<T>(fn: () => Promise<T>): Promise<T> {
  await tasks.pauseQueue({ name: stack.config.tasks.queuePath });
  try {
    return await fn();
  } finally {
    await tasks.resumeQueue({ name: stack.config.tasks.queuePath });
  }
}

const feedbackCalls = () => stack.model.served().filter((s) => s.kind === 'feedback').length;

test('a double click and five parallel retries of one failed work cost exactly one model call', async () => {
  stack.model.controls.script(['ok', 'refusal']);
  const { assignmentId } = await stack.admit(admission([essay(301)], {}, 'teacher-clicks'));
  await stack.settled();
  expect((await readBack(db, assignmentId)).works[0]).toMatchObject({ status: 'failed', attempts: 1 });
  const before = feedbackCalls();

  const input = { userId: 'teacher-clicks', assignmentId, workId: 'w01' };
  const [parallel, doubleClick] = await whileQueued(async () => {
    const five = await Promise.all([1, 2, 3, 4, 5].map(() => retryWork(stack.deps, input)));
    return [five, await retryWork(stack.deps, input)] as const;
  });
  await stack.settled();
  expect(feedbackCalls() - before).toBe(1);
  // One of them queued the work again; the others found it queued and answered the same attempt.
  expect([...parallel, doubleClick].filter((r) => r.requeued)).toHaveLength(1);
  expect([...parallel, doubleClick].map((r) => r.attempt)).toEqual([2, 2, 2, 2, 2, 2]);
  const r = await readBack(db, assignmentId);
  expect(r.works[0]).toMatchObject({ status: 'completed', attempts: 2 });
  expect(r.assignment.status).toBe('complete');
});

test('a work is retried at most RETRY_MAX_PER_WORK times; the refusal says so and costs nothing', async () => {
  stack.model.controls.script(['ok', 'refusal', 'refusal', 'refusal']);
  const { assignmentId } = await stack.admit(admission([essay(302)], {}, 'teacher-cap-work'));
  await stack.settled();
  const input = { userId: 'teacher-cap-work', assignmentId, workId: 'w01' };
  for (const attempt of [2, 3]) {
    await expect(retryWork(stack.deps, input)).resolves.toMatchObject({ attempt, requeued: true });
    await stack.settled();
    expect((await readBack(db, assignmentId)).works[0]).toMatchObject({ status: 'failed', attempts: attempt });
  }
  const before = feedbackCalls();
  // What the API answers (cloud/http/send-error.ts: code, message, details) is the contract's retry_limit.
  const refused = (await retryWork(stack.deps, input).catch((e: unknown) => e)) as GradeBotError;
  expect(ApiErrorSchema.parse({ code: refused.code, message: refused.message, ...refused.details })).toMatchObject({ code: 'retry_limit', scope: 'work', limit: 2, retryAfterSeconds: null });
  await expect(retryWork(stack.deps, input)).rejects.toMatchObject({
    code: 'retry_limit',
    details: { scope: 'work', limit: 2 },
    message: expect.stringContaining('retried 2 times'),
  });
  await stack.settled();
  expect(feedbackCalls()).toBe(before);
  expect((await readBack(db, assignmentId)).works[0]).toMatchObject({ status: 'failed', attempts: 3 });
});

test('a teacher gets RETRY_MAX_PER_TEACHER_PER_DAY accepted retries a day across assignments', async () => {
  stack.model.controls.script(['ok', 'refusal', 'refusal', 'refusal', 'refusal']);
  const { assignmentId } = await stack.admit(admission([essay(303), essay(304), essay(305), essay(306)], {}, 'teacher-cap-day'));
  await stack.settled();
  expect((await readBack(db, assignmentId)).works.every((w) => w.status === 'failed')).toBe(true);
  stack.model.controls.reset();
  const retry = (workId: string) => retryWork(stack.deps, { userId: 'teacher-cap-day', assignmentId, workId });
  await whileQueued(async () => {
    for (const w of ['w01', 'w02', 'w03']) await expect(retry(w)).resolves.toMatchObject({ requeued: true });
    // Asking again for a work already queued is not another retry.
    await expect(retry('w01')).resolves.toMatchObject({ requeued: false });
    await expect(retry('w04')).rejects.toMatchObject({ code: 'retry_limit', details: { scope: 'teacher', limit: 3 } });
  });
  await stack.settled();
  expect((await readBack(db, assignmentId)).works.map((w) => w.status)).toEqual(['completed', 'completed', 'completed', 'failed']);
});
