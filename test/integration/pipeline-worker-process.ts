/**
 * The worker function in a process of its own, for tests that kill it (pipeline-worker-kill.test.ts):
 * the production wiring (config from the environment, buildDeps, buildWorkerDeps) served by
 * functions-framework on WORKER_PORT, against the emulator, model and tasks servers the test runs.
 *
 *   node --import tsx test/integration/pipeline-worker-process.ts
 *
 * Environment: the worker's configuration (as the pipeline harness builds it), WORKER_PORT,
 * TEST_FIRESTORE_EMULATOR_HOST + TEST_FIRESTORE_PROJECT_ID (the test's database), and optionally
 * HOLD_AFTER_MEMO=1: the first feedback delivery stops for good right after its LLM answer was
 * memoized, after printing `memo-written <runId>` — the moment the test kills the process.
 * Prints `listening <port>` when ready.
 */
import { Firestore } from '@google-cloud/firestore';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { loadConfig } from '../../cloud/config';
import { loadPipelineConfig } from '../../cloud/config/pipeline';
import { buildDeps } from '../../cloud/deps';
import { hostFunction } from '../../cloud/http/function-host';
import { silentLogger } from '../../cloud/log';
import { buildWorkerDeps } from '../../cloud/pipeline/build-deps';
import type { PipelineHooks } from '../../cloud/pipeline/context';
import { createWorkerHandler } from '../../cloud/worker/worker-handler';

async function main() {
  const env = process.env;
  const port = Number(env.WORKER_PORT);
  const config = { ...loadConfig(env), pipeline: loadPipelineConfig(env) };
  const db = new Firestore({ projectId: env.TEST_FIRESTORE_PROJECT_ID, host: env.TEST_FIRESTORE_EMULATOR_HOST, ssl: false });
  const deps = buildDeps(config, { db, logger: silentLogger });
  let held = false;
  const hooks: PipelineHooks | undefined =
    env.HOLD_AFTER_MEMO === '1'
      ? {
          afterLlm: async ({ kind, runId }) => {
            if (kind !== 'feedback' || held) return;
            held = true;
            process.stdout.write(`memo-written ${runId}\n`);
            await new Promise(() => undefined); // until the test kills this process
          },
        }
      : undefined;
  const handler = createWorkerHandler({ ...buildWorkerDeps(deps), hooks });
  http('worker', hostFunction(handler, { name: 'worker', logger: silentLogger, projectId: config.projectId }));
  const server = getTestServer('worker');
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  process.stdout.write(`listening ${port}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
