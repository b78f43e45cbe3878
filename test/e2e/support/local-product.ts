import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../cloud/config';
import { createLogger, silentLogger } from '../../../cloud/log';
import { freePort } from '../../../dev/free-port';
import { type Preview, startPreview } from '../../../dev/preview/preview-server';
import { type LocalStack, startLocalStack } from '../../../dev/stack';
import { uniqueProjectId } from '../../support/firestore';

/** Every port `npm start` uses, each replaced by a free one so test files never collide. */
const PORT_VARS = ['API_PORT', 'WORKER_PORT', 'STRIPE_WEBHOOK_PORT', 'ADMIN_PORT', 'PAGES_PORT', 'TASKS_PORT', 'ISSUER_PORT', 'MODEL_PORT', 'STRIPE_PORT', 'DRIVE_PORT', 'PREVIEW_PORT'] as const;

export interface LocalProduct {
  stack: LocalStack;
  preview: Preview;
  /** Stop the preview and start it again on the same port and state file (`npm start` restarted). */
  restartPreview(): Promise<void>;
  /** The local model server (offline Claude): latency and faults are set through its /_control. */
  modelUrl: string;
  /** Script what the model answers next (e.g. ['ok', 'refusal']), in request order. */
  scriptModel(steps: string[]): Promise<void>;
  /** Pause or resume the Cloud Tasks queue (nothing is graded while it is paused). */
  queue(state: 'pause' | 'resume'): Promise<void>;
  close(): Promise<void>;
}

/**
 * `npm start` in-process for a test: the whole local stack on free ports against the test run's
 * Firestore emulator (its own project), the model server answering at once, and the sidebar preview.
 */
export async function startLocalProduct(o: { emulatorAddress: string; debug?: boolean; /** Keep npm start's Claude-like latencies (to time the journey). */ realisticModel?: boolean }): Promise<LocalProduct> {
  const env: Record<string, string> = { GRADEBOT_ENV: 'local', GCP_PROJECT_ID: uniqueProjectId('e2e'), LOG_LEVEL: 'ERROR' };
  for (const name of PORT_VARS) env[name] = String(await freePort());
  const config = loadConfig(env);
  const logger = o.debug ? createLogger({ level: 'INFO' }) : silentLogger;
  // As `npm start` with a data folder: the preview keeps the teacher's User Properties there.
  const stateDir = mkdtempSync(join(tmpdir(), 'gradebot-e2e-'));
  const stack = await startLocalStack({ config, logger, emulatorAddress: o.emulatorAddress, dataDir: stateDir });
  const modelUrl = config.llm.baseUrl!;
  const control = async (body: unknown) => {
    const res = await fetch(`${modelUrl}/_control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`model server control: ${res.status} ${await res.text()}`);
  };
  try {
    // The stack runs the model with realistic latencies; a test wants answers at once.
    // Settings merge per task kind, so every kind is named.
    const instant = { meanMs: 0, jitterMs: 0 };
    if (!o.realisticModel) await control({ settings: { latency: { default: instant, rubric: instant, feedback: instant, summary: instant, other: instant } } });
    const start = () =>
      startPreview({
        port: config.ports.preview,
        apiUrl: config.urls.api,
        pagesUrl: config.urls.pages,
        issuer: stack.issuer,
        drive: stack.drive,
        addonAudience: config.auth.addonAudience,
        statePath: join(stateDir, 'preview-state.json'),
        logger,
      });
    const t = config.tasks;
    const queuePath = `${stack.tasks.url}/v2/projects/${t.projectId}/locations/${t.location}/queues/${t.queue}`;
    const product: LocalProduct = {
      stack,
      preview: stack.preview,
      async restartPreview() {
        await product.preview.close();
        product.preview = await start();
      },
      modelUrl,
      scriptModel: (steps) => control({ script: steps }),
      async queue(state) {
        const res = await fetch(`${queuePath}:${state}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        if (!res.ok) throw new Error(`queue ${state}: ${res.status} ${await res.text()}`);
      },
      async close() {
        // The stack closes the preview it started; one started by restartPreview is ours to close.
        if (product.preview !== stack.preview) await product.preview.close();
        await stack.stop();
        rmSync(stateDir, { recursive: true, force: true });
      },
    };
    return product;
  } catch (err) {
    await stack.stop();
    rmSync(stateDir, { recursive: true, force: true });
    throw err;
  }
}
