import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DeployCommand, formatCommand, shellQuote } from '../../dev/deploy/command';
import { envVarsFlag } from '../../dev/deploy/env-vars-flag';
import { DeployStepError, runPlan } from '../../dev/deploy/runner';

const node = process.execPath;
/** A real program: node running a snippet. */
const js = (code: string, ...args: string[]): string[] => [node, '-e', code, ...args];
const touch = (file: string) => js('require("fs").appendFileSync(process.argv[1], "ran\\n")', file);

describe('formatCommand', () => {
  it('prints arguments that a POSIX shell reads back unchanged', () => {
    const args = ['--database=(default)', "it's", 'a b', '$HOME', '--set-env-vars=^;^A=1,2;B=x y', '', 'plain'];
    const line = `printf '[%s]' ${args.map(shellQuote).join(' ')}`;
    expect(execFileSync('sh', ['-c', line], { encoding: 'utf8' })).toBe(args.map((a) => `[${a}]`).join(''));
  });

  it('shows create-if-absent, stdin-from-env and tolerated failures as shell', () => {
    const cmd: DeployCommand = {
      unless: ['gcloud', 'secrets', 'describe', 'K'],
      stdinFromEnv: 'K',
      argv: ['gcloud', 'secrets', 'versions', 'add', 'K', '--data-file=-'],
    };
    expect(formatCommand(cmd)).toBe(`gcloud secrets describe K >/dev/null 2>&1 || printf '%s' "$K" | gcloud secrets versions add K --data-file=-`);
    expect(formatCommand({ argv: ['x'], okIfStderr: { pattern: /E/, note: 'fine if it exists' } })).toBe('x  # fine if it exists');
  });
});

describe('envVarsFlag', () => {
  it('joins with commas when no value has one', () => {
    expect(envVarsFlag({ A: '1', B: 'two words' })).toBe('--set-env-vars=A=1,B=two words');
  });

  it('switches to a delimiter that appears in no value when one has a comma', () => {
    expect(envVarsFlag({ ADMIN_EMAILS: 'a@x.example,b@x.example', B: '2' })).toBe('--set-env-vars=^;^ADMIN_EMAILS=a@x.example,b@x.example;B=2');
    expect(envVarsFlag({ A: 'x,y;z', B: '1' })).toBe('--set-env-vars=^@^A=x,y;z@B=1');
  });
});

