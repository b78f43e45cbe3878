import { FUNCTION_NAMES } from '../../cloud/config/core';
import type { DeployCommand } from './command';
import type { DeployConfig } from './config';
import { FUNCTION_SPECS, GENERATED_SECRETS, SECRET_NAMES, SECRETS_FROM_ENV, SUPPORT_ACCOUNTS } from './functions';

/** Google APIs the backend and the add-on use (the add-on's Drive/Docs/Picker calls bill this project). */
export const REQUIRED_APIS = [
  'cloudresourcemanager.googleapis.com',
  'iam.googleapis.com',
  'cloudfunctions.googleapis.com',
  'run.googleapis.com',
  'cloudbuild.googleapis.com',
  'artifactregistry.googleapis.com',
  'cloudtasks.googleapis.com',
  'cloudscheduler.googleapis.com',
  'firestore.googleapis.com',
  'secretmanager.googleapis.com',
  'logging.googleapis.com',
  'drive.googleapis.com',
  'docs.googleapis.com',
  'picker.googleapis.com',
  'appsmarket-component.googleapis.com',
] as const;

const sa = (email: string) => `serviceAccount:${email}`;

export function enableApis(c: DeployConfig): DeployCommand[] {
  return [{ argv: ['gcloud', 'services', 'enable', ...REQUIRED_APIS, `--project=${c.project}`] }];
}

/** One service account per function, plus the tasks signer and the builder; created if absent. */
export function serviceAccounts(c: DeployConfig): DeployCommand[] {
  const accounts: [string, string][] = [
    ...FUNCTION_NAMES.map((n): [string, string] => [c.accounts.functions[n], `GradeBot ${n} function`]),
    [c.accounts.tasks, 'GradeBot Cloud Tasks OIDC signer'],
    [c.accounts.build, 'GradeBot function builds'],
  ];
  return accounts.map(([email, displayName]) => ({
    unless: ['gcloud', 'iam', 'service-accounts', 'describe', email, `--project=${c.project}`],
    argv: ['gcloud', 'iam', 'service-accounts', 'create', email.split('@')[0] ?? email, `--display-name=${displayName}`, `--project=${c.project}`],
  }));
}

/** Project roles for each runtime account, and "act as the tasks account" for those that enqueue. */
export function iamBindings(c: DeployConfig): DeployCommand[] {
  const projectRole = (email: string, role: string): DeployCommand => ({
    argv: ['gcloud', 'projects', 'add-iam-policy-binding', c.project, `--member=${sa(email)}`, `--role=${role}`, '--condition=None'],
  });
  const commands: DeployCommand[] = [];
  for (const role of SUPPORT_ACCOUNTS.build.roles) commands.push(projectRole(c.accounts.build, role));
  for (const name of FUNCTION_NAMES) {
    for (const role of FUNCTION_SPECS[name].roles) commands.push(projectRole(c.accounts.functions[name], role));
  }
  for (const name of FUNCTION_NAMES) {
    if (!FUNCTION_SPECS[name].enqueuesTasks) continue;
    // Creating a task with an OIDC token for another account requires actAs on that account.
    commands.push({
      argv: [
        'gcloud', 'iam', 'service-accounts', 'add-iam-policy-binding', c.accounts.tasks,
        `--member=${sa(c.accounts.functions[name])}`, '--role=roles/iam.serviceAccountUser', `--project=${c.project}`,
      ],
    });
  }
  return commands;
}

/**
 * Secrets: created if absent; a first version from the operator's environment for the API keys,
 * generated (or the operator's) for our own HMAC keys (the webhook secret comes from Stripe when
 * the endpoint is created); read access only for the functions that mount each one.
 */
export function secrets(c: DeployConfig): DeployCommand[] {
  const commands: DeployCommand[] = [];
  for (const name of SECRET_NAMES) {
    commands.push({
      unless: ['gcloud', 'secrets', 'describe', name, `--project=${c.project}`],
      argv: ['gcloud', 'secrets', 'create', name, '--replication-policy=automatic', `--project=${c.project}`],
    });
  }
  for (const name of SECRETS_FROM_ENV) {
    commands.push({
      unless: ['gcloud', 'secrets', 'versions', 'describe', 'latest', `--secret=${name}`, `--project=${c.project}`],
      stdinFromEnv: name,
      argv: ['gcloud', 'secrets', 'versions', 'add', name, '--data-file=-', `--project=${c.project}`],
    });
  }
  for (const name of SECRET_NAMES) {
    const generated = GENERATED_SECRETS[name];
    if (!generated) continue;
    commands.push({
      unless: ['gcloud', 'secrets', 'versions', 'describe', 'latest', `--secret=${name}`, `--project=${c.project}`],
      stdinFromEnv: name,
      stdinGenerated: generated,
      argv: ['gcloud', 'secrets', 'versions', 'add', name, '--data-file=-', `--project=${c.project}`],
    });
  }
  for (const name of SECRET_NAMES) {
    for (const fn of FUNCTION_NAMES) {
      if (!FUNCTION_SPECS[fn].secrets.includes(name)) continue;
      commands.push({
        argv: [
          'gcloud', 'secrets', 'add-iam-policy-binding', name, `--member=${sa(c.accounts.functions[fn])}`,
          '--role=roles/secretmanager.secretAccessor', `--project=${c.project}`,
        ],
      });
    }
  }
  return commands;
}

/** Only the tasks account may invoke the worker (its Cloud Run service exists after the deploy). */
export function workerInvoker(c: DeployConfig): DeployCommand[] {
  return [
    {
      argv: [
        'gcloud', 'run', 'services', 'add-iam-policy-binding', 'worker', `--region=${c.region}`,
        `--member=${sa(c.accounts.tasks)}`, '--role=roles/run.invoker', `--project=${c.project}`,
      ],
    },
  ];
}
