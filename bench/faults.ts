/**
 * bench/faults: one 35-work assignment through the whole pipeline while Claude fails, at fault
 * mixes of 0%, 10%, 30% and 50% of requests — a third each 529 overloaded, hung requests
 * (timeouts: the local model server never answers) and 429 with `retry-after` — at realistic
 * latencies (the local model server's REALISTIC_LATENCY: rubric 8 ± 2 s, feedback 12 ± 4 s,
 * summary 15 ± 4 s), with the product's defaults for the LLM client (inline retries, per-attempt
 * deadlines, breaker), the queue (dispatch limits, backoff, attempts) and hedging.
 *
 * One worker instance serves every run, after a fault-free warm-up assignment, as a warm Cloud Run
 * instance would: the latency measurements that set deadlines and hedge times carry over.
 * Each faulty run is paired with a fault-free run just before it, and its ratio is to that run:
 * on a shared machine the load changes from minute to minute, and one baseline would carry it.
 *
 * Prints per mix: completion time ÷ the fault-free run's, p95 per-work latency (admission to the
 * work's feedback stored), model requests per work, LLM cost per work (the cost ledger), hedges,
 * abandoned attempts and inline retries, and duplicates: works graded more than once (teacher
 * stats), stored summaries beyond one, quota counts beyond one — all must be 0.
 * Goals: at 30% faults completion ≤ 1.5 × fault-free; at 50%, ≤ 2.5 ×.
 *
 *   npx tsx bench/faults.ts [--works=35] [--mixes=0,10,30,50] [--retry-after=2] [--seed=7]
 */
import { Firestore } from '@google-cloud/firestore';
import { startFirestoreEmulator } from '../dev/firestore/emulator';
import { freePort } from '../dev/free-port';
import { REALISTIC_LATENCY } from '../dev/model-server/controls';
import { admission, essay, readBack } from '../test/integration/pipeline-fixtures';
import { startPipelineStack } from '../test/integration/pipeline-harness';
import { loadCoreConfig } from '../cloud/config/core';
import { loadLlmConfig } from '../cloud/config/llm';
import { loadPipelineConfig } from '../cloud/config/pipeline';
import { loadTasksConfig } from '../cloud/config/tasks';
import { createLogger } from '../cloud/log';
import { createPaths } from '../cloud/store/paths';

const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;

interface Row {
  mix: number;
  wallMs: number;
  /** The fault-free run just before this one. */
  baseMs: number;
  p95WorkMs: number;
  requestsPerWork: number;
  costPerWork: number;
  completed: number;
  failed: number;
  hedges: number;
  hedgeWins: number;
  extraAnswers: number;
  abandoned: number;
  retries: number;
  queueRetries: number;
  faults: Record<string, number>;
  duplicates: number;
}

