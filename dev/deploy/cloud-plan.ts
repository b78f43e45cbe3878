import { type FunctionName, FUNCTION_NAMES } from '../../cloud/config/core';
import { enableApis, iamBindings, secrets, serviceAccounts, workerInvoker } from './access-plan';
import type { DeployCommand } from './command';
import type { DeployConfig } from './config';
import { envVarsFlag } from './env-vars-flag';
import { firestoreCommands } from './firestore-plan';
import { FUNCTION_SPECS } from './functions';
import { retentionSchedulerCommands, stallSchedulerCommands } from './scheduler-plan';

/** Where `stripe-webhook-main.ts` is, relative to the repository root (the deploy's working directory). */
export const STRIPE_WEBHOOK_SCRIPT = 'dev/deploy/stripe-webhook-main.ts';

/** The queue: created if absent, then its retry and rate settings applied (also on every re-run). */
export function queueCommands(c: DeployConfig): DeployCommand[] {
  const q = c.queue;
  const where = [`--location=${q.location}`, `--project=${c.project}`];
  return [
    { unless: ['gcloud', 'tasks', 'queues', 'describe', q.name, ...where], argv: ['gcloud', 'tasks', 'queues', 'create', q.name, ...where] },
    {
      argv: [
        'gcloud', 'tasks', 'queues', 'update', q.name, ...where,
        `--max-attempts=${q.maxAttempts}`,
        `--min-backoff=${q.minBackoffSeconds}s`,
        `--max-backoff=${q.maxBackoffSeconds}s`,
        `--max-doublings=${q.maxDoublings}`,
        `--max-dispatches-per-second=${q.maxDispatchesPerSecond}`,
        `--max-concurrent-dispatches=${q.maxConcurrentDispatches}`,
      ],
    },
  ];
}

/** The Stripe endpoint for our webhook function: created or brought up to date; its secret stored. */
export function stripeWebhookCommands(c: DeployConfig): DeployCommand[] {
  return [
    {
      argv: [
        'npx', 'tsx', STRIPE_WEBHOOK_SCRIPT, `--project=${c.project}`, `--url=${c.stripe.webhookUrl}`,
        `--events=${c.stripe.events.join(',')}`, '--secret=STRIPE_WEBHOOK_SECRET',
      ],
    },
  ];
}

/** Keep logs exactly as long as the privacy policy says (RETENTION_LOG_DAYS). */
export function loggingCommands(c: DeployConfig): DeployCommand[] {
  return [{ argv: ['gcloud', 'logging', 'buckets', 'update', '_Default', '--location=global', `--retention-days=${c.logRetentionDays}`, `--project=${c.project}`] }];
}

/** `gcloud functions deploy` for one function, from its bundle folder. */
export function functionDeployCommand(c: DeployConfig, name: FunctionName): DeployCommand {
  const spec = FUNCTION_SPECS[name];
  const timeout = spec.timeoutSeconds === 'dispatch-deadline' ? c.queue.dispatchDeadlineSeconds : spec.timeoutSeconds;
  const maxInstances = spec.maxInstances === 'queue-concurrency' ? c.queue.maxConcurrentDispatches : spec.maxInstances;
  return {
    argv: [
      'gcloud', 'functions', 'deploy', name,
      '--gen2',
      `--runtime=${c.runtime}`,
      `--region=${c.region}`,
      `--source=${c.functionsDir}/${name}`,
      `--entry-point=${name}`,
      '--trigger-http',
      spec.public ? '--allow-unauthenticated' : '--no-allow-unauthenticated',
      `--service-account=${c.accounts.functions[name]}`,
      `--build-service-account=projects/${c.project}/serviceAccounts/${c.accounts.build}`,
      `--memory=${spec.memory}`,
      `--timeout=${timeout}s`,
      `--max-instances=${maxInstances}`,
      envVarsFlag(c.runtimeEnv),
      spec.secrets.length > 0 ? `--set-secrets=${spec.secrets.map((s) => `${s}=${s}:latest`).join(',')}` : '--clear-secrets',
      `--project=${c.project}`,
    ],
  };
}

/**
 * Every command of `deploy:cloud`, in order: each step only needs what the steps before it made.
 * Pure, so the tests read the plan exactly as the script would run it.
 */
export function cloudDeployPlan(c: DeployConfig): DeployCommand[] {
  return [
    // Deploy what the working tree says, never a stale dist/ (the build writes every bundle).
    { argv: ['npm', 'run', 'build'] },
    ...enableApis(c),
    ...loggingCommands(c),
    ...serviceAccounts(c),
    ...iamBindings(c),
    ...secrets(c),
    ...firestoreCommands(c),
    ...queueCommands(c),
    ...stripeWebhookCommands(c),
    ...FUNCTION_NAMES.map((n) => functionDeployCommand(c, n)),
    ...workerInvoker(c),
    // Last: its first run needs the worker deployed and the tasks account allowed to invoke it.
    ...retentionSchedulerCommands(c),
    ...stallSchedulerCommands(c),
  ];
}
