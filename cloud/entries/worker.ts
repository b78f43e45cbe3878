import { loadConfig } from '../config';
import { buildDeps } from '../deps';
import { worker } from '../functions/worker';
import { registerLazily } from '../functions/serve';

registerLazily('worker', worker, () => buildDeps(loadConfig(process.env)));
