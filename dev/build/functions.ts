import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { FUNCTION_NAMES, type FunctionName } from '../../cloud/config/core';

export interface FunctionBundle {
  name: FunctionName;
  dir: string;
  bytes: number;
  dependencies: string[];
}

/**
 * One deployable folder per Cloud Function: our code bundled into index.js (small, fast to load),
 * npm packages left external and listed in a generated package.json so Cloud Build installs exactly
 * what that function imports.
 */
export async function buildFunctions(opts: { root: string; outDir: string }): Promise<FunctionBundle[]> {
  const rootPkg = JSON.parse(readFileSync(join(opts.root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  // express arrives with functions-framework; it is listed at the version installed here.
  const versions: Record<string, string> = { ...rootPkg.dependencies, express: `^${installedVersion(opts.root, 'express')}` };
  const external = Object.keys(versions);
  const bundles: FunctionBundle[] = [];
  for (const name of FUNCTION_NAMES) {
    const dir = join(opts.outDir, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const result = await build({
      entryPoints: [join(opts.root, 'cloud/entries', `${name}.ts`)],
      outfile: join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      sourcemap: 'linked',
      external: external.flatMap((p) => [p, `${p}/*`]),
      metafile: true,
      logLevel: 'warning',
    });
    const used = new Set<string>();
    for (const input of Object.values(result.metafile.inputs)) {
      for (const imp of input.imports) {
        if (!imp.external) continue;
        const pkg = external.find((p) => imp.path === p || imp.path.startsWith(`${p}/`));
        if (pkg) used.add(pkg);
      }
    }
    const dependencies = [...used].sort();
    writeFileSync(
      join(dir, 'package.json'),
      `${JSON.stringify(
        { name: `gradebot-${name}`, private: true, main: 'index.js', engines: { node: '>=22' }, dependencies: Object.fromEntries(dependencies.map((d) => [d, versions[d]])) },
        null,
        2,
      )}\n`,
    );
    bundles.push({ name, dir, bytes: statSync(join(dir, 'index.js')).size, dependencies });
  }
  return bundles;
}

function installedVersion(root: string, pkg: string): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
}
