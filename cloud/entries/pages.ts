import { loadConfig } from '../config';
import { buildDeps } from '../deps';
import { pages } from '../functions/pages';
import { registerLazily } from '../functions/serve';

registerLazily('pages', pages, () => buildDeps(loadConfig(process.env)));
