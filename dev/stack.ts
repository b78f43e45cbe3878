import type { Config } from '../cloud/config';
import { LOCAL_ADMIN_EMAIL } from '../cloud/config/core';
import { runRetentionCleanup } from '../cloud/retention/cleanup';
import { startRetentionSchedule } from '../cloud/retention/schedule';
import { seedAdminDemo } from './seed/admin-demo';
import { buildDeps, type Deps } from '../cloud/deps';
import type { Logger } from '../cloud/log';
import { type FirestoreEmulator, startFirestoreEmulator } from './firestore/emulator';
import { startFunctions, type RunningFunctions } from './functions-server';
import { type LocalIssuer, startLocalIssuer } from './issuer/local-issuer';
import { type DriveServer, startDriveServer } from './drive-server/server';
import { REALISTIC_LATENCY } from './model-server/controls';
import { startModelServer } from './model-server/server';
import { type Preview, startPreview } from './preview/preview-server';
import { startStripeServer } from './stripe-server/server';
import { startTasksServer, type TasksServer } from './tasks-server/tasks-server';
import { buildAdmissionDeps } from '../cloud/pipeline/build-deps';
import { resumeStalledAssignments } from '../cloud/pipeline/stalls';
import { ensureQueue } from '../cloud/tasks/ensure-queue';
import { createTasksClient } from '../cloud/tasks/tasks-client';

export interface StackOptions {
  config: Config;
  logger: Logger;
  /** Where the emulator's data is exported on stop and imported on start; unset: nothing kept. */
  dataDir?: string;
  /** An emulator already running (tests); otherwise one is started on config.ports.firestore. */
  emulatorAddress?: string;
  /** Where cloud-firestore-emulator.jar is, when not in the Google Cloud CLI's usual place. */
  emulatorJar?: string;
  /** Write a month of demo cost and usage data for the admin dashboard (once; default false). */
  seedDemo?: boolean;
}

export interface LocalStack {
  config: Config;
  deps: Deps;
  issuer: LocalIssuer;
  tasks: TasksServer;
  drive: DriveServer;
  functions: RunningFunctions;
  preview: Preview;
  emulator?: FirestoreEmulator;
  /** Every URL a person may open, in the order `npm start` prints them. */
  urls: { label: string; url: string }[];
  stop(): Promise<void>;
}

/**
 * The whole product on one machine with the embedded defaults: Firestore emulator, local token
 * issuer and the five functions. Each piece is closed in reverse order on stop, after the
 * emulator's data is exported.
 */
