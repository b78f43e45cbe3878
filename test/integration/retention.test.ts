import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { DocumentData, Firestore } from '@google-cloud/firestore';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { GradeBotError } from '../../cloud/errors';
import { hostFunction } from '../../cloud/http/function-host';
import { silentLogger } from '../../cloud/log';
import { retryWork } from '../../cloud/pipeline/retry-work';
import { writeTaskRun } from '../../cloud/pipeline/task-runs';
import { runRetentionCleanup } from '../../cloud/retention/cleanup';
import { startRetentionSchedule } from '../../cloud/retention/schedule';
import { RETENTION_PATH, withRetentionRoute } from '../../cloud/retention/retention-route';
import { createPaths, type Paths } from '../../cloud/store/paths';
import { createWorkerHandler } from '../../cloud/worker/worker-handler';
import { testFirestore } from '../support/firestore';
import { admission, essay, readBack } from './pipeline-fixtures';
import { type PipelineStack, startPipelineStack } from './pipeline-harness';

/**
 * Retention: a completed assignment's student texts carry its purge date (the production TTL field),
 * the scheduled cleanup deletes them once it has passed — texts only, the feedback stays — and a
 * Retry afterwards says why it cannot grade again. Run against the emulator, through the pipeline.
 */

const DAYS = 7;
const DAY_MS = 86_400_000;
let db: Firestore;
let paths: Paths;
let stack: PipelineStack;

beforeAll(async () => {
  db = testFirestore();
  stack = await startPipelineStack({ db, env: { TASKS_MAX_ATTEMPTS: '3', RETENTION_STUDENT_TEXT_DAYS: String(DAYS) } });
  paths = stack.deps.paths;
});
beforeEach(() => stack.model.controls.reset());
afterAll(async () => {
  await stack.close();
  await db.terminate();
});

const teacherId = 'teacher-1';

/** Every document under the assignment except its texts, as stored (raw), by path. */
async function storedFeedback(assignmentId: string): Promise<Record<string, DocumentData | undefined>> {
  const out: Record<string, DocumentData | undefined> = {};
  const a = db.collection('assignments').doc(assignmentId);
  out[a.path] = (await a.get()).data();
  for (const sub of await a.listCollections()) {
    if (sub.id === 'texts') continue;
    for (const d of (await sub.get()).docs) out[d.ref.path] = d.data();
  }
  return out;
}

const textsOf = async (assignmentId: string) => (await paths.texts(assignmentId).get()).docs.map((d) => ({ id: d.id, ...d.data() }));

/** An assignment graded with one work the model refused (failed, text kept) and one empty Doc (text not kept). */
async function gradedWithOneFailure() {
  stack.model.controls.script(['ok', 'refusal']);
  const texts = [essay(1), essay(2), '   '];
  const { assignmentId } = await stack.admit(admission(texts));
  await stack.settled();
  const r = await readBack(db, assignmentId);
  const refused = r.works.find((w) => w.status === 'failed' && /declined/.test(w.failureReason ?? ''));
  if (!refused) throw new Error('expected a refused work');
  return { assignmentId, texts, refusedId: refused.id, assignment: r.assignment };
}

test('completion copies the purge date onto every text; the cleanup deletes the texts then, and nothing else', async () => {
  const { assignmentId, texts, refusedId, assignment } = await gradedWithOneFailure();
  expect(assignment.status).toBe('complete');
  const purgeAt = assignment.purgeTextAt!;
  expect(purgeAt.getTime()).toBe(assignment.completedAt!.getTime() + DAYS * DAY_MS);

  // The texts live apart from the works, each with the assignment's date; the works hold none.
  const stored = await textsOf(assignmentId);
  expect(stored.map((t) => [t.id, t.text, t.purgeTextAt?.getTime()])).toEqual([
    ['w01', texts[0], purgeAt.getTime()],
    ['w02', texts[1], purgeAt.getTime()],
    ['w03', null, purgeAt.getTime()],
  ]);
  const rawWorks = (await db.collection(`assignments/${assignmentId}/works`).get()).docs.map((d) => d.data());
  expect(rawWorks).toHaveLength(3);
  expect(rawWorks.some((w) => 'text' in w)).toBe(false);

  const before = await storedFeedback(assignmentId);
  expect(Object.keys(before).some((p) => p.endsWith('/summary/current'))).toBe(true);

  const early = await runRetentionCleanup({ db, paths, now: new Date(purgeAt.getTime() - 1), retentionDays: DAYS });
  expect(early).toMatchObject({ textsDeleted: 0, complete: true });
  expect(await textsOf(assignmentId)).toHaveLength(3);

  const due = await runRetentionCleanup({ db, paths, now: purgeAt, retentionDays: DAYS, logger: silentLogger });
  expect(due).toEqual({ textsDeleted: 3, taskRunsDeleted: 0, skipped: 0, complete: true });
  expect(await textsOf(assignmentId)).toEqual([]);
  // The feedback, the works, the summary and the assignment are exactly as they were.
  expect(await storedFeedback(assignmentId)).toEqual(before);

  // Idempotent: the next run finds nothing.
  expect(await runRetentionCleanup({ db, paths, now: new Date(purgeAt.getTime() + DAY_MS), retentionDays: DAYS })).toMatchObject({ textsDeleted: 0, skipped: 0 });

  // Retry now says why it cannot grade again, and changes nothing.
  const retry = retryWork(stack.deps, { userId: teacherId, assignmentId, workId: refusedId });
  await expect(retry).rejects.toBeInstanceOf(GradeBotError);
  await expect(retry).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(`deleted ${DAYS} days after grading finished`) });
  expect(await storedFeedback(assignmentId)).toEqual(before);
});

