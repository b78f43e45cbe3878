import { loadAdminConfig } from './admin';
import { loadApiConfig } from './api';
import { loadBillingConfig } from './billing';
import { loadCoreConfig } from './core';
import type { Env } from './env';
import { loadLlmConfig } from './llm';
import { loadPagesConfig } from './pages';
import { loadPipelineConfig } from './pipeline';
import { loadTasksConfig } from './tasks';

/**
 * The whole configuration, read from the environment once at the root (an entry file or the dev
 * runner) and handed down. Each section parses its own variables and names every bad one.
 */
export function loadConfig(env: Env) {
  const core = loadCoreConfig(env);
  return {
    ...core,
    tasks: loadTasksConfig(env, core),
    llm: loadLlmConfig(env, `http://${core.host}:${core.ports.model}`),
    billing: loadBillingConfig(env, core),
    pages: loadPagesConfig(env, core),
    pipeline: loadPipelineConfig(env),
    api: loadApiConfig(env, core),
    admin: loadAdminConfig(env, core),
  };
}
export type Config = ReturnType<typeof loadConfig>;
