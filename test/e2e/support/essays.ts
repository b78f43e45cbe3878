/**
 * A student essay of exactly `words` words in the local Drive's markup (one paragraph a line, no
 * bullets or emphasis, so the export has no extra tokens): for the word-limit boundary.
 */
export function essayOfWords(words: number): string {
  const sentences = [
    'Starting school later would let teenagers sleep the hours their bodies need.',
    'Students who rest well pay closer attention and remember more of each lesson.',
    'Buses and sports schedules would have to change, but other districts managed it.',
    'Our town should try a later bell for one year and measure what happens.',
  ].join(' ');
  const pool = sentences.split(/\s+/);
  const out: string[] = [];
  for (let i = 0; out.length < words; i++) out.push(pool[i % pool.length]!);
  const lines: string[] = [];
  for (let i = 0; i < out.length; i += 120) lines.push(out.slice(i, i + 120).join(' '));
  return lines.join('\n');
}
