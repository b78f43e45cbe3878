import { loadDeployedFunctionConfig } from '../config';
import { buildDeps } from '../deps';
import { admin } from '../functions/admin';
import { registerLazily } from '../functions/serve';

// Only the admin function's own configuration sections and secrets (cloud/config FUNCTION_CONFIG).
registerLazily('admin', admin, () => buildDeps(loadDeployedFunctionConfig('admin')));
