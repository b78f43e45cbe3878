/**
 * Plain statistics over English text, enough for the offline model to say true, checkable things
 * about a student's writing: sentences (as exact substrings, so quotes are verbatim), word and
 * syllable counts, a Flesch–Kincaid grade level and how much sentence length varies.
 */

/** Sentences as they appear in the text (trimmed), so each is a verbatim quote. */
export function sentences(text: string): string[] {
  const found = text.match(/[^.!?\n]+(?:[.!?]+["'\u201D\u2019)\]]*|$)/gm) ?? [];
  return found.map((s) => s.trim()).filter((s) => words(s).length >= 3);
}

export function words(text: string): string[] {
  return text.match(/[A-Za-z\u00C0-\u024F]+(?:['\u2019][A-Za-z]+)*|\d+(?:[.,]\d+)*/g) ?? [];
}

/** Vowel groups, less a silent final "e"; at least one per word. */
export function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length <= 3) return 1;
  const trimmed = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, '').replace(/^y/, '');
  return Math.max(1, (trimmed.match(/[aeiouy]{1,2}/g) ?? []).length);
}

/** Flesch–Kincaid grade level, clamped to 0–20 and rounded to one decimal. */
export function fleschKincaidGrade(text: string): number {
  const ws = words(text);
  const ss = Math.max(1, sentences(text).length);
  if (ws.length === 0) return 0;
  const syl = ws.reduce((n, w) => n + syllables(w), 0);
  const grade = 0.39 * (ws.length / ss) + 11.8 * (syl / ws.length) - 15.59;
  return Math.round(Math.min(20, Math.max(0, grade)) * 10) / 10;
}

/** Coefficient of variation of sentence lengths in words (0 = every sentence the same length). */
export function sentenceLengthVariation(text: string): number {
  const lengths = sentences(text).map((s) => words(s).length);
  if (lengths.length < 2) return 0;
  const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
  const variance = lengths.reduce((a, b) => a + (b - mean) ** 2, 0) / lengths.length;
  return Math.sqrt(variance) / mean;
}

const STOP = new Set(
  'about above after again against also among because been before being below between both could does doing down during each from further have having here into itself just more most once only other ought ourselves over same should some such than that their theirs them themselves then there these they this those through under until very were what when where which while whom will with would your yours yourself write writing student students essay essays paragraph response must include using use whether persuasive argue explain describe discuss least words page pages'.split(' '),
);

/** The most frequent content words (4+ letters), most frequent first, ties in order of appearance. */
export function keywords(text: string, n: number): string[] {
  const counts = new Map<string, number>();
  for (const w of words(text)) {
    const k = w.toLowerCase();
    if (k.length < 4 || STOP.has(k) || /^\d/.test(k)) continue;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k]) => k);
}

/** Deterministic 32-bit hash (FNV-1a) for choices derived from the prompt. */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
