import { createHash } from 'node:crypto';

const MAX_ID = 500;

/**
 * A Cloud Tasks task id ([A-Za-z0-9_-]{1,500}) for a caller's deterministic key such as
 * `feedback:<assignmentId>:<workId>`. The mapping is injective — `_` escapes every other
 * character as `_hh` per UTF-8 byte — so two keys never share a task (which would silently turn a
 * real task into a "duplicate"). A short hash goes first because Cloud Tasks recommends ids that
 * do not share long prefixes; very long keys keep a readable head and the full hash.
 */
export function taskIdFor(key: string): string {
  if (key.length === 0) throw new Error('A task key must not be empty');
  const hash = createHash('sha256').update(key).digest('hex');
  const encoded = [...Buffer.from(key, 'utf8')]
    .map((b) => (isPlain(b) ? String.fromCharCode(b) : `_${b.toString(16).padStart(2, '0')}`))
    .join('');
  const short = `${hash.slice(0, 8)}-${encoded}`;
  if (short.length <= MAX_ID) return short;
  return `${hash}-${encoded.slice(0, MAX_ID - hash.length - 1)}`;
}

// Letters, digits and '-' pass through; '_' is the escape character, so it is escaped too.
function isPlain(b: number): boolean {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x2d;
}
