import { loadDeployedFunctionConfig } from '../config';
import { buildDeps } from '../deps';
import { pages } from '../functions/pages';
import { registerLazily } from '../functions/serve';

// Only the pages function's own configuration sections and secrets (cloud/config FUNCTION_CONFIG).
registerLazily('pages', pages, () => buildDeps(loadDeployedFunctionConfig('pages')));
