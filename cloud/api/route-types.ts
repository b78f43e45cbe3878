import type { Firestore } from '@google-cloud/firestore';
import type { SubscriptionsApi } from '../account/cancel-subscriptions';
import type { z } from 'zod';
import type { ApiRoutes, ParsedRouteBody, RouteName, RouteResponse } from '../../shared/api';
import type { QuotaLimits } from '../../shared/rules/quota';
import type { Logger } from '../log';
import type { ChartSigner } from '../stats/chart-url';
import type { Paths } from '../store/paths';
import type { Teacher } from './authenticate';
import type { ReadCounter } from './read-counter';
import type { ApiServices } from './services';

/** What every route handler may use: built once in createApiHandler. */
export interface ApiContext {
  db: Firestore;
  paths: Paths;
  logger: Logger;
  now: () => Date;
  services: ApiServices;
  limits: QuotaLimits;
  /** Tasks running at once (the queue's max concurrent dispatches): the estimate's parallelism. */
  parallelism: number;
  /** An open assignment unchanged this long shows as stalled on its card (TASKS_STALL_AFTER_SECONDS). */
  stallAfterMs: number;
  signer: ChartSigner;
  /** Stripe, for cancelling a subscription when the teacher deletes their account. */
  stripe: SubscriptionsApi;
}

type QueryOutput<S> = S extends z.ZodType ? z.output<S> : undefined;

/** One authenticated, validated call of route `N`. */
export interface RouteCall<N extends RouteName> {
  teacher: Teacher;
  /** Raw path parameters; handlers check them with validate.ts's documentId/googleDocId. */
  params: Readonly<Record<string, string | undefined>>;
  body: ParsedRouteBody<N>;
  query: QueryOutput<ApiRoutes[N]['query']>;
  reads: ReadCounter;
}

/** A route's behaviour: a call in, the contract's response out (validated again before sending). */
export type RouteHandler<N extends RouteName> = (ctx: ApiContext, call: RouteCall<N>) => Promise<RouteResponse<N>>;

/** One handler per route of the contract: a route without a handler does not compile. */
export type RouteHandlers = { [N in RouteName]: RouteHandler<N> };
