/**
 * bench/pipeline: one 35-work assignment through the whole pipeline on the local services, with the
 * local model's latency set like Claude's (rubric ≈ 2 s, feedback ≈ 3 ± 1 s, summary ≈ 2 s).
 *
 * The queue runs with the product's default dispatch limits (TASKS_MAX_CONCURRENT_DISPATCHES and
 * TASKS_MAX_DISPATCHES_PER_SECOND as cloud/config/tasks.ts sets them; --concurrency and --rate
 * override) and in real time (the cache lead is a real schedule time).
 *
 * Prints the wall time from admission to completion and its ratio to two floors, both from the
 * model calls as measured at its HTTP boundary: the critical path (rubric + slowest feedback +
 * summary; goal ≤ 1.25), and the floor with the parallelism in effect — the feedback calls'
 * measured durations scheduled longest first on the queue's concurrent dispatches, started no
 * faster than its rate allows (a full token bucket of the local server's burst size, then the
 * rate). With concurrency ≥ works that schedule is the best possible, so it is a true floor; with
 * fewer slots it is the longest-first schedule (within 4/3 of the best). It equals the critical
 * path when every feedback task can be dispatched at once. Also the Firestore reads and writes per
 * work, the pipeline's own apart from the LLM cost ledger's.
 *
 *   npx tsx bench/pipeline.ts [--works=35] [--concurrency=N] [--rate=N]
 */
import { Firestore } from '@google-cloud/firestore';
import { startFirestoreEmulator } from '../dev/firestore/emulator';
import { freePort } from '../dev/free-port';
import { admission, essay, readBack } from '../test/integration/pipeline-fixtures';
import { startPipelineStack } from '../test/integration/pipeline-harness';
import { loadCoreConfig } from '../cloud/config/core';
import { loadPipelineConfig } from '../cloud/config/pipeline';
import { loadTasksConfig } from '../cloud/config/tasks';
import { rateLimits } from '../dev/tasks-server/queue-config';
import { createLogger } from '../cloud/log';
import { feedbackCacheLeadMs } from '../cloud/pipeline/kinds/rubric-task';
import { countFirestoreOps } from './pipeline-ops';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);