export async function startLocalStack(opts: StackOptions): Promise<LocalStack> {
  const { config, logger } = opts;
  const closers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const close of closers.reverse()) {
      await close().catch((err: unknown) => logger.warn('stop step failed', { err: err instanceof Error ? err : String(err) }));
    }
  };
  try {
    let emulator: FirestoreEmulator | undefined;
    if (!opts.emulatorAddress) {
      const exportDir = opts.dataDir ? `${opts.dataDir}/firestore` : undefined;
      emulator = await startFirestoreEmulator({ host: config.host, port: config.ports.firestore, importDir: exportDir, detached: true, jarPath: opts.emulatorJar });
      const running = emulator;
      closers.push(() => running.stop());
      if (exportDir) closers.push(() => running.exportTo(config.projectId, exportDir));
    }
    const emulatorHost = opts.emulatorAddress ?? emulator?.address;
    const effective: Config = { ...config, firestore: { ...config.firestore, emulatorHost } };

    const issuer = await startLocalIssuer({ host: config.host, port: config.ports.issuer });
    closers.push(() => issuer.close());

    const tasks = await startTasksServer({
      host: config.host,
      port: config.ports.tasks,
      signOidcToken: issuer.signOidcToken,
      log: logger.child({ component: 'tasks-server' }),
      // Queued and in-flight tasks survive a restart, as Cloud Tasks' do.
      statePath: opts.dataDir ? `${opts.dataDir}/tasks-state.json` : undefined,
    });
    closers.push(() => tasks.close());
    const tasksClient = createTasksClient(config.tasks);
    await ensureQueue(tasksClient, config.tasks);
    closers.push(() => tasksClient.close());

    let modelUrl: string | undefined;
    if (config.llm.offline) {
      // Realistic latencies, so progress and estimates behave as they will with Claude.
      const model = await startModelServer({ host: config.host, port: config.ports.model, latency: REALISTIC_LATENCY });
      closers.push(() => model.close());
      modelUrl = model.url;
    }

    let stripeUrl: string | undefined;
    if (config.billing.standIn) {
      const stripe = await startStripeServer({
        host: config.host,
        port: config.ports.stripe,
        secretKey: config.billing.secretKey,
        webhookSecret: config.billing.webhookSecret,
        webhookUrl: config.urls.stripeWebhook,
      });
      closers.push(() => stripe.close());
      stripeUrl = stripe.url;
    }

    // Sample student Docs for the demo teacher; grants and inserted feedback are kept in dataDir.
    const drive = await startDriveServer({
      host: config.host,
      port: config.ports.drive,
      statePath: opts.dataDir ? `${opts.dataDir}/drive-state.json` : undefined,
    });
    closers.push(() => drive.close());

    const deps = buildDeps(effective, { logger });
    closers.push(() => deps.db.terminate());
    if (opts.seedDemo) await seedAdminDemo({ paths: deps.paths, now: new Date() });
    // Cloud Scheduler runs the retention cleanup daily in production; locally, hourly.
    const stopRetention = startRetentionSchedule({
      everyMs: 3_600_000,
      logger,
      run: () => runRetentionCleanup({ db: deps.db, paths: deps.paths, now: new Date(), retentionDays: config.pages.retention.studentTextDays, logger }),
    });
    closers.push(stopRetention);
    const functions = await startFunctions(deps, { host: config.host, ports: { ...config.ports } });
    closers.push(() => functions.close());
    // The stall watchdog (cloud/pipeline/stalls.ts): Cloud Scheduler calls the worker's /tasks/stalls
    // in production; locally a timer, first right at start, so an assignment left without a task by
    // a lost queue is resumed on the next `npm start`.
    const stallDeps = { ...buildAdmissionDeps(deps), queue: deps.queue };
    closers.push(
      startRetentionSchedule({
        everyMs: config.tasks.stallCheckMs,
        logger,
        what: 'stall watchdog',
        run: () => resumeStalledAssignments(stallDeps, { stallAfterMs: config.tasks.stallAfterMs }),
      }),
    );

    // The add-on itself: the built Code.js on Apps Script fakes, as the demo teacher.
    const preview = await startPreview({
      host: config.host,
      port: config.ports.preview,
      apiUrl: functions.urls.api,
      pagesUrl: functions.urls.pages,
      issuer,
      drive,
      addonAudience: config.auth.addonAudience,
      statePath: opts.dataDir ? `${opts.dataDir}/preview-state.json` : undefined,
      logger,
    });
    closers.push(() => preview.close());

    const urls = [
      { label: 'Sidebar preview (the add-on, as the demo teacher)', url: preview.url },
      { label: 'API', url: functions.urls.api },
      { label: 'Worker (Cloud Tasks target)', url: functions.urls.worker },
      { label: 'Stripe webhook', url: functions.urls.stripeWebhook },
      { label: `Admin dashboard (sign in as ${effective.auth.adminEmails[0] ?? LOCAL_ADMIN_EMAIL})`, url: functions.urls.admin },
      { label: 'Privacy, terms and AI pages', url: functions.urls.pages },
      { label: 'Local token issuer', url: issuer.url },
      { label: 'Local Cloud Tasks', url: tasks.url },
      ...(modelUrl ? [{ label: 'Local model server (offline Claude)', url: modelUrl }] : []),
      ...(stripeUrl ? [{ label: 'Local Stripe', url: stripeUrl }] : []),
      { label: 'Local Drive and Docs', url: drive.url },
      ...(emulatorHost ? [{ label: 'Firestore emulator', url: `http://${emulatorHost}` }] : []),
    ];
    return { config: effective, deps, issuer, tasks, drive, functions, preview, emulator, urls, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
