import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Env } from '../../cloud/config/env';
import { type DeployCommand, formatCommand } from './command';

export interface ExecResult {
  code: number;
  stderr: string;
}

/** Runs one program; `quiet` hides its output (probes), `stdin` is written and closed. */
export type Exec = (argv: readonly string[], opts: { env: Env; stdin?: string; quiet?: boolean }) => Promise<ExecResult>;

export interface RunOptions {
  dryRun: boolean;
  /** Where progress and dry-run lines go (one command per line). */
  print: (line: string) => void;
  /** The environment the programs run in, and where `stdinFromEnv` values come from. */
  env: Env;
  exec?: Exec;
}

/** A step that failed; the deploy stops there. */
export class DeployStepError extends Error {
  constructor(
    readonly step: number,
    readonly command: string,
    readonly code: number,
    detail?: string,
  ) {
    super(`Step ${step} failed${code >= 0 ? ` (exit code ${code})` : ''}: ${command}${detail ? `\n${detail}` : ''}`);
    this.name = 'DeployStepError';
  }
}

/** Spawns without a shell; stdout passes through, stderr is shown and kept for `okIfStderr`. */
export const spawnExec: Exec = (argv, opts) =>
  new Promise((resolve) => {
    const [program, ...args] = argv;
    if (!program) {
      resolve({ code: 127, stderr: 'empty command' });
      return;
    }
    const child = spawn(program, args, {
      env: opts.env as NodeJS.ProcessEnv,
      stdio: [opts.stdin === undefined ? 'ignore' : 'pipe', opts.quiet ? 'ignore' : 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!opts.quiet) process.stderr.write(chunk);
    });
    if (opts.stdin !== undefined) child.stdin?.end(opts.stdin);
    child.on('error', (err) => resolve({ code: 127, stderr: `${stderr}${err.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, stderr }));
  });

/**
 * Prints the plan (dry run) or runs it in order, stopping at the first failure. A step with
 * `unless` is skipped when its probe succeeds; secrets (given or generated) travel on stdin and are
 * never printed.
 */
export async function runPlan(commands: readonly DeployCommand[], opts: RunOptions): Promise<void> {
  if (opts.dryRun) {
    for (const cmd of commands) opts.print(formatCommand(cmd));
    return;
  }
  const exec = opts.exec ?? spawnExec;
  for (const [i, cmd] of commands.entries()) {
    const step = i + 1;
    const shown = formatCommand(cmd);
    if (cmd.unless && (await exec(cmd.unless, { env: opts.env, quiet: true })).code === 0) {
      opts.print(`[${step}/${commands.length}] skip (exists): ${shown}`);
      continue;
    }
    opts.print(`[${step}/${commands.length}] ${shown}`);
    let stdin: string | undefined;
    if (cmd.stdinFromEnv) {
      stdin = opts.env[cmd.stdinFromEnv] || (cmd.stdinGenerated ? randomBytes(cmd.stdinGenerated.bytes).toString('hex') : undefined);
      if (!stdin) throw new DeployStepError(step, shown, -1, `${cmd.stdinFromEnv} is not set: export it (it is sent on stdin and never printed).`);
    }
    const result = await exec(cmd.argv, { env: opts.env, stdin });
    if (result.code === 0) continue;
    if (cmd.okIfStderr?.pattern.test(result.stderr)) {
      opts.print(`  (${cmd.okIfStderr.note})`);
      continue;
    }
    throw new DeployStepError(step, shown, result.code);
  }
}
