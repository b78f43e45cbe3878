import { loadConfig } from '../config';
import { buildDeps } from '../deps';
import { registerLazily } from '../functions/serve';

registerLazily('stripeWebhook', () => buildDeps(loadConfig(process.env)));
