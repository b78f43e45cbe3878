/** Cloud Logging's severities (a subset). */
export type Severity = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';
const RANK: Record<Severity, number> = { DEBUG: 0, INFO: 1, WARNING: 2, ERROR: 3 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every entry (request ids, assignment ids — never student text). */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  level?: Severity;
  /** Where each JSON line goes; stdout by default, which Cloud Run ships to Cloud Logging. */
  write?: (line: string) => void;
  base?: LogFields;
}

/**
 * Structured JSON logs in the shape Cloud Logging reads from stdout: `severity`, `message`,
 * `time`, and flat fields. Errors are reduced to name, message and stack.
 */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const min = RANK[opts.level ?? 'INFO'];
  const write = opts.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const base = opts.base ?? {};
  const log = (severity: Severity, message: string, fields?: LogFields) => {
    if (RANK[severity] < min) return;
    const entry = { severity, message, time: new Date().toISOString(), ...base, ...serialize(fields) };
    write(JSON.stringify(entry));
  };
  return {
    debug: (m, f) => log('DEBUG', m, f),
    info: (m, f) => log('INFO', m, f),
    warn: (m, f) => log('WARNING', m, f),
    error: (m, f) => log('ERROR', m, f),
    child: (fields) => createLogger({ ...opts, base: { ...base, ...fields } }),
  };
}

/** A logger that drops everything (tests that do not assert on logs). */
export const silentLogger: Logger = createLogger({ write: () => undefined });

function serialize(fields?: LogFields): LogFields {
  if (!fields) return {};
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v;
  }
  return out;
}
