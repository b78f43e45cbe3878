import { loadConfig } from '../config';
import { buildDeps } from '../deps';
import { registerLazily } from '../functions/serve';

registerLazily('worker', () => buildDeps(loadConfig(process.env)));
