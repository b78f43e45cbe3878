import { CONFIG_SECRETS, type ConfigSecret, FUNCTION_CONFIG } from '../../cloud/config';
import type { FunctionName } from '../../cloud/config/core';

/** The Secret Manager secrets, named as the environment variables the functions read. */
export const SECRET_NAMES = CONFIG_SECRETS;
export type SecretName = ConfigSecret;

/** Secrets whose first version the deploy takes from the operator's environment (required then). */
export const SECRETS_FROM_ENV: readonly SecretName[] = ['ANTHROPIC_API_KEY', 'STRIPE_SECRET_KEY'];

/**
 * Our own HMAC keys: their first version is the operator's value if set, otherwise random bytes
 * (as hex) made by the deploy and sent straight to Secret Manager, never printed.
 */
export const GENERATED_SECRETS: Readonly<Partial<Record<SecretName, { bytes: number }>>> = {
  CHART_URL_SECRET: { bytes: 32 },
  ADMIN_SESSION_SECRET: { bytes: 32 },
};

/**
 * Well-formed stand-ins for the secret values, for checking at deploy time that each function's
 * configuration loads with the secrets it is given (the values themselves are never read there).
 */
export const SECRET_PLACEHOLDERS: Readonly<Record<SecretName, string>> = {
  ANTHROPIC_API_KEY: 'sk-ant-deploy-check',
  STRIPE_SECRET_KEY: 'sk_live_deploy_check',
  STRIPE_WEBHOOK_SECRET: 'whsec_deploy_check',
  CHART_URL_SECRET: 'c'.repeat(64),
  ADMIN_SESSION_SECRET: 'a'.repeat(64),
};

export interface FunctionSpec {
  /** Memory in Cloud Run units. */
  memory: string;
  /** Request timeout; `'dispatch-deadline'` follows the queue's dispatch deadline. */
  timeoutSeconds: number | 'dispatch-deadline';
  /** Upper bound on instances; `'queue-concurrency'` matches the queue's concurrent dispatches. */
  maxInstances: number | 'queue-concurrency';
  /** Public: anyone may call it and the function checks callers itself (tokens, signatures). */
  public: boolean;
  /** Suffix of the function's own runtime service account: `<prefix>-<suffix>`. */
  accountSuffix: string;
  /** Project roles of the runtime service account. */
  roles: readonly string[];
  /** Creates Cloud Tasks (and so must act as the tasks service account to sign their OIDC tokens). */
  enqueuesTasks: boolean;
  /** Mounted as environment variables of the same name: exactly what its configuration reads (FUNCTION_CONFIG). */
  secrets: readonly SecretName[];
}

/**
 * Each function runs as its own service account with only the roles it uses and only the secrets
 * its configuration reads, so a bug in the public pages cannot touch Firestore, the dashboard
 * cannot write it, only the worker can spend Anthropic credit and only the api can call Stripe.
 */
export const FUNCTION_SPECS: Readonly<Record<FunctionName, FunctionSpec>> = {
  api: {
    memory: '512Mi',
    timeoutSeconds: 60,
    maxInstances: 20,
    public: true,
    accountSuffix: 'api',
    roles: ['roles/datastore.user', 'roles/cloudtasks.enqueuer'],
    enqueuesTasks: true,
    secrets: FUNCTION_CONFIG.api.secrets,
  },
  worker: {
    memory: '512Mi',
    // An attempt must be allowed to run as long as Cloud Tasks waits for it, or retries overlap.
    timeoutSeconds: 'dispatch-deadline',
    maxInstances: 'queue-concurrency',
    public: false,
    accountSuffix: 'worker',
    roles: ['roles/datastore.user', 'roles/cloudtasks.enqueuer'],
    enqueuesTasks: true,
    secrets: FUNCTION_CONFIG.worker.secrets,
  },
  stripeWebhook: {
    memory: '256Mi',
    timeoutSeconds: 60,
    maxInstances: 10,
    public: true,
    accountSuffix: 'webhook',
    roles: ['roles/datastore.user'],
    enqueuesTasks: false,
    secrets: FUNCTION_CONFIG.stripeWebhook.secrets,
  },
  admin: {
    memory: '512Mi',
    timeoutSeconds: 60,
    maxInstances: 5,
    public: true,
    accountSuffix: 'admin',
    // The dashboard only reads (rollups, records); its sessions are signed cookies, not documents.
    roles: ['roles/datastore.viewer'],
    enqueuesTasks: false,
    secrets: FUNCTION_CONFIG.admin.secrets,
  },
  pages: {
    memory: '256Mi',
    timeoutSeconds: 30,
    maxInstances: 10,
    public: true,
    accountSuffix: 'pages',
    roles: [],
    enqueuesTasks: false,
    secrets: FUNCTION_CONFIG.pages.secrets,
  },
};

/** Service accounts that are not a function's runtime identity. */
export const SUPPORT_ACCOUNTS = {
  /** Signs Cloud Tasks' OIDC tokens; the only identity allowed to invoke the worker. */
  tasks: { suffix: 'tasks', roles: [] as string[] },
  /** Builds the functions' images (instead of the broad default Compute Engine account). */
  build: { suffix: 'build', roles: ['roles/cloudbuild.builds.builder'] },
} as const;
