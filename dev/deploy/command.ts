/**
 * One step of a deploy: a program run without a shell, plus the few behaviours a deploy needs
 * that a plain argv cannot say. `formatCommand` prints it as the equivalent shell line, so a dry
 * run can be read, reviewed, or pasted into a terminal.
 */
export interface DeployCommand {
  /** Program and arguments. */
  argv: readonly string[];
  /** "Create if absent": skip this step when this probe succeeds. */
  unless?: readonly string[];
  /** Name of an environment variable piped to the program's stdin; only the name is ever printed. */
  stdinFromEnv?: string;
  /** With `stdinFromEnv`: when that variable is unset, send this many random bytes (as hex) instead. */
  stdinGenerated?: { bytes: number };
  /** A failure whose stderr matches is not a failure (an index that already exists). */
  okIfStderr?: { pattern: RegExp; note: string };
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one argument for a POSIX shell, leaving plain words bare. */
export function shellQuote(arg: string): string {
  if (arg !== '' && SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

const line = (argv: readonly string[]) => argv.map(shellQuote).join(' ');

/** The shell line equivalent to running `cmd` (secrets referenced by variable name only). */
export function formatCommand(cmd: DeployCommand): string {
  let main = line(cmd.argv);
  if (cmd.stdinFromEnv) {
    const value = cmd.stdinGenerated ? `\${${cmd.stdinFromEnv}:-$(openssl rand -hex ${cmd.stdinGenerated.bytes})}` : `$${cmd.stdinFromEnv}`;
    main = `printf '%s' "${value}" | ${main}`;
  }
  if (cmd.unless) main = `${line(cmd.unless)} >/dev/null 2>&1 || ${main}`;
  if (cmd.okIfStderr) main = `${main}  # ${cmd.okIfStderr.note}`;
  return main;
}
