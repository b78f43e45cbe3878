import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { addonDeployPlan } from '../../dev/deploy/addon-plan';
import { cloudDeployPlan } from '../../dev/deploy/cloud-plan';
import { formatCommand } from '../../dev/deploy/command';
import { loadDeployConfig } from '../../dev/deploy/config';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

const PROD_ENV = [
  'GCP_PROJECT_ID=gradebot-prod',
  'GCP_REGION=us-central1',
  'ADDON_OAUTH_CLIENT_ID=1234-abc.apps.googleusercontent.com',
  'ADMIN_OAUTH_CLIENT_ID=5678-def.apps.googleusercontent.com',
  'ADMIN_EMAILS=ops@northwind.example',
  'STRIPE_PRICE_ID=price_123',
  'OPERATOR_NAME="Northwind Learning"',
  'OPERATOR_CONTACT_EMAIL=privacy@northwind.example',
  'POLICY_EFFECTIVE_DATE=2026-03-15',
  'ANTHROPIC_API_KEY=sk-ant-never-printed',
].join('\n');

let dir: string;
let bin: string;
let log: string;

/** Stand-ins for every program the scripts call; each records its arguments, none does anything. */
function fakePrograms(): void {
  for (const name of ['gcloud', 'npm', 'npx', 'clasp', 'stripe']) {
    const file = join(bin, name);
    // FAKE_FAIL="clasp push" makes that exact call fail, to test stopping at the first failure.
    writeFileSync(file, `#!/bin/sh\necho "${name} $*" >> "$FAKE_LOG"\n[ "$FAKE_FAIL" = "${name} $1" ] && exit 7\nexit 0\n`);
    chmodSync(file, 0o755);
  }
}

function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, FAKE_LOG: log, ...extra };
  for (const k of ['ADDON_DEPLOYMENT_ID', 'CLASP_BIN', 'STRIPE_SECRET_KEY', 'GCP_PROJECT_ID', 'GCP_REGION']) delete env[k];
  return { ...env, ...extra };
}

/** Runs a deploy entry file the way `npm run deploy:*` does (tsx on Node 22), in `cwd`. */
function runScript(entry: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [TSX, join(ROOT, entry), ...args], { cwd: opts.cwd, env: opts.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

const ran = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deploy-scripts-'));
  bin = join(dir, 'bin');
  mkdirSync(bin);
  log = join(dir, 'ran.log');
  fakePrograms();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run deploy:cloud', () => {
  it('--dry-run prints the whole plan, one command per line, and runs nothing', async () => {
    const envFile = join(dir, 'prod.env');
    writeFileSync(envFile, PROD_ENV);
    const env = childEnv();
    const { code, stdout, stderr } = await runScript('dev/deploy/cloud.ts', ['--dry-run', `--vars-file=${envFile}`], { cwd: ROOT, env });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const { parseEnv } = await import('node:util');
    const expected = cloudDeployPlan(loadDeployConfig({ file: parseEnv(PROD_ENV), shell: env })).map(formatCommand);
    expect(stdout.trimEnd().split('\n')).toEqual(expected);
    expect(expected.length).toBeGreaterThan(50);
    expect(stdout).not.toContain('never-printed');
    expect(ran()).toEqual([]);
  });

  it('stops before running anything when the env file is missing or an argument is unknown', async () => {
    const missing = await runScript('dev/deploy/cloud.ts', ['--dry-run', `--vars-file=${join(dir, 'nope.env')}`], { cwd: ROOT, env: childEnv() });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.env not found');
    const unknown = await runScript('dev/deploy/cloud.ts', ['--dryrun'], { cwd: ROOT, env: childEnv() });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown argument --dryrun');
    expect(ran()).toEqual([]);
  });
});

describe('npm run deploy:addon', () => {
  const workspace = () => {
    const cwd = join(dir, 'repo');
    mkdirSync(join(cwd, 'dist/addon'), { recursive: true });
    writeFileSync(join(cwd, 'dist/addon/appsscript.json'), '{}');
    writeFileSync(join(cwd, '.clasp.json'), '{"scriptId":"x","rootDir":"dist/addon"}');
    return cwd;
  };

  it('--dry-run prints build, checks, push and redeploy, and runs nothing', async () => {
    const { code, stdout } = await runScript('dev/deploy/addon.ts', ['--dry-run', '--deployment-id=AKfy123', '--description=v1'], { cwd: workspace(), env: childEnv() });
    expect(code).toBe(0);
    const expected = addonDeployPlan({ clasp: 'clasp', bundleDir: 'dist/addon', deploymentId: 'AKfy123', description: 'v1' }).map(formatCommand);
    expect(stdout.trimEnd().split('\n')).toEqual(expected);
    expect(expected).toEqual([
      'npm run build',
      'test -f dist/addon/appsscript.json',
      'test -f .clasp.json',
      'clasp push --force',
      'clasp update-deployment AKfy123 --description=v1',
    ]);
    expect(ran()).toEqual([]);
  });

  it('runs build, push and redeploy in order', async () => {
    const { code } = await runScript('dev/deploy/addon.ts', ['--description=v2'], { cwd: workspace(), env: childEnv({ ADDON_DEPLOYMENT_ID: 'AKfy456' }) });
    expect(code).toBe(0);
    expect(ran()).toEqual(['npm run build', 'clasp push --force', 'clasp update-deployment AKfy456 --description=v2']);
  });

  it('stops at the first failure', async () => {
    const { code, stderr } = await runScript('dev/deploy/addon.ts', ['--deployment-id=AKfy789'], { cwd: workspace(), env: childEnv({ FAKE_FAIL: 'clasp push' }) });
    expect(code).toBe(1);
    expect(stderr).toContain('Step 4 failed (exit code 7): clasp push --force');
    expect(ran()).toEqual(['npm run build', 'clasp push --force']);
  });

  it('does not push when the build left no bundle', async () => {
    const cwd = workspace();
    rmSync(join(cwd, 'dist'), { recursive: true });
    const { code, stderr } = await runScript('dev/deploy/addon.ts', [], { cwd, env: childEnv() });
    expect(code).toBe(1);
    expect(stderr).toContain('Step 2 failed');
    expect(ran()).toEqual(['npm run build']);
  });
});
