import { loadConfig } from '../config';
import { buildDeps } from '../deps';
import { registerLazily } from '../functions/serve';

registerLazily('pages', () => buildDeps(loadConfig(process.env)));
