import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { FUNCTION_NAMES } from '../../cloud/config/core';
import { buildFunctions, type FunctionBundle } from '../../dev/build/functions';

const root = join(__dirname, '../..');
// Inside the repo so the bundles resolve their external packages from node_modules, as they will
// from the deployed function's own node_modules.
const outDir = join(root, 'dist', `test-functions-${process.pid}`);
let bundles: FunctionBundle[];

beforeAll(async () => {
  // The bundles read their configuration from the environment, as deployed; keep access logs out.
  process.env.LOG_LEVEL = 'WARNING';
  bundles = await buildFunctions({ root, outDir });
}, 120_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('npm run build: one bundle per Cloud Function', () => {
  it('writes index.js and a package.json naming exactly the packages it imports', () => {
    expect(bundles.map((b) => b.name).sort()).toEqual([...FUNCTION_NAMES].sort());
    for (const b of bundles) {
      expect(existsSync(join(b.dir, 'index.js'))).toBe(true);
      const pkg = JSON.parse(readFileSync(join(b.dir, 'package.json'), 'utf8')) as { main: string; engines: { node: string }; dependencies: Record<string, string> };
      expect(pkg.main).toBe('index.js');
      expect(pkg.engines.node).toBe('>=22');
      expect(Object.keys(pkg.dependencies).sort()).toEqual(b.dependencies);
      expect(pkg.dependencies['@google-cloud/functions-framework']).toBeDefined();
    }
  });

  it('keeps each function to its own code', () => {
    const pages = bundles.find((b) => b.name === 'pages')!;
    const api = bundles.find((b) => b.name === 'api')!;
    expect(readFileSync(join(pages.dir, 'index.js'), 'utf8')).not.toContain('createApiHandler');
    expect(pages.bytes).toBeLessThan(api.bytes);
  });

  it.each([...FUNCTION_NAMES])('the %s bundle registers itself and answers its health check', async (name) => {
    require(join(outDir, name, 'index.js'));
    const res = await fetchFrom(getTestServer(name), '/health');
    expect(res).toEqual({ status: 200, body: { status: 'ok', function: name, version: 'dev' } });
  });
});

async function fetchFrom(server: import('node:http').Server, path: string): Promise<{ status: number; body: unknown }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const addr = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${addr.port}${path}`);
    return { status: res.status, body: await res.json() };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
