/**
 * Text helpers for card widgets. One rule, as Workspace renders cards:
 * - Widget text (TextParagraph, DecoratedText's text and labels) and section headers understand a
 *   little HTML (<b>, <i>, <font color>, <br>), so every string in them that came from a teacher, a
 *   student or the model is escaped with {@link esc}.
 * - The card header's title and subtitle, button texts, input titles, hints and values and selection
 *   items are plain text, shown as typed: never escaped (an escaped "&" would show as "&amp;").
 */

export function esc(s: string): string {
  // Card text never goes into an attribute, so quotes can stay as typed.
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escaped, with line breaks kept. */
export function escLines(s: string): string {
  return esc(s).replace(/\r?\n/g, '<br>');
}

export function truncate(s: string, max: number): string {
  const t = s.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

export const COLORS = { error: '#B3261E', progress: '#B06000', done: '#188038', muted: '#5F6368' } as const;

export function colored(html: string, color: string): string {
  return `<font color="${color}">${html}</font>`;
}

/** A text progress bar (cards have no progress widget): "■■■■□□□□□□ 40%". */
export function progressBar(done: number, total: number, width = 10): string {
  const ratio = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const filled = Math.round(ratio * width);
  return `${'■'.repeat(filled)}${'□'.repeat(width - filled)} ${Math.round(ratio * 100)}%`;
}

/** "1 Doc", "3 Docs". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