async function main() {
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  const works = Number(arg('works', '35'));
  const mixes = arg('mixes', '0,10,30,50').split(',').map(Number);
  const retryAfterSeconds = Number(arg('retry-after', '2'));
  const seed = Number(arg('seed', '7'));
  const external = process.env.FIRESTORE_EMULATOR_HOST;
  const emulator = external ? undefined : await startFirestoreEmulator({ port: await freePort(), jarPath: process.env.FIRESTORE_EMULATOR_JAR });
  const db = new Firestore({ projectId: `bench-faults-${Date.now()}`, host: external ?? emulator!.address, ssl: false });
  const paths = createPaths(db);

  // The product's defaults where the test harness sets its own.
  const llmDefaults = loadLlmConfig({}, 'http://unused');
  const tasksDefaults = loadTasksConfig({}, loadCoreConfig({}));
  const stack = await startPipelineStack({
    db,
    logger: createLogger({ level: process.env.BENCH_LOG === '1' ? 'INFO' : process.env.BENCH_LOG === 'warn' ? 'WARNING' : 'ERROR', write: (l) => process.stderr.write(`${l}\n`) }),
    timeScale: 1,
    model: { latency: REALISTIC_LATENCY, seed, retryAfterSeconds },
    env: {
      LLM_MAX_RETRIES: String(llmDefaults.maxRetries),
      LLM_BREAKER_FAILURES: String(llmDefaults.breaker.failureThreshold),
      TASKS_MAX_ATTEMPTS: String(tasksDefaults.retry.maxAttempts),
      TASKS_MAX_CONCURRENT_DISPATCHES: String(tasksDefaults.rateLimits.maxConcurrentDispatches),
      TASKS_MAX_DISPATCHES_PER_SECOND: String(tasksDefaults.rateLimits.maxDispatchesPerSecond),
      PIPELINE_CACHE_LEAD_MS: String(loadPipelineConfig({}).cacheLeadMs),
    },
  });
  const rows: Row[] = [];
  try {
    const texts = Array.from({ length: works }, (_, i) => essay(i, 250 + (i % 5) * 60));
    console.log(`faults bench: ${works} works, realistic latency (rubric 8±2 s, feedback 12±4 s, summary 15±4 s), 429 retry-after ${retryAfterSeconds} s, seed ${seed}`);
    console.log(`  LLM: ${llmDefaults.maxRetries} inline retries, attempt deadline ${llmDefaults.timing.minDeadlineMs / 1000}–${llmDefaults.timing.maxDeadlineMs / 1000} s, hedge ≥ ${llmDefaults.timing.minHedgeMs / 1000} s for the last ${stack.deps.settings.hedgeLastWorks} works; breaker ${llmDefaults.breaker.failureThreshold} failures; queue ${tasksDefaults.retry.maxAttempts} attempts from ${tasksDefaults.retry.minBackoffMs / 1000} s backoff`);
    // Warm-up: connections, JIT, and the instance's latency measurements (a warm instance).
    const warm = admission(texts, { title: 'Warm-up', clientRequestId: 'warm-up' }, 'teacher-warm-up');
    await stack.admit(warm);
    await stack.settled();

    let n = 0;
    const run = async (mix: number) => {
      const third = mix / 100 / 3;
      stack.model.controls.update({ faultRates: mix === 0 ? {} : { overloaded: third, timeout: third, rate_limit: third } });
      const teacher = `teacher-faults-${mix}-${++n}`;
      const input = admission(texts, { title: `Faults ${mix}%`, clientRequestId: `faults-${mix}-${n}` }, teacher);
      const servedBefore = stack.model.served().length;
      const statsBefore = stack.llm.client.stats();
      const attemptsBefore = stack.tasks.stats().attempts;
      const started = Date.now();
      const { assignmentId } = await stack.admit(input);
      await stack.settled();
      const wallMs = Date.now() - started;
      const served = stack.model.served().slice(servedBefore);
      const stats = stack.llm.client.stats();
      const r = await readBack(db, assignmentId);
      if (r.assignment.status !== 'complete') throw new Error(`assignment at ${mix}% ended ${r.assignment.status}`);
      const workMs = r.works.filter((w) => w.completedAt).map((w) => w.completedAt!.getTime() - started).sort((a, b) => a - b);
      const userStats = (await db.collection('userStats').doc(teacher).get()).data() as { totals?: { worksGraded?: number; gradingTasks?: number } } | undefined;
      const user = (await paths.user(teacher).get()).data();
      const completed = r.assignment.progress.completed;
      const graded = userStats?.totals?.worksGraded ?? 0;
      // gradingTasks: every work graded + the rubric + the summary, once each.
      const tasksCounted = userStats?.totals?.gradingTasks ?? 0;
      const quota = Object.values(user?.usage ?? {}).reduce((k, v) => k + v, 0);
      const duplicates = Math.max(0, graded - completed) + Math.max(0, tasksCounted - (completed + 2)) + Math.max(0, quota - 1);
      const faults: Record<string, number> = {};
      for (const x of served) if (x.outcome !== 'ok') faults[x.outcome] = (faults[x.outcome] ?? 0) + 1;
      console.log(`  ran ${mix}%: ${(wallMs / 1000).toFixed(1)} s`);
      return {
        mix,
        wallMs,
        baseMs: wallMs,
        p95WorkMs: workMs[Math.max(0, Math.ceil(0.95 * workMs.length) - 1)] ?? 0,
        requestsPerWork: served.length / works,
        costPerWork: r.assignment.costUsd / works,
        completed,
        failed: r.assignment.progress.failed,
        hedges: stats.hedges - statsBefore.hedges,
        hedgeWins: stats.hedgeWins - statsBefore.hedgeWins,
        extraAnswers: stats.extraAnswers - statsBefore.extraAnswers,
        abandoned: stats.abandoned - statsBefore.abandoned,
        retries: stats.retries - statsBefore.retries,
        queueRetries: stack.tasks.stats().attempts - attemptsBefore - (works + 2),
        faults,
        duplicates,
      } satisfies Row;
    };
    for (const mix of mixes) {
      const base = await run(0);
      rows.push(mix === 0 ? base : { ...(await run(mix)), baseMs: base.wallMs });
    }
  } finally {
    await stack.close();
    await db.terminate();
    await emulator?.stop();
  }
  print(rows);
}

function print(rows: Row[]) {
  const goal = (mix: number) => (mix === 30 ? ' (goal ≤ 1.5)' : mix === 50 ? ' (goal ≤ 2.5)' : '');
  console.log('');
  console.log('| faults | completion | fault-free just before | ÷ fault-free | p95 per work | requests / work | cost / work | completed / failed | hedges (won, extra answers) | abandoned | inline retries | queue retries | duplicates |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const ratio = (r.wallMs / r.baseMs).toFixed(2);
    console.log(
      `| ${r.mix}% | ${(r.wallMs / 1000).toFixed(1)} s | ${(r.baseMs / 1000).toFixed(1)} s | ${ratio}${goal(r.mix)} | ${(r.p95WorkMs / 1000).toFixed(1)} s | ${r.requestsPerWork.toFixed(2)} | $${r.costPerWork.toFixed(5)} | ${r.completed} / ${r.failed} | ${r.hedges} (${r.hedgeWins}, ${r.extraAnswers}) | ${r.abandoned} | ${r.retries} | ${r.queueRetries} | ${r.duplicates} |`,
    );
  }
  console.log('');
  for (const r of rows) if (Object.keys(r.faults).length > 0) console.log(`  faults served at ${r.mix}%: ${Object.entries(r.faults).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  const bad = rows.filter((r) => r.duplicates > 0 || (r.mix === 30 && r.wallMs / r.baseMs > 1.5) || (r.mix === 50 && r.wallMs / r.baseMs > 2.5));
  if (bad.length > 0) {
    console.log(`  MISSED: ${bad.map((r) => `${r.mix}%`).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
