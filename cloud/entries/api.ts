import { loadConfig } from '../config';
import { buildDeps } from '../deps';
import { api } from '../functions/api';
import { registerLazily } from '../functions/serve';

registerLazily('api', api, () => buildDeps(loadConfig(process.env)));