describe('runPlan', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deploy-runner-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('in a dry run prints one line per command and runs nothing', async () => {
    const marker = join(dir, 'marker');
    const lines: string[] = [];
    const plan: DeployCommand[] = [{ argv: touch(marker) }, { argv: touch(marker), unless: touch(marker) }];
    await runPlan(plan, { dryRun: true, env: process.env, print: (l) => lines.push(l) });
    expect(lines).toEqual(plan.map(formatCommand));
    expect(existsSync(marker)).toBe(false);
  });

  it('runs in order and stops at the first failure', async () => {
    const a = join(dir, 'a');
    const c = join(dir, 'c');
    const lines: string[] = [];
    const run = runPlan([{ argv: touch(a) }, { argv: js('process.exit(3)') }, { argv: touch(c) }], { dryRun: false, env: process.env, print: (l) => lines.push(l) });
    await expect(run).rejects.toThrow(DeployStepError);
    await expect(run).rejects.toThrow(/Step 2 failed \(exit code 3\)/);
    expect(readFileSync(a, 'utf8')).toBe('ran\n');
    expect(existsSync(c)).toBe(false);
    expect(lines.map((l) => l.slice(0, 5))).toEqual(['[1/3]', '[2/3]']);
  });

  it('fails on a program that does not exist', async () => {
    await expect(runPlan([{ argv: ['gradebot-no-such-program'] }], { dryRun: false, env: process.env, print: () => {} })).rejects.toThrow(/Step 1 failed/);
  });

  it('skips a step whose probe succeeds and runs it when the probe fails', async () => {
    const skipped = join(dir, 'skipped');
    const created = join(dir, 'created');
    await runPlan(
      [
        { unless: js('process.exit(0)'), argv: touch(skipped) },
        { unless: js('process.exit(1)'), argv: touch(created) },
      ],
      { dryRun: false, env: process.env, print: () => {} },
    );
    expect(existsSync(skipped)).toBe(false);
    expect(readFileSync(created, 'utf8')).toBe('ran\n');
  });

  it('pipes a secret from the environment to stdin without printing it', async () => {
    const out = join(dir, 'secret');
    const lines: string[] = [];
    await runPlan([{ stdinFromEnv: 'GB_TEST_SECRET', argv: js('require("fs").writeFileSync(process.argv[1], require("fs").readFileSync(0))', out) }], {
      dryRun: false,
      env: { ...process.env, GB_TEST_SECRET: 's3cr3t-value' },
      print: (l) => lines.push(l),
    });
    expect(readFileSync(out, 'utf8')).toBe('s3cr3t-value');
    expect(lines.join('\n')).not.toContain('s3cr3t-value');
    expect(lines.join('\n')).toContain('"$GB_TEST_SECRET"');
  });

  it('sends a generated key when the variable is unset, the operator\'s when set, and prints neither', async () => {
    const write = (file: string) => js('require("fs").writeFileSync(process.argv[1], require("fs").readFileSync(0))', file);
    const [generated, again, given] = [join(dir, 'g1'), join(dir, 'g2'), join(dir, 'given')];
    const lines: string[] = [];
    const cmd = (file: string): DeployCommand => ({ stdinFromEnv: 'GB_TEST_HMAC', stdinGenerated: { bytes: 32 }, argv: write(file) });
    await runPlan([cmd(generated), cmd(again)], { dryRun: false, env: {}, print: (l) => lines.push(l) });
    const values = [readFileSync(generated, 'utf8'), readFileSync(again, 'utf8')];
    for (const v of values) expect(v).toMatch(/^[0-9a-f]{64}$/);
    expect(values[0]).not.toBe(values[1]);
    await runPlan([cmd(given)], { dryRun: false, env: { GB_TEST_HMAC: 'operator-chosen-key-of-32-characters!' }, print: (l) => lines.push(l) });
    expect(readFileSync(given, 'utf8')).toBe('operator-chosen-key-of-32-characters!');
    const printed = lines.join('\n');
    for (const v of [...values, 'operator-chosen']) expect(printed).not.toContain(v);
    expect(printed).toContain(`printf '%s' "\${GB_TEST_HMAC:-$(openssl rand -hex 32)}" |`);
  });

  it('refuses to create a secret from an unset variable', async () => {
    const out = join(dir, 'secret');
    const run = runPlan([{ stdinFromEnv: 'GB_TEST_UNSET', argv: touch(out) }], { dryRun: false, env: {}, print: () => {} });
    await expect(run).rejects.toThrow(/GB_TEST_UNSET is not set/);
    expect(existsSync(out)).toBe(false);
  });

  it('accepts a failure whose stderr matches okIfStderr, and no other', async () => {
    const fail = (msg: string) => js(`process.stderr.write(${JSON.stringify(msg)}); process.exit(1)`);
    const ok = { pattern: /ALREADY_EXISTS/, note: 'exists' };
    const lines: string[] = [];
    await runPlan([{ argv: fail('ERROR: ALREADY_EXISTS: index already exists\n'), okIfStderr: ok }], { dryRun: false, env: process.env, print: (l) => lines.push(l) });
    expect(lines).toContain('  (exists)');
    await expect(runPlan([{ argv: fail('ERROR: PERMISSION_DENIED\n'), okIfStderr: ok }], { dryRun: false, env: process.env, print: () => {} })).rejects.toThrow(
      /Step 1 failed \(exit code 1\)/,
    );
  });
});
