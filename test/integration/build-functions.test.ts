import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { FUNCTION_NAMES } from '../../cloud/config/core';
import { buildFunctions, type FunctionBundle } from '../../dev/build/functions';
import { functionEnvironment, loadDeployConfig } from '../../dev/deploy/config';
import { SECRET_PLACEHOLDERS } from '../../dev/deploy/functions';

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

  // As deployed: production mode, the plain environment every function gets and only the secrets
  // mounted into this one (stand-in values). The first request builds its configuration,
  // dependencies and handler; a function that refused its configuration would answer 500.
  const deployed = loadDeployConfig({
    file: {
      GCP_PROJECT_ID: 'gradebot-prod',
      ADDON_OAUTH_CLIENT_ID: '1234-abc.apps.googleusercontent.com',
      ADMIN_OAUTH_CLIENT_ID: '5678-def.apps.googleusercontent.com',
      ADMIN_EMAILS: 'ops@northwind.example',
      STRIPE_PRICE_ID: 'price_123',
      OPERATOR_NAME: 'Northwind Learning, Inc.',
      OPERATOR_CONTACT_EMAIL: 'privacy@northwind.example',
      POLICY_EFFECTIVE_DATE: '2026-03-15',
      LOG_LEVEL: 'WARNING',
    },
    shell: {},
  });
  it.each([...FUNCTION_NAMES])('the %s bundle starts with the environment and secrets the deploy gives it', async (name) => {
    const saved = process.env;
    process.env = { PATH: saved.PATH, ...functionEnvironment(deployed.runtimeEnv, name, (s) => SECRET_PLACEHOLDERS[s]) };
    try {
      let server!: import('node:http').Server;
      // A fresh copy of the bundle and of functions-framework's registry.
      jest.isolateModules(() => {
        require(join(outDir, name, 'index.js'));
        server = (require('@google-cloud/functions-framework/testing') as typeof import('@google-cloud/functions-framework/testing')).getTestServer(name);
      });
      expect(await fetchFrom(server, '/health')).toEqual({ status: 200, body: { status: 'ok', function: name, version: 'dev' } });
    } finally {
      process.env = saved;
    }
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
