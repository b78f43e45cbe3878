import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { Firestore } from '@google-cloud/firestore';
import { createPaths } from '../../cloud/store/paths';
import { readUserStats } from '../../cloud/stats/user-stats-doc';
import { freePort } from '../../dev/free-port';
import { emulatorAddress, testFirestore, uniqueProjectId } from '../support/firestore';
import { admission, essay, readBack } from './pipeline-fixtures';
import { type PipelineStack, startPipelineStack } from './pipeline-harness';

/**
 * A worker really killed mid-task: the worker runs in a process of its own
 * (pipeline-worker-process.ts), the test SIGKILLs it — while a feedback task waits for Claude, or
 * right after that task's answer was memoized — and starts a fresh worker on the same URL. Cloud
 * Tasks (the local server) redelivers what the dead one never answered. Each work ends with one
 * set of feedback, one cost record per LLM answer a worker received, and counters counted once.
 */

jest.setTimeout(120_000);

const N = 3;
const SCRIPT = path.join(__dirname, 'pipeline-worker-process.ts');

const projectId = uniqueProjectId();
let db: Firestore;
beforeAll(() => {
  db = testFirestore(projectId);
});
afterAll(async () => {
  await db.terminate();
});

interface WorkerProcess {
  child: ChildProcess;
  /** Resolves with the first stdout line that starts with `prefix`. */
  line(prefix: string): Promise<string>;
}

/** The worker in its own Node process (Node runs the TypeScript through tsx's loader, no wrapper process to outlive a kill). */
function startWorker(stack: PipelineStack, port: number, extra: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    cwd: path.join(__dirname, '..', '..'),
    env: {
      ...process.env,
      ...stack.env,
      WORKER_PORT: String(port),
      TEST_FIRESTORE_EMULATOR_HOST: emulatorAddress(),
      TEST_FIRESTORE_PROJECT_ID: projectId,
      METADATA_SERVER_DETECTION: 'none',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters: Array<{ prefix: string; resolve: (l: string) => void; reject: (e: Error) => void }> = [];
  const check = () => {
    for (const w of [...waiters]) {
      const hit = out.split('\n').find((l) => l.startsWith(w.prefix));
      if (hit) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(hit);
      }
    }
  };
  let err = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString('utf8');
    check();
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
  child.on('exit', (code, signal) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`worker exited (${code ?? signal}) before "${w.prefix}": ${err.slice(-2000)}`));
  });
  return {
    child,
    line: (prefix) =>
      new Promise((resolve, reject) => {
        waiters.push({ prefix, resolve, reject });
        check();
      }),
  };
}

function kill(w: WorkerProcess): Promise<void> {
  return new Promise((resolve) => {
    if (w.child.exitCode !== null || w.child.signalCode !== null) return resolve();
    w.child.once('exit', () => resolve());
    w.child.kill('SIGKILL');
  });
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 20));
}

async function withKilledWorker(
  opts: { model?: Parameters<typeof startPipelineStack>[0]['model']; firstWorker?: Record<string, string> },
  body: (ctx: { stack: PipelineStack; first: WorkerProcess; port: number; restart: () => Promise<WorkerProcess> }) => Promise<void>,
) {
  const port = await freePort();
  // A slower queue clock than other tests': the dead worker's deliveries must still have
  // attempts left (20 of them, ~0.1 s to 6 s apart) when the fresh worker is up.
  const stack = await startPipelineStack({ db, workerUrl: `http://127.0.0.1:${port}`, timeScale: 0.02, model: opts.model, env: { TASKS_MAX_ATTEMPTS: '20' } });
  const workers: WorkerProcess[] = [];
  try {
    const first = startWorker(stack, port, opts.firstWorker);
    workers.push(first);
    await first.line('listening');
    const restart = async () => {
      const next = startWorker(stack, port);
      workers.push(next);
      await next.line('listening');
      return next;
    };
    await body({ stack, first, port, restart });
  } finally {
    for (const w of workers) await kill(w);
    await stack.close();
  }
}

async function expectCountedOnce(userId: string) {
  const stats = await readUserStats(createPaths(db), userId);
  expect(stats.totals).toMatchObject({ worksGraded: N, gradingTasks: N + 2 });
  expect(Object.values(stats.graded).reduce((s, n) => s + n, 0)).toBe(N);
}

