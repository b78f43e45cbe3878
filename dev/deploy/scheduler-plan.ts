import { STALLS_PATH } from '../../cloud/pipeline/stall-route';
import { RETENTION_PATH } from '../../cloud/retention/retention-route';
import type { DeployCommand } from './command';
import type { DeployConfig } from './config';

/**
 * The Cloud Scheduler job behind retention's scheduled half: a POST to the worker's
 * `/tasks/retention` on `DEPLOY_RETENTION_SCHEDULE`, with an OIDC token of the tasks service
 * account for the worker's base URL — the same check a pipeline task passes, and the account that
 * already holds `run.invoker` on the worker. Created if absent, then brought up to date, so a
 * changed schedule or URL applies on every deploy. The TTL policy does the same work in
 * production; the job catches up on what TTL has not reached and clears left-over pipeline memos.
 */
export function retentionSchedulerCommands(c: DeployConfig): DeployCommand[] {
  return workerJobCommands(c, { job: c.retention.job, schedule: c.retention.schedule, timeZone: c.retention.timeZone, path: RETENTION_PATH });
}

/**
 * The stall watchdog's job (cloud/pipeline/stalls.ts): a POST to the worker's `/tasks/stalls` every
 * TASKS_STALL_CHECK_SECONDS rounded up to whole minutes (Cloud Scheduler's finest), the same way.
 */
export function stallSchedulerCommands(c: DeployConfig): DeployCommand[] {
  return workerJobCommands(c, { job: c.stalls.job, schedule: c.stalls.schedule, timeZone: 'Etc/UTC', path: STALLS_PATH });
}

function workerJobCommands(c: DeployConfig, job: { job: string; schedule: string; timeZone: string; path: string }): DeployCommand[] {
  const r = { ...c.retention, ...job };
  const where = [`--location=${r.location}`, `--project=${c.project}`];
  const target = [
    `--schedule=${r.schedule}`,
    `--time-zone=${r.timeZone}`,
    `--uri=${r.workerUrl.replace(/\/+$/, '')}${r.path}`,
    '--http-method=POST',
    '--message-body={}',
    `--oidc-service-account-email=${r.serviceAccount}`,
    `--oidc-token-audience=${r.workerUrl}`,
    `--attempt-deadline=${r.attemptDeadlineSeconds}s`,
  ];
  return [
    {
      unless: ['gcloud', 'scheduler', 'jobs', 'describe', r.job, ...where],
      argv: ['gcloud', 'scheduler', 'jobs', 'create', 'http', r.job, ...where, ...target, '--headers=Content-Type=application/json'],
    },
    { argv: ['gcloud', 'scheduler', 'jobs', 'update', 'http', r.job, ...where, ...target, '--update-headers=Content-Type=application/json'] },
  ];
}
