/**
 * `npm run bench [name…]`: runs the benchmarks one after another (each starts what it needs) and
 * prints their figures. Names: llm-cost, pipeline, faults, api, writing-process. Extra flags go to every benchmark.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BENCHES = ['llm-cost', 'pipeline', 'faults', 'api', 'writing-process'] as const;

const args = process.argv.slice(2);
const chosen = args.filter((a) => !a.startsWith('--'));
const flags = args.filter((a) => a.startsWith('--'));
const unknown = chosen.filter((n) => !(BENCHES as readonly string[]).includes(n));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Choose from: ${BENCHES.join(', ')}.`);
  process.exit(2);
}

// Nothing here runs on Google Cloud: no metadata server for the auth library to probe.
const env = { METADATA_SERVER_DETECTION: 'none', ...process.env };
let failed = false;
for (const name of chosen.length > 0 ? chosen : BENCHES) {
  console.log(`\n=== bench/${name} ===`);
  const run = spawnSync(process.execPath, [join(__dirname, '../node_modules/tsx/dist/cli.mjs'), join(__dirname, `${name}.ts`), ...flags], { stdio: 'inherit', env });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
