import type { FunctionName } from '../config/core';
import type { Deps } from '../deps';
import type { HttpHandler } from '../http/types';
import { admin } from './admin';
import { api } from './api';
import { pages } from './pages';
import { stripeWebhook } from './stripe-webhook';
import { worker } from './worker';

/** A function's body, built from the shared dependencies. */
export type FunctionFactory = (deps: Deps) => HttpHandler;

/**
 * All five, for the local stack. Production entries import only their own factory, so each
 * function's bundle holds only its own code.
 */
export const FUNCTIONS: Record<FunctionName, FunctionFactory> = { api, worker, stripeWebhook, admin, pages };