async function main() {
  // Nothing here runs on Google Cloud: no metadata server to probe for credentials.
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  const works = arg('works', 35);
  // The product's dispatch limits, as the queue is configured (environment, else the defaults).
  const product = loadTasksConfig({}, loadCoreConfig({})).rateLimits;
  const concurrency = arg('concurrency', product.maxConcurrentDispatches);
  const rate = arg('rate', product.maxDispatchesPerSecond);
  const external = process.env.FIRESTORE_EMULATOR_HOST;
  const emulator = external ? undefined : await startFirestoreEmulator({ port: await freePort(), jarPath: process.env.FIRESTORE_EMULATOR_JAR });
  const host = external ?? emulator!.address;
  const db = new Firestore({ projectId: `bench-${Date.now()}`, host, ssl: false });

  // Model calls timed at the transport: what the model took, without our own work around it.
  const calls: { kind: string; ms: number }[] = [];
  const timedFetch: typeof fetch = async (input, init) => {
    const started = performance.now();
    const res = await fetch(input, init);
    await res.clone().arrayBuffer();
    const body = typeof init?.body === 'string' ? init.body : '';
    const kind = /"title":"GradeBot(Rubric|Feedback|Summary)"/.exec(body)?.[1]?.toLowerCase() ?? 'other';
    calls.push({ kind, ms: performance.now() - started });
    return res;
  };

  const stack = await startPipelineStack({
    db,
    logger: createLogger({ level: process.env.BENCH_LOG === '1' ? 'INFO' : 'ERROR', write: (l) => process.stderr.write(`${l}\n`) }),
    llmFetch: timedFetch,
    // Real time: the cache lead's schedule and the dispatch rate as in production.
    timeScale: 1,
    model: { latency: { default: { meanMs: 0 }, rubric: { meanMs: 2000 }, feedback: { meanMs: 3000, jitterMs: 1000 }, summary: { meanMs: 2000 } }, seed: 42 },
    env: {
      TASKS_MAX_CONCURRENT_DISPATCHES: String(concurrency),
      TASKS_MAX_DISPATCHES_PER_SECOND: String(rate),
      // Unset: the production default (the test harness turns the lead off).
      PIPELINE_CACHE_LEAD_MS: process.env.PIPELINE_CACHE_LEAD_MS ?? String(loadPipelineConfig({}).cacheLeadMs),
      ...(process.env.LLM_MODEL_FEEDBACK ? { LLM_MODEL_FEEDBACK: process.env.LLM_MODEL_FEEDBACK } : {}),
    },
  });
  try {
    const input = admission(Array.from({ length: works }, (_, i) => essay(i, 250 + (i % 5) * 60)));
    // Warm-up (connections, JIT) on a different assignment, so no prompt-cache entry carries over.
    await stack.admit({ ...input, request: { ...input.request, title: 'Warm-up', clientRequestId: 'warm-up-request' } });
    await stack.settled();
    calls.length = 0;

    const attemptsBefore = stack.tasks.stats().attempts;
    const ops = countFirestoreOps();
    const started = performance.now();
    const { assignmentId } = await stack.admit(input);
    await stack.settled();
    const wallMs = performance.now() - started;
    const counts = ops.stop();

    const r = await readBack(db, assignmentId);
    if (r.assignment.status !== 'complete') throw new Error(`assignment ended ${r.assignment.status}`);
    const longest = (kind: string) => Math.max(0, ...calls.filter((c) => c.kind === kind).map((c) => c.ms));
    const floorMs = longest('rubric') + longest('feedback') + longest('summary');
    const feedbackMs = calls.filter((c) => c.kind === 'feedback').map((c) => c.ms);
    const parallelFloorMs = longest('rubric') + feedbackMakespanMs(feedbackMs, concurrency, rate) + longest('summary');
    const per = (n: number) => (n / works).toFixed(1);
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const lead = feedbackCacheLeadMs(stack.deps.settings, r.assignment, r.assignment.rubric!);
    console.log(`pipeline bench: ${works} works, ${concurrency} concurrent dispatches at ${rate}/s${concurrency === product.maxConcurrentDispatches && rate === product.maxDispatchesPerSecond ? ' (the product defaults)' : ''}, feedback model ${stack.deps.settings.feedbackModel}, cache lead ${lead} ms${lead === 0 ? (stack.deps.settings.cacheLeadMs === 0 ? ' (off)' : ' (prefix below the model’s cache minimum)') : ''}`);
    console.log(`  completed: ${r.assignment.progress.completed}/${works}, summary of ${r.summary?.studentWorkCount ?? 0}`);
    console.log(`  model calls: rubric ${s(longest('rubric'))}, slowest feedback ${s(longest('feedback'))} (of ${calls.filter((c) => c.kind === 'feedback').length}), summary ${s(longest('summary'))}`);
    console.log(`  wall time: ${s(wallMs)}  critical-path floor: ${s(floorMs)}  ratio: ${(wallMs / floorMs).toFixed(2)} (goal ≤ 1.25)`);
    console.log(`  floor with the parallelism in effect (${concurrency} slots, ${rate}/s): ${s(parallelFloorMs)}  ratio: ${(wallMs / parallelFloorMs).toFixed(2)}`);
    console.log(`  Firestore per work: pipeline ${per(counts.pipeline.reads)} reads, ${per(counts.pipeline.writes)} writes; LLM cost ledger ${per(counts.ledger.reads)} reads, ${per(counts.ledger.writes)} writes`);
    const fb = r.costRecords.filter((c) => c.requestType === 'student_feedback');
    const sum = (f: (c: (typeof fb)[number]) => number) => fb.reduce((n, c) => n + f(c), 0);
    console.log(`  feedback prompt tokens: ${sum((c) => c.inputTokens)} uncached, ${sum((c) => c.cacheCreationInputTokens)} cache writes, ${sum((c) => c.cacheReadInputTokens)} cache reads`);
    const attempts = stack.tasks.stats().attempts - attemptsBefore;
    console.log(`  tasks: ${works + 2} run in ${attempts} deliveries; cost records ${r.costRecords.length}; assignment cost $${r.assignment.costUsd.toFixed(4)}`);
  } finally {
    await stack.close();
    await db.terminate();
    await emulator?.stop();
  }
}

/**
 * The feedback fan-out's floor under the queue's limits: the measured durations, longest first,
 * each started when both a dispatch slot and a rate token are free (bucket full at the fan-out,
 * the local server's burst size, then `rate` per second). Optimal when slots ≥ calls.
 */
function feedbackMakespanMs(durationsMs: number[], slots: number, rate: number): number {
  const burst = rateLimits({ maxDispatchesPerSecond: rate }).maxBurstSize;
  const free = Array<number>(Math.max(1, slots)).fill(0);
  let end = 0;
  [...durationsMs]
    .sort((a, b) => b - a)
    .forEach((d, k) => {
      const token = k < burst ? 0 : ((k - burst + 1) / rate) * 1000;
      const slot = free.indexOf(Math.min(...free));
      const start = Math.max(token, free[slot]!);
      free[slot] = start + d;
      end = Math.max(end, start + d);
    });
  return end;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
