import { resolve } from 'node:path';
import { buildAddon } from './addon';
import { buildFunctions } from './functions';

/** `npm run build`: the add-on bundle folder and one bundle per Cloud Function, under dist/. */
async function main(): Promise<void> {
  const root = resolve(__dirname, '../..');
  const addon = await buildAddon({ outDir: resolve(root, 'dist/addon') });
  console.log(`  dist/addon/Code.js  ${(addon.bytes / 1024).toFixed(1)} KiB  (${addon.functions.length} global functions)`);
  const bundles = await buildFunctions({ root, outDir: resolve(root, 'dist/functions') });
  for (const b of bundles) {
    console.log(`  dist/functions/${b.name}/index.js  ${(b.bytes / 1024).toFixed(1)} KiB  (${b.dependencies.join(', ') || 'no npm dependencies'})`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
