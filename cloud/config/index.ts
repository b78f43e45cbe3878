import { loadCoreConfig } from './core';
import type { Env } from './env';

/**
 * The whole configuration, read from the environment once at the root (an entry file or the dev
 * runner) and handed down. Each section parses its own variables and names every bad one.
 */
export function loadConfig(env: Env) {
  const core = loadCoreConfig(env);
  return { ...core };
}
export type Config = ReturnType<typeof loadConfig>;
