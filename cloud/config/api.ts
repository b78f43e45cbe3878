import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { CoreConfig } from './core';
import { type Env, parseSection } from './env';

/**
 * The create request carries up to 35 Docs of at most 60,000 characters each (shared/api
 * DOCUMENT_LIMITS): ~2.1 M characters, which UTF-8 can make ~6.3 MB for scripts of 3 bytes per
 * character. 8 MiB admits every legal request and refuses anything larger before we parse it.
 */
const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

const ApiEnv = z.object({
  /** Largest request body the API accepts, in bytes; larger answers 413. */
  API_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(32 * 1024 * 1024).default(DEFAULT_MAX_BODY_BYTES),
  /**
   * Key of the HMAC that signs contribution-chart URLs (the card's image proxy sends no auth
   * header). Required in production; locally a random key is made per process.
   */
  CHART_URL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** How long a signed chart URL works, in seconds. */
  CHART_URL_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(600),
  /**
   * How long one instance trusts that a teacher's user document exists and matches their sign-in,
   * so that polling the detail card costs no user read. 0 checks on every request.
   */
  API_USER_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
});

export type ApiConfig = ReturnType<typeof loadApiConfig>;

/** The `api` function's settings: body limit, chart URL signing, the per-instance user cache. */
export function loadApiConfig(env: Env, core: Pick<CoreConfig, 'local' | 'urls'>) {
  const a = parseSection('api', ApiEnv, env);
  if (!core.local && a.CHART_URL_SECRET === undefined) {
    throw new Error('Invalid api configuration:\n  CHART_URL_SECRET: required in production');
  }
  return {
    maxBodyBytes: a.API_MAX_BODY_BYTES,
    chart: {
      secret: a.CHART_URL_SECRET ?? randomBytes(32).toString('base64url'),
      ttlSeconds: a.CHART_URL_TTL_SECONDS,
      /** Signed chart URLs start here: the API's public URL. */
      baseUrl: core.urls.api.replace(/\/+$/, ''),
    },
    userCacheMs: a.API_USER_CACHE_SECONDS * 1000,
  };
}
