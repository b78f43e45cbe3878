import { loadConfig } from '../config';
import { buildDeps } from '../deps';
import { registerLazily } from '../functions/serve';

registerLazily('api', () => buildDeps(loadConfig(process.env)));
