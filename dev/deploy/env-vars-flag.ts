/** Delimiters gcloud accepts in its `^DELIM^` list syntax, tried in order. */
const DELIMITERS = ['@', ';', '|', '#', '~', '@@', '::'];

/**
 * `--set-env-vars=…` for gcloud. Values may contain commas (ADMIN_EMAILS is a list), so when any
 * does, the list uses gcloud's alternate-delimiter syntax (`gcloud topic escaping`) with a
 * delimiter that appears in no key or value.
 */
export function envVarsFlag(env: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  if (!pairs.some((p) => p.includes(','))) return `--set-env-vars=${pairs.join(',')}`;
  const delimiter = DELIMITERS.find((d) => pairs.every((p) => !p.includes(d)));
  if (!delimiter) throw new Error('No delimiter for --set-env-vars: every candidate appears in some value');
  return `--set-env-vars=^${delimiter}^${pairs.join(delimiter)}`;
}
