import { z } from 'zod';
import { loadFunctionConfig } from '../../cloud/config';
import { FUNCTION_NAMES, type FunctionName, loadCoreConfig } from '../../cloud/config/core';
import { type Env, list, parseSection } from '../../cloud/config/env';
import { loadPagesConfig } from '../../cloud/config/pages';
import { loadTasksConfig } from '../../cloud/config/tasks';
import { FUNCTION_SPECS, SECRET_NAMES, SECRET_PLACEHOLDERS, SUPPORT_ACCOUNTS } from './functions';
import { HANDLED_EVENT_TYPES } from '../../cloud/billing/event-facts';

/** Stripe events the webhook handler applies (cloud/billing). */
export const DEFAULT_STRIPE_EVENTS = HANDLED_EVENT_TYPES;

const DeployEnv = z.object({
  GCP_PROJECT_ID: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'must be a Google Cloud project id'),
  GCP_REGION: z.string().regex(/^[a-z]+-[a-z]+\d+$/, 'must be a region such as us-central1').default('us-central1'),
  /** Service accounts are named `<prefix>-api`, `<prefix>-tasks`, …; at most 30 characters in all. */
  DEPLOY_SERVICE_ACCOUNT_PREFIX: z.string().regex(/^[a-z][a-z0-9-]{1,20}$/).default('gradebot'),
  DEPLOY_FUNCTIONS_DIR: z.string().min(1).default('dist/functions'),
  DEPLOY_NODE_RUNTIME: z.string().regex(/^nodejs\d+$/).default('nodejs22'),
  DEPLOY_STRIPE_WEBHOOK_EVENTS: list,
  /** When Cloud Scheduler runs the retention cleanup (cron, in DEPLOY_RETENTION_TIME_ZONE); daily by default. */
  DEPLOY_RETENTION_SCHEDULE: z.string().regex(/^\S+( \S+){4}$/, 'must be a cron schedule of five fields').default('17 3 * * *'),
  DEPLOY_RETENTION_TIME_ZONE: z.string().min(1).default('Etc/UTC'),
});

/** Variables that must never reach a deployed function: they would point it at local stand-ins. */
const FORBIDDEN = ['FIRESTORE_EMULATOR_HOST', 'TASKS_EMULATOR_HOST', 'PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION', 'FUNCTION_TARGET', 'FUNCTION_SIGNATURE_TYPE'];
const LOOKS_SECRET = /(SECRET|PASSWORD|PRIVATE_KEY|API_KEY|_TOKEN)$/;
/** Have local defaults that would be wrong in production, so the env file must set them. */
const REQUIRED = ['ADDON_OAUTH_CLIENT_ID', 'ADMIN_OAUTH_CLIENT_ID', 'ADMIN_EMAILS', 'STRIPE_PRICE_ID'];

export type DeployConfig = ReturnType<typeof loadDeployConfig>;

/** The public URL every 2nd-gen function gets, known before it is first deployed. */
export const functionUrl = (project: string, region: string, name: FunctionName) => `https://${region}-${project}.cloudfunctions.net/${name}`;

/**
 * The environment one deployed function starts with: the plain variables every function gets, plus
 * the secrets mounted into it (`--set-secrets`). `secretValue` gives each secret's value.
 */
export function functionEnvironment(runtimeEnv: Readonly<Record<string, string>>, name: FunctionName, secretValue: (secret: (typeof SECRET_NAMES)[number]) => string): Record<string, string> {
  return { ...runtimeEnv, ...Object.fromEntries(FUNCTION_SPECS[name].secrets.map((s) => [s, secretValue(s)])) };
}

/**
 * Everything `deploy:cloud` needs, from two sources: `file` is the production env file, whose
 * variables (minus DEPLOY_* and secrets) become the functions' environment; `shell` may override
 * deploy settings. Each function's own config loader (its entry's `loadFunctionConfig`) runs over
 * exactly the environment that function will get — the plain variables plus its mounted secrets
 * (well-formed placeholders: the values live in Secret Manager) — so a deploy a function would
 * reject at start-up fails here instead.
 */