test('SIGKILL while a feedback task waits for Claude: a fresh worker on the same URL finishes it, nothing is counted twice', async () => {
  // The rubric is answered; every feedback call hangs until the worker holding it dies.
  await withKilledWorker({}, async ({ stack, first, restart }) => {
    stack.model.controls.script(['ok', ...Array<'timeout'>(N).fill('timeout')]);
    const { assignmentId } = await stack.admit(admission(Array.from({ length: N }, (_, i) => essay(i + 60)), {}, 'teacher-sigkill-llm'));
    await until(() => stack.model.served().filter((s) => s.kind === 'feedback' && s.outcome === 'timeout').length === N);
    await kill(first);
    await restart();
    await stack.settled();

    const r = await readBack(db, assignmentId);
    expect(r.assignment.status).toBe('complete');
    expect(r.assignment.progress).toEqual({ total: N, completed: N, failed: 0, rubricDone: true, summaryDone: true });
    expect(r.works.every((w) => w.status === 'completed' && w.feedback !== null)).toBe(true);
    expect(r.assignment.pipeline?.timing.feedback.count).toBe(N);
    expect(r.assignment.pipeline?.summaryRound).toBe(1);
    expect(r.summary?.studentWorkCount).toBe(N);
    // The hung calls never answered: no cost. Every answer a worker received: exactly one record.
    const answered = stack.model.served().filter((s) => s.outcome === 'ok');
    expect(answered).toHaveLength(N + 2);
    expect(r.costRecords.filter((c) => c.status === 'succeeded')).toHaveLength(answered.length);
    expect(r.costRecords.filter((c) => c.costUsd > 0)).toHaveLength(answered.length);
    expect(r.assignment.costUsd).toBeCloseTo(r.costRecords.reduce((s, c) => s + c.costUsd, 0), 10);
    expect(r.taskRuns).toBe(0);
    // The killed deliveries got no answer to Cloud Tasks and were delivered again.
    const feedbackTasks = Object.entries(stack.tasks.stats().tasks).filter(([name]) => name.includes(`feedback-${assignmentId}`));
    expect(feedbackTasks).toHaveLength(N);
    for (const [, t] of feedbackTasks) expect([t.outcomes[0], t.outcomes.at(-1)]).toEqual(['no-response', 200]);
    await expectCountedOnce('teacher-sigkill-llm');
  });
});

test('SIGKILL right after the answer was memoized: the fresh worker stores that answer and calls Claude no more', async () => {
  await withKilledWorker({ firstWorker: { HOLD_AFTER_MEMO: '1' } }, async ({ stack, first, restart }) => {
    const { assignmentId } = await stack.admit(admission(Array.from({ length: N }, (_, i) => essay(i + 70)), {}, 'teacher-sigkill-memo'));
    const held = await first.line('memo-written');
    const runId = held.split(' ')[1]!;
    const workId = /-(w\d+)-1$/.exec(runId)![1]!;
    // The other works finish first, so the killed delivery is the only one in flight.
    const paths = createPaths(db);
    for (let done = 0; done < N - 1; ) {
      await new Promise((r) => setTimeout(r, 50));
      done = (await paths.assignment(assignmentId).get()).data()?.progress.completed ?? 0;
    }
    await kill(first);
    await restart();
    await stack.settled();

    const r = await readBack(db, assignmentId);
    expect(r.assignment.status).toBe('complete');
    expect(r.assignment.progress).toEqual({ total: N, completed: N, failed: 0, rubricDone: true, summaryDone: true });
    expect(r.works.every((w) => w.status === 'completed' && w.feedback !== null)).toBe(true);
    expect(r.assignment.pipeline?.timing.feedback.count).toBe(N);
    // One model call for the killed work, though its task ran twice; one cost record per call.
    expect(stack.model.served().filter((s) => s.kind === 'feedback')).toHaveLength(N);
    expect(r.costRecords).toHaveLength(N + 2);
    expect(r.costRecords.filter((c) => c.workId === workId)).toHaveLength(1);
    // The redelivery stored the memoized answer: it ran no LLM step.
    const runs = r.metrics.filter((m) => m.workId === workId);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'completed' });
    expect(runs[0]!.retryCount).toBeGreaterThanOrEqual(1);
    expect(runs[0]!.stepsMs.llm).toBeUndefined();
    expect(r.taskRuns).toBe(0);
    await expectCountedOnce('teacher-sigkill-memo');
  });
});
