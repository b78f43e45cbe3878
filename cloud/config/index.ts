import { loadAdminConfig } from './admin';
import { loadApiConfig } from './api';
import { loadBillingConfig } from './billing';
import { type FunctionName, loadCoreConfig } from './core';
import { type Env, withhold } from './env';
import { loadLlmConfig } from './llm';
import { loadPagesConfig } from './pages';
import { loadPipelineConfig } from './pipeline';
import { loadTasksConfig } from './tasks';

/** The sections beside the core one (project, URLs, auth), each parsed by its own loader. */
export const SECTION_NAMES = ['tasks', 'llm', 'billing', 'pages', 'pipeline', 'api', 'admin'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

/**
 * The secrets the configuration reads, named as the environment variables that carry them. In
 * production each lives in Secret Manager and is mounted only into the functions listed for it in
 * FUNCTION_CONFIG (dev/deploy/functions.ts mounts exactly those).
 */
export const CONFIG_SECRETS = ['ANTHROPIC_API_KEY', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'CHART_URL_SECRET', 'ADMIN_SESSION_SECRET'] as const;
export type ConfigSecret = (typeof CONFIG_SECRETS)[number];

/** The section that reads each secret. */
export const SECRET_SECTION: Readonly<Record<ConfigSecret, SectionName>> = {
  ANTHROPIC_API_KEY: 'llm',
  STRIPE_SECRET_KEY: 'billing',
  STRIPE_WEBHOOK_SECRET: 'billing',
  CHART_URL_SECRET: 'api',
  ADMIN_SESSION_SECRET: 'admin',
};

export interface FunctionConfigSpec {
  /** The sections the function reads; the others are neither parsed nor validated. */
  sections: readonly SectionName[];
  /** The secrets it is given; a section's other secrets are never read and throw when used. */
  secrets: readonly ConfigSecret[];
}

/**
 * What each deployed function reads, from what its code uses (cloud/functions/*.ts):
 * - api: admission and retry through the pipeline (tasks, pipeline, retention days from pages,
 *   the feedback model's name from llm, quota limits), Checkout, portal and cancelling on account
 *   deletion (the Stripe key), signed chart URLs (CHART_URL_SECRET). No model is called.
 * - worker: the pipeline and the retention cleanup; the only caller of Claude.
 * - stripeWebhook: verifies and applies Stripe's events; no Stripe API call, so no key.
 * - admin: sign-in and the dashboard's session (ADMIN_SESSION_SECRET), reads rollups.
 * - pages: the policies (pages) and the plans' limits and price label (billing); no secret.
 */
export const FUNCTION_CONFIG: Readonly<Record<FunctionName, FunctionConfigSpec>> = {
  api: { sections: ['tasks', 'llm', 'billing', 'pages', 'pipeline', 'api'], secrets: ['STRIPE_SECRET_KEY', 'CHART_URL_SECRET'] },
  worker: { sections: ['tasks', 'llm', 'billing', 'pages', 'pipeline'], secrets: ['ANTHROPIC_API_KEY'] },
  stripeWebhook: { sections: ['billing'], secrets: ['STRIPE_WEBHOOK_SECRET'] },
  admin: { sections: ['admin'], secrets: ['ADMIN_SESSION_SECRET'] },
  pages: { sections: ['billing', 'pages'], secrets: [] },
};

/** Every section with every secret: the local stack, which runs all five functions in one process. */
const EVERYTHING: FunctionConfigSpec = { sections: SECTION_NAMES, secrets: CONFIG_SECRETS };

function load(env: Env, spec: FunctionConfigSpec, who: string) {
  const core = loadCoreConfig(env);
  const given = (s: ConfigSecret) => spec.secrets.includes(s);
  const loaders = {
    tasks: () => loadTasksConfig(env, core),
    llm: () => loadLlmConfig(env, `http://${core.host}:${core.ports.model}`, { local: core.local, apiKey: given('ANTHROPIC_API_KEY') }),
    billing: () => loadBillingConfig(env, core, { secretKey: given('STRIPE_SECRET_KEY'), webhookSecret: given('STRIPE_WEBHOOK_SECRET') }),
    pages: () => loadPagesConfig(env, core),
    pipeline: () => loadPipelineConfig(env),
    api: () => loadApiConfig(env, core),
    admin: () => loadAdminConfig(env, core),
  };
  type Sections = { [K in SectionName]: ReturnType<(typeof loaders)[K]> };
  const sections = {} as Sections;
  // Every section is tried, so one start-up (or one deploy check) names every bad variable.
  const errors: string[] = [];
  for (const name of SECTION_NAMES) {
    if (!spec.sections.includes(name)) {
      withhold(sections, name, `the ${who} does not load the ${name} section (cloud/config/index.ts FUNCTION_CONFIG)`);
      continue;
    }
    try {
      Object.assign(sections, { [name]: loaders[name]() });
    } catch (err) {
      errors.push(err instanceof Error ? err.message : String(err));
    }
  }
  if (errors.length > 0) throw new Error(errors.join('\n'));
  // Withheld sections are non-enumerable getters: copy them as they are, without reading them.
  return Object.defineProperties({ ...core }, Object.getOwnPropertyDescriptors(sections)) as typeof core & Sections;
}

/**
 * The whole configuration, read from the environment once at the root and handed down: every
 * section, with every secret (the local stack and the tests). Each section parses its own
 * variables and names every bad one.
 */
export function loadConfig(env: Env) {
  return load(env, EVERYTHING, 'local stack');
}
export type Config = ReturnType<typeof loadConfig>;

/**
 * One deployed function's configuration (its entry in cloud/entries/): only the sections and
 * secrets FUNCTION_CONFIG lists for it are parsed and required. Reading a section or secret it does
 * not load throws, naming it, rather than falling back to a local default.
 */
export function loadFunctionConfig(name: FunctionName, env: Env): Config {
  return load(env, FUNCTION_CONFIG[name], `${name} function`);
}

/** For a deployed function's entry: the one place that reads the process environment. */
export function loadDeployedFunctionConfig(name: FunctionName): Config {
  return loadFunctionConfig(name, process.env);
}
