import { loadConfig } from '../config';
import { buildDeps } from '../deps';
import { stripeWebhook } from '../functions/stripe-webhook';
import { registerLazily } from '../functions/serve';

registerLazily('stripeWebhook', stripeWebhook, () => buildDeps(loadConfig(process.env)));