test('a Retry once the purge date has passed is refused even before the cleanup has run', async () => {
  const { assignmentId, refusedId, assignment } = await gradedWithOneFailure();
  const later = { ...stack.deps, now: () => new Date(assignment.purgeTextAt!.getTime() + 60_000) };
  await expect(retryWork(later, { userId: teacherId, assignmentId, workId: refusedId })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/text was deleted/) });
  const after = (await paths.assignment(assignmentId).get()).data()!;
  expect(after.status).toBe('complete');
  expect(after.purgeTextAt).toEqual(assignment.purgeTextAt);
});

test('a Retry before the purge date clears the texts’ date while the assignment is open, and completion sets a new one', async () => {
  const { assignmentId, refusedId, assignment } = await gradedWithOneFailure();
  const firstPurge = assignment.purgeTextAt!;

  // Reopen with a queue that drops the task, so the assignment stays open while we look.
  await retryWork({ ...stack.deps, queue: { enqueue: async () => 'created' } }, { userId: teacherId, assignmentId, workId: refusedId });
  const reopened = (await paths.assignment(assignmentId).get()).data()!;
  expect(reopened.status).toBe('processing');
  expect((await textsOf(assignmentId)).map((t) => t.purgeTextAt)).toEqual([null, null, null]);
  // An open assignment's texts are never due, whatever the time (other tests' texts may go).
  await runRetentionCleanup({ db, paths, now: new Date(firstPurge.getTime() + DAY_MS), retentionDays: DAYS });
  expect(await textsOf(assignmentId)).toHaveLength(3);

  // Retry again re-queues the open work; it is graded and the assignment completes anew.
  await retryWork(stack.deps, { userId: teacherId, assignmentId, workId: refusedId });
  await stack.settled();
  const done = (await paths.assignment(assignmentId).get()).data()!;
  expect(done.status).toBe('complete');
  expect(done.works.every((w) => w.status === 'completed' || w.id === 'w03')).toBe(true);
  expect(done.purgeTextAt!.getTime()).toBeGreaterThan(firstPurge.getTime());
  expect((await textsOf(assignmentId)).map((t) => t.purgeTextAt?.getTime())).toEqual(Array(3).fill(done.purgeTextAt!.getTime()));
});

test('left-over pipeline memos older than the retention period are deleted, newer ones kept', async () => {
  const own = testFirestore();
  const p = createPaths(own);
  const now = new Date('2026-06-01T00:00:00Z');
  const memo = (runId: string, createdAt: Date) =>
    writeTaskRun(p, { runId, kind: 'feedback', outputJson: '{"evidence":"a quote"}', model: 'm', inputTokens: 1, outputTokens: 1, costUsd: 0, llmMs: 1, createdAt });
  await memo('feedback-a1-w01-1', new Date(now.getTime() - (DAYS + 1) * DAY_MS));
  await memo('feedback-a1-w02-1', new Date(now.getTime() - (DAYS - 1) * DAY_MS));
  try {
    expect(await runRetentionCleanup({ db: own, paths: p, now, retentionDays: DAYS })).toEqual({ textsDeleted: 0, taskRunsDeleted: 1, skipped: 0, complete: true });
    expect((await p.raw('taskRuns').get()).docs.map((d) => d.id)).toEqual(['feedback-a1-w02-1']);
  } finally {
    await own.terminate();
  }
});

