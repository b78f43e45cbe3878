import { loadDeployedFunctionConfig } from '../config';
import { buildDeps } from '../deps';
import { stripeWebhook } from '../functions/stripe-webhook';
import { registerLazily } from '../functions/serve';

// Only the stripeWebhook function's own configuration sections and secrets (cloud/config FUNCTION_CONFIG).
registerLazily('stripeWebhook', stripeWebhook, () => buildDeps(loadDeployedFunctionConfig('stripeWebhook')));