export function loadDeployConfig(input: { file: Env; shell: Env }) {
  const settingsEnv = { ...input.file, ...input.shell };
  const d = parseSection('deploy', DeployEnv, settingsEnv);
  const project = d.GCP_PROJECT_ID;
  const region = d.GCP_REGION;
  const email = (suffix: string) => `${d.DEPLOY_SERVICE_ACCOUNT_PREFIX}-${suffix}@${project}.iam.gserviceaccount.com`;
  const tasksAccount = email(SUPPORT_ACCOUNTS.tasks.suffix);

  const problems: string[] = [];
  const runtimeEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.file)) {
    if (value === undefined || key.startsWith('DEPLOY_') || (SECRET_NAMES as readonly string[]).includes(key)) continue;
    if (FORBIDDEN.includes(key)) problems.push(`  ${key}: must not be set for deployed functions`);
    else if (LOOKS_SECRET.test(key)) problems.push(`  ${key}: looks like a secret; keep it in Secret Manager, not in plain environment variables`);
    else runtimeEnv[key] = value;
  }
  for (const key of REQUIRED) if (!runtimeEnv[key]) problems.push(`  ${key}: required in the production env file`);
  if (runtimeEnv.TASKS_SERVICE_ACCOUNT !== undefined && runtimeEnv.TASKS_SERVICE_ACCOUNT !== tasksAccount) {
    problems.push(`  TASKS_SERVICE_ACCOUNT: the deploy creates ${tasksAccount}; leave it unset`);
  }
  if (problems.length > 0) throw new Error(`Invalid deploy configuration:\n${problems.join('\n')}`);

  const urlVars: Record<FunctionName, string> = { api: 'API_URL', worker: 'WORKER_URL', stripeWebhook: 'STRIPE_WEBHOOK_URL', admin: 'ADMIN_URL', pages: 'PAGES_URL' };
  Object.assign(runtimeEnv, { GRADEBOT_ENV: 'production', GCP_PROJECT_ID: project, GCP_REGION: region, TASKS_SERVICE_ACCOUNT: tasksAccount });
  for (const name of FUNCTION_NAMES) runtimeEnv[urlVars[name]] ??= functionUrl(project, region, name);

  // Each function's configuration, as its entry will load it in production.
  const failures: string[] = [];
  for (const name of FUNCTION_NAMES) {
    const env = functionEnvironment(runtimeEnv, name, (secret) => SECRET_PLACEHOLDERS[secret]);
    try {
      loadFunctionConfig(name, env);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      failures.push(`The ${name} function would not start:\n${message.replace(/^/gm, '  ')}`);
    }
  }
  if (failures.length > 0) throw new Error(`Invalid deploy configuration:\n${failures.join('\n')}`);
  const core = loadCoreConfig(runtimeEnv);
  const tasks = loadTasksConfig(runtimeEnv, core);
  const pages = loadPagesConfig(runtimeEnv, core);
  if (tasks.projectId !== project) throw new Error('Invalid deploy configuration:\n  TASKS_PROJECT_ID: the queue must live in GCP_PROJECT_ID');

  const sorted = Object.fromEntries(Object.entries(runtimeEnv).sort(([a], [b]) => a.localeCompare(b)));
  return {
    project,
    region,
    runtime: d.DEPLOY_NODE_RUNTIME,
    functionsDir: d.DEPLOY_FUNCTIONS_DIR,
    // Firestore lives in GCP_REGION, no multi-region: the privacy policy names that one region.
    firestore: { databaseId: core.firestore.databaseId, location: region },
    accounts: {
      tasks: tasksAccount,
      build: email(SUPPORT_ACCOUNTS.build.suffix),
      functions: Object.fromEntries(FUNCTION_NAMES.map((n) => [n, email(FUNCTION_SPECS[n].accountSuffix)])) as Record<FunctionName, string>,
    },
    queue: {
      name: tasks.queue,
      location: tasks.location,
      maxAttempts: tasks.retry.maxAttempts,
      minBackoffSeconds: tasks.retry.minBackoffMs / 1000,
      maxBackoffSeconds: tasks.retry.maxBackoffMs / 1000,
      maxDoublings: tasks.retry.maxDoublings,
      maxDispatchesPerSecond: tasks.rateLimits.maxDispatchesPerSecond,
      maxConcurrentDispatches: tasks.rateLimits.maxConcurrentDispatches,
      dispatchDeadlineSeconds: tasks.dispatchDeadlineMs / 1000,
    },
    stripe: {
      webhookUrl: core.urls.stripeWebhook,
      events: d.DEPLOY_STRIPE_WEBHOOK_EVENTS.length > 0 ? d.DEPLOY_STRIPE_WEBHOOK_EVENTS : [...DEFAULT_STRIPE_EVENTS],
    },
    /** The Cloud Scheduler job that runs the stall watchdog on the worker (cloud/pipeline/stalls.ts). */
    stalls: {
      job: `${d.DEPLOY_SERVICE_ACCOUNT_PREFIX}-stalls`,
      schedule: `*/${Math.max(1, Math.min(59, Math.ceil(tasks.stallCheckMs / 60_000)))} * * * *`,
    },
    /** The Cloud Scheduler job that runs the retention cleanup on the worker (cloud/retention). */
    retention: {
      job: `${d.DEPLOY_SERVICE_ACCOUNT_PREFIX}-retention`,
      location: region,
      schedule: d.DEPLOY_RETENTION_SCHEDULE,
      timeZone: d.DEPLOY_RETENTION_TIME_ZONE,
      /** The worker's base URL: the job's target prefix and its OIDC audience (what the worker checks). */
      workerUrl: runtimeEnv.WORKER_URL as string,
      /** Signs the job's OIDC token: the one account the worker accepts. */
      serviceAccount: tasksAccount,
      attemptDeadlineSeconds: Math.min(1800, tasks.dispatchDeadlineMs / 1000),
    },
    /** What the privacy policy promises for logs, applied to the project's _Default log bucket. */
    logRetentionDays: pages.retention.logDays,
    /** The plain environment every function is deployed with, sorted by name. */
    runtimeEnv: sorted,
  };
}
