import { loadDeployedFunctionConfig } from '../config';
import { buildDeps } from '../deps';
import { api } from '../functions/api';
import { registerLazily } from '../functions/serve';

// Only the api function's own configuration sections and secrets (cloud/config FUNCTION_CONFIG).
registerLazily('api', api, () => buildDeps(loadDeployedFunctionConfig('api')));
