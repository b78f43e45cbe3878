import { z } from 'zod';
import { type Env, list, parseSection, port } from './env';

/** The five Cloud Functions, by the name each is deployed under. */
export const FUNCTION_NAMES = ['api', 'worker', 'stripeWebhook', 'admin', 'pages'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** The operator who may open the admin dashboard on a local stack. */
export const LOCAL_ADMIN_EMAIL = 'admin@gradebot.local';

const CoreEnv = z.object({
  GRADEBOT_ENV: z.enum(['local', 'test', 'production']).default('local'),
  GCP_PROJECT_ID: z.string().min(1).default('gradebot-local'),
  GCP_REGION: z.string().min(1).default('us-central1'),
  HOST: z.string().default('127.0.0.1'),
  PREVIEW_PORT: port(8080),
  API_PORT: port(8081),
  WORKER_PORT: port(8082),
  STRIPE_WEBHOOK_PORT: port(8083),
  ADMIN_PORT: port(8084),
  PAGES_PORT: port(8085),
  FIRESTORE_PORT: port(8090),
  TASKS_PORT: port(8091),
  ISSUER_PORT: port(8092),
  MODEL_PORT: port(8093),
  STRIPE_PORT: port(8094),
  DRIVE_PORT: port(8095),
  /** Public base URL of each function; locally http://HOST:PORT. */
  API_URL: z.url().optional(),
  WORKER_URL: z.url().optional(),
  STRIPE_WEBHOOK_URL: z.url().optional(),
  ADMIN_URL: z.url().optional(),
  PAGES_URL: z.url().optional(),
  /** "host:port" of a Firestore emulator; unset in production. */
  FIRESTORE_EMULATOR_HOST: z.string().optional(),
  FIRESTORE_DATABASE_ID: z.string().default('(default)'),
  LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARNING', 'ERROR']).default('INFO'),
});

const AuthEnv = z.object({
  /** Issuers accepted in ID tokens. Production: Google's. Locally: the local issuer. */
  AUTH_ISSUERS: list,
  /** Where the signing certificates (PEM by key id) are published. Unset: Google's. */
  AUTH_CERTS_URL: z.url().optional(),
  /** Audience of the add-on's ID tokens: the add-on's OAuth client id. */
  ADDON_OAUTH_CLIENT_ID: z.string().min(1).default('gradebot-addon.local'),
  /** Service account whose OIDC tokens the worker accepts (Cloud Tasks). */
  TASKS_SERVICE_ACCOUNT: z.email().default('gradebot-tasks@gradebot-local.iam.gserviceaccount.com'),
  /** OAuth client id of the admin dashboard's Google sign-in. */
  ADMIN_OAUTH_CLIENT_ID: z.string().min(1).default('gradebot-admin.local'),
  ADMIN_EMAILS: list,
});

export type CoreConfig = ReturnType<typeof loadCoreConfig>;

export function loadCoreConfig(env: Env) {
  const c = parseSection('core', CoreEnv, env);
  const a = parseSection('auth', AuthEnv, env);
  const local = c.GRADEBOT_ENV !== 'production';
  const at = (p: number) => `http://${c.HOST}:${p}`;
  const issuerUrl = at(c.ISSUER_PORT);
  return {
    env: c.GRADEBOT_ENV,
    local,
    projectId: c.GCP_PROJECT_ID,
    region: c.GCP_REGION,
    host: c.HOST,
    logLevel: c.LOG_LEVEL,
    ports: {
      preview: c.PREVIEW_PORT,
      api: c.API_PORT,
      worker: c.WORKER_PORT,
      stripeWebhook: c.STRIPE_WEBHOOK_PORT,
      admin: c.ADMIN_PORT,
      pages: c.PAGES_PORT,
      firestore: c.FIRESTORE_PORT,
      tasks: c.TASKS_PORT,
      issuer: c.ISSUER_PORT,
      model: c.MODEL_PORT,
      stripe: c.STRIPE_PORT,
      drive: c.DRIVE_PORT,
    },
    urls: {
      api: c.API_URL ?? at(c.API_PORT),
      worker: c.WORKER_URL ?? at(c.WORKER_PORT),
      stripeWebhook: c.STRIPE_WEBHOOK_URL ?? at(c.STRIPE_WEBHOOK_PORT),
      admin: c.ADMIN_URL ?? at(c.ADMIN_PORT),
      pages: c.PAGES_URL ?? at(c.PAGES_PORT),
    } satisfies Record<FunctionName, string>,
    firestore: {
      emulatorHost: c.FIRESTORE_EMULATOR_HOST ?? (local ? `${c.HOST}:${c.FIRESTORE_PORT}` : undefined),
      databaseId: c.FIRESTORE_DATABASE_ID,
    },
    auth: {
      issuers: a.AUTH_ISSUERS.length > 0 ? a.AUTH_ISSUERS : local ? [issuerUrl] : ['https://accounts.google.com', 'accounts.google.com'],
      certsUrl: a.AUTH_CERTS_URL ?? (local ? `${issuerUrl}/oauth2/v1/certs` : undefined),
      localIssuerUrl: local ? issuerUrl : undefined,
      addonAudience: a.ADDON_OAUTH_CLIENT_ID,
      tasksServiceAccount: a.TASKS_SERVICE_ACCOUNT,
      adminAudience: a.ADMIN_OAUTH_CLIENT_ID,
      // Locally one well-known operator account, so the dashboard can be opened with no setup.
      adminEmails: a.ADMIN_EMAILS.length > 0 ? a.ADMIN_EMAILS.map((e) => e.toLowerCase()) : local ? [LOCAL_ADMIN_EMAIL] : [],
    },
  };
}
