import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import type { Env } from '../../cloud/config/env';

export interface DeployArgs {
  dryRun: boolean;
  /** `--name=value` options, by name. */
  options: Record<string, string>;
}

/** `--dry-run` and `--name=value`; anything else, or an option not in `allowed`, is an error. */
export function parseDeployArgs(argv: readonly string[], allowed: readonly string[]): DeployArgs {
  const args: DeployArgs = { dryRun: false, options: {} };
  for (const arg of argv) {
    if (arg === '--dry-run') {
      args.dryRun = true;
      continue;
    }
    const m = /^--([a-z-]+)=(.*)$/.exec(arg);
    if (!m?.[1] || !allowed.includes(m[1])) {
      throw new Error(`Unknown argument ${arg}. Usage: [--dry-run]${allowed.map((a) => ` [--${a}=…]`).join('')}`);
    }
    args.options[m[1]] = m[2] ?? '';
  }
  return args;
}

/** Reads a dotenv-style file (KEY=value lines) the way Node's --env-file does. */
export function readEnvFile(path: string): Env {
  if (!existsSync(path)) throw new Error(`${path} not found: create it from .env.example with the production values (docs/deploy.md).`);
  return parseEnv(readFileSync(path, 'utf8'));
}

/** Runs an entry's body; a failure prints its message (never a stack of secrets) and exits 1. */
export function runMain(body: () => Promise<void>): void {
  body().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
