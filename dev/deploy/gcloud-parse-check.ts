import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeployCommand } from './command';

/**
 * Checks offline that the installed gcloud accepts the arguments of every gcloud command of a
 * deploy plan (its probes too). Each runs with an empty configuration: no account, no project, no
 * credentials from the caller's environment. gcloud parses and validates the arguments first and
 * only then looks for an account, so "no active account" means the arguments were accepted, and a
 * usage error (exit code 2, "unrecognized arguments", "argument --x: …") means they were not.
 */

export type ParseStatus = 'accepted' | 'rejected' | 'unclassified';

export interface ParseResult {
  argv: readonly string[];
  status: ParseStatus;
  code: number;
  /** gcloud's first error line. */
  detail: string;
}

/** gcloud's answer once the arguments parsed: it needs an account (or credentials) to go on. */
const NEEDS_ACCOUNT = /You do not currently have an active account selected|Your current active account .* does not have any valid credentials|Reauthentication required/;
/** Argument parsing and validation errors (argparse and gcloud's own argument types). */
const BAD_ARGUMENTS = /unrecognized arguments|argument [A-Z-]*--?[\w-]+|Invalid choice|valid keys are|expected one argument|Invalid value for|must be specified|InvalidArgumentException|Bad syntax for dict arg/;

/** What one gcloud run says about its arguments. */
export function classifyGcloud(code: number, stderr: string): ParseStatus {
  if (code === 0 || NEEDS_ACCOUNT.test(stderr)) return 'accepted';
  if (code === 2 || BAD_ARGUMENTS.test(stderr)) return 'rejected';
  return 'unclassified';
}

/** Every gcloud invocation a plan may run: each command and each create-if-absent probe. */
export function gcloudInvocations(plan: readonly DeployCommand[]): (readonly string[])[] {
  return plan.flatMap((c) => [c.unless, c.argv]).filter((argv): argv is readonly string[] => argv?.[0] === 'gcloud');
}

export interface CheckOptions {
  /** The gcloud program; default `gcloud` on PATH. */
  gcloud?: string;
  /** Runs at a time (gcloud is a Python program that takes ~0.6 s to start). */
  concurrency?: number;
  /** Per run; a run that takes longer is unclassified. */
  timeoutMs?: number;
}

/** Runs each argv with an empty gcloud configuration and says whether gcloud accepted its arguments. */
export async function checkGcloudParsing(invocations: readonly (readonly string[])[], opts: CheckOptions = {}): Promise<ParseResult[]> {
  const config = mkdtempSync(join(tmpdir(), 'gradebot-gcloud-parse-'));
  // Only what gcloud needs to start: nothing that could carry the caller's account or credentials.
  const env: NodeJS.ProcessEnv = Object.fromEntries([
    ['PATH', process.env.PATH],
    ['LANG', 'C.UTF-8'],
    ['HOME', config],
    ['CLOUDSDK_CONFIG', config],
    ['CLOUDSDK_CORE_DISABLE_PROMPTS', '1'],
    ['CLOUDSDK_CORE_DISABLE_USAGE_REPORTING', 'true'],
    ['CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK', 'true'],
    ['CLOUDSDK_CORE_CHECK_GCE_METADATA', 'false'],
  ]);
  const results: ParseResult[] = new Array(invocations.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < invocations.length; i = next++) {
      const argv = invocations[i]!;
      const { code, stderr } = await run(opts.gcloud ?? 'gcloud', argv.slice(1), env, opts.timeoutMs ?? 30_000);
      const status = classifyGcloud(code, stderr);
      const detail = stderr.split('\n').find((l) => l.startsWith('ERROR')) ?? stderr.trim().split('\n')[0] ?? '';
      results[i] = { argv, status, code, detail };
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 2) }, worker));
  } finally {
    rmSync(config, { recursive: true, force: true });
  }
  return results;
}

function run(program: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: 127, stderr: `${stderr}${err.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stderr: signal ? `${stderr}\n(killed after ${timeoutMs} ms)` : stderr });
    });
  });
}

/** Whether `gcloud` can be run here. */
export async function gcloudAvailable(gcloud = 'gcloud'): Promise<boolean> {
  const config = mkdtempSync(join(tmpdir(), 'gradebot-gcloud-version-'));
  try {
    const { code } = await run(gcloud, ['--version'], Object.fromEntries([['PATH', process.env.PATH], ['HOME', config], ['CLOUDSDK_CONFIG', config], ['CLOUDSDK_CORE_DISABLE_PROMPTS', '1']]), 30_000);
    return code === 0;
  } finally {
    rmSync(config, { recursive: true, force: true });
  }
}
