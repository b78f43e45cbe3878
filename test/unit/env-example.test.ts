import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const documented = new Set(
  readFileSync(join(root, '.env.example'), 'utf8')
    .split('\n')
    .map((line) => /^#?\s*([A-Z][A-Z0-9_]+)=/.exec(line)?.[1])
    .filter((name): name is string => Boolean(name)),
);

/** Every variable a config section parses: the keys of its zod object, written `NAME:`. */
function variablesIn(dir: string): string[] {
  return readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...readFileSync(join(root, dir, f), 'utf8').matchAll(/^\s+([A-Z][A-Z0-9_]{2,}):/gm)].map((m) => m[1]!));
}

describe('.env.example', () => {
  it.each(['cloud/config', 'dev/deploy'])('lists every variable %s reads', (dir) => {
    const missing = [...new Set(variablesIn(dir))].filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });
});
