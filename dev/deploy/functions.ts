import type { FunctionName } from '../../cloud/config/core';

/** The Secret Manager secrets, named as the environment variables the functions read. */
export const SECRET_NAMES = ['ANTHROPIC_API_KEY', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** Secrets whose first version the deploy takes from the operator's environment. */
export const SECRETS_FROM_ENV: readonly SecretName[] = ['ANTHROPIC_API_KEY', 'STRIPE_SECRET_KEY'];

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
  secrets: readonly SecretName[];
}

// Every entry loads the whole configuration, and its billing section requires the Stripe key and
// webhook secret together in production; narrow these lists when entries load only their sections.
const STRIPE: readonly SecretName[] = ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'];

/**
 * Each function runs as its own service account with only the roles it uses, so a bug in the
 * public pages cannot write to Firestore and only the worker can spend Anthropic credit.
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
    secrets: STRIPE,
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
    secrets: ['ANTHROPIC_API_KEY', ...STRIPE],
  },
  stripeWebhook: {
    memory: '256Mi',
    timeoutSeconds: 60,
    maxInstances: 10,
    public: true,
    accountSuffix: 'webhook',
    roles: ['roles/datastore.user'],
    enqueuesTasks: false,
    secrets: STRIPE,
  },
  admin: {
    memory: '512Mi',
    timeoutSeconds: 60,
    maxInstances: 5,
    public: true,
    accountSuffix: 'admin',
    roles: ['roles/datastore.user'],
    enqueuesTasks: false,
    secrets: STRIPE,
  },
  pages: {
    memory: '256Mi',
    timeoutSeconds: 30,
    maxInstances: 10,
    public: true,
    accountSuffix: 'pages',
    roles: [],
    enqueuesTasks: false,
    secrets: STRIPE,
  },
};

/** Service accounts that are not a function's runtime identity. */
export const SUPPORT_ACCOUNTS = {
  /** Signs Cloud Tasks' OIDC tokens; the only identity allowed to invoke the worker. */
  tasks: { suffix: 'tasks', roles: [] as string[] },
  /** Builds the functions' images (instead of the broad default Compute Engine account). */
  build: { suffix: 'build', roles: ['roles/cloudbuild.builds.builder'] },
} as const;
