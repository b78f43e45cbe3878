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

export function buildDeps(config: Config, overrides: Partial<Deps> = {}): Deps {
  const db = overrides.db ?? createFirestore({ projectId: config.projectId, databaseId: config.firestore.databaseId, emulatorHost: config.firestore.emulatorHost });
  return {
    config,
    logger: overrides.logger ?? createLogger({ level: config.logLevel }),
    db,
    paths: overrides.paths ?? createPaths(db),
    verifyToken: overrides.verifyToken ?? createTokenVerifier({ issuers: config.auth.issuers, certsUrl: config.auth.certsUrl }),
    stripe: overrides.stripe ?? createStripeClient(config.billing),
    queue: overrides.queue ?? createPipelineQueue(config),
    now: overrides.now ?? (() => new Date()),
  };
}
