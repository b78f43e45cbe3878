import { loadConfig } from '../config';
import { buildDeps } from '../deps';
import { registerLazily } from '../functions/serve';

registerLazily('admin', () => buildDeps(loadConfig(process.env)));
