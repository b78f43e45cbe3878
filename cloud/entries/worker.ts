import { loadDeployedFunctionConfig } from '../config';
import { buildDeps } from '../deps';
import { worker } from '../functions/worker';
import { registerLazily } from '../functions/serve';

// Only the worker function's own configuration sections and secrets (cloud/config FUNCTION_CONFIG).
registerLazily('worker', worker, () => buildDeps(loadDeployedFunctionConfig('worker')));
