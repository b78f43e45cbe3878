import type { Firestore } from '@google-cloud/firestore';
import type Stripe from 'stripe';
import { createStripeClient } from './billing/stripe-client';
import { createTokenVerifier, type TokenVerifier } from './auth/verify-token';
import type { Config } from './config';
import { createLogger, type Logger } from './log';
import { createPipelineQueue } from './pipeline/build-deps';
import type { TaskQueue } from './tasks/task-queue';
import { createFirestore } from './store/firestore';
import { createPaths, type Paths } from './store/paths';

/** Everything the functions need, built once per instance from the configuration. */
export interface Deps {
  config: Config;
  logger: Logger;
  db: Firestore;
  paths: Paths;
  verifyToken: TokenVerifier;
  stripe: Stripe;
  /** The Cloud Tasks queue the pipeline's tasks go through. */
  queue: TaskQueue;
  now: () => Date;
}

/**
 * The dependencies, each built on first use and then kept: a function builds only what it uses
 * (the pages make no Firestore, Stripe or Cloud Tasks client; only the api makes a Stripe client),
 * so a deployed function needs only its own configuration sections and secrets. `overrides` are
 * used as given (tests).
 */
export function buildDeps(config: Config, overrides: Partial<Deps> = {}): Deps {
  const { config: _ignored, ...given } = overrides;
  const built: Partial<Omit<Deps, 'config'>> = given;
  const once = <K extends keyof typeof built>(key: K, make: () => NonNullable<(typeof built)[K]>): NonNullable<(typeof built)[K]> =>
    (built[key] ??= make()) as NonNullable<(typeof built)[K]>;
  return {
    config,
    get logger() {
      return once('logger', () => createLogger({ level: config.logLevel }));
    },
    get db() {
      return once('db', () => createFirestore({ projectId: config.projectId, databaseId: config.firestore.databaseId, emulatorHost: config.firestore.emulatorHost }));
    },
    get paths() {
      return once('paths', () => createPaths(this.db));
    },
    get verifyToken() {
      return once('verifyToken', () => createTokenVerifier({ issuers: config.auth.issuers, certsUrl: config.auth.certsUrl }));
    },
    get stripe() {
      return once('stripe', () => createStripeClient(config.billing));
    },
    get queue() {
      return once('queue', () => createPipelineQueue(config));
    },
    get now() {
      return once('now', () => () => new Date());
    },
  };
}