test('a run is bounded: it deletes at most limit × maxBatches and says more is due', async () => {
  const own = testFirestore();
  const p = createPaths(own);
  const due = new Date('2026-01-01T00:00:00Z');
  for (let i = 0; i < 5; i++) await p.text(`a${i % 2}`, `w0${i}`).set({ text: `text ${i}`, purgeTextAt: due });
  await p.text('a9', 'w01').set({ text: 'kept', purgeTextAt: new Date('2027-01-01T00:00:00Z') });
  await p.text('a9', 'w02').set({ text: 'open assignment', purgeTextAt: null });
  try {
    const first = await runRetentionCleanup({ db: own, paths: p, now: due, retentionDays: DAYS, limit: 2, maxBatches: 2 });
    expect(first).toMatchObject({ textsDeleted: 4, complete: false });
    const second = await runRetentionCleanup({ db: own, paths: p, now: due, retentionDays: DAYS, limit: 2, maxBatches: 2 });
    expect(second).toMatchObject({ textsDeleted: 1, complete: true });
    const left = (await p.allTexts().get()).docs.map((d) => d.data().text).sort();
    expect(left).toEqual(['kept', 'open assignment']);
  } finally {
    await own.terminate();
  }
});

describe(`POST ${RETENTION_PATH} on the worker`, () => {
  let server: Server;
  let url: string;
  let own: Firestore;
  let ownPaths: Paths;
  const serviceAccount = () => stack.deps.settings.tasksServiceAccount;

  beforeAll(async () => {
    own = testFirestore();
    ownPaths = createPaths(own);
    const name = `retention-${randomUUID()}`;
    const deps = { ...stack.deps, db: own, paths: ownPaths };
    const handler = withRetentionRoute(createWorkerHandler(deps), {
      db: own,
      paths: ownPaths,
      logger: silentLogger,
      now: () => new Date('2026-02-01T00:00:00Z'),
      verifyToken: stack.deps.verifyToken,
      workerUrl: stack.workerUrl,
      serviceAccount: serviceAccount(),
      retentionDays: DAYS,
    });
    http(name, hostFunction(handler, { name: 'worker', logger: silentLogger, projectId: 'retention-test' }));
    server = getTestServer(name);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  beforeEach(async () => {
    await ownPaths.text('a1', 'w01').set({ text: 'due', purgeTextAt: new Date('2026-01-01T00:00:00Z') });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await own.terminate();
  });

  const post = (token?: string, path = RETENTION_PATH) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: '{}' });
  const schedulerToken = (email = serviceAccount(), audience = stack.workerUrl) => stack.issuer.signOidcToken({ audience, serviceAccountEmail: email });
  const stillThere = async () => (await ownPaths.text('a1', 'w01').get()).exists;

  test.each([
    ['no token', () => undefined, 401],
    ['a token for another audience', () => schedulerToken(serviceAccount(), 'https://elsewhere.example'), 401],
    ['a teacher’s ID token', () => stack.issuer.signIdToken({ sub: 't1', email: 't1@school.example', aud: stack.workerUrl }), 403],
    ['another service account', () => schedulerToken('someone@other.iam.gserviceaccount.com'), 403],
  ])('refuses %s and deletes nothing', async (_label, token, status) => {
    const res = await post(token());
    expect(res.status).toBe(status);
    expect(await stillThere()).toBe(true);
  });

  test('runs the cleanup for the scheduler’s OIDC token and answers with the counts', async () => {
    const res = await post(schedulerToken());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ textsDeleted: 1, taskRunsDeleted: 0, skipped: 0, complete: true });
    expect(await stillThere()).toBe(false);
  });

  test('every other path still reaches the worker (and its own checks)', async () => {
    const res = await post(schedulerToken(), '/tasks/feedback');
    expect(res.status).toBe(400);
    expect(await stillThere()).toBe(true);
  });
});

test('the local schedule runs the cleanup at once, never twice at a time, and survives a failed run', async () => {
  let runs = 0;
  const warnings: string[] = [];
  const logger = { ...silentLogger, warn: (m: string) => void warnings.push(m) };
  const stop = startRetentionSchedule({
    everyMs: 3_600_000,
    logger,
    run: async () => {
      runs++;
      throw new Error('emulator away');
    },
  });
  await stop();
  expect(runs).toBe(1);
  expect(warnings).toEqual(['retention cleanup failed']);
});
