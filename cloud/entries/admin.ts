import { loadConfig } from '../config';
import { buildDeps } from '../deps';
import { admin } from '../functions/admin';
import { registerLazily } from '../functions/serve';

registerLazily('admin', admin, () => buildDeps(loadConfig(process.env)));
