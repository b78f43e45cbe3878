/**
 * Counting a student's text the way Google Docs does, for every script, identically in the add-on
 * (Apps Script) and the backend: words by Unicode word segmentation (`Intl.Segmenter`, UAX #29 plus
 * ICU's dictionaries for Thai, Lao, Khmer and Burmese), every Chinese or Japanese character a word
 * (as Docs counts them), and characters and estimated tokens besides — because a word count alone
 * is bypassed by text that segments into few "words" (`a.b.c…` is one word to UAX #29).
 */

/**
 * Invisible characters that join what they sit between (ZWJ, word joiner, soft hyphen, BOM, the
 * Mongolian vowel separator) or are meant to separate (ZWSP, ZWNJ): each becomes a space, so no
 * invisible character ever merges words. (ZWNJ inside a Persian word splits it: a rare over-count.)
 */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200D\u2060\uFEFF]/g;

/** Characters Google Docs counts one word each: Han ideographs, Hiragana, Katakana. */
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
/** A letter or digit: a segment with one is a word. */
const OTHER_WORD_CHAR = /[\p{L}\p{N}]/u;

/** Where `Intl.Segmenter` is missing: runs of letters, marks and digits joined by ' ’ . : _ (UAX #29's usual joins). */
const FALLBACK_WORD = /[\p{L}\p{M}\p{N}]+(?:['’.:_][\p{L}\p{M}\p{N}]+)*/gu;

interface WordSegmenter {
  segment(text: string): Iterable<{ segment: string; isWordLike?: boolean }>;
}

let cached: WordSegmenter | null | undefined;

/** The runtime's word segmenter; null where `Intl.Segmenter` does not exist. */
function wordSegmenter(): WordSegmenter | null {
  if (cached === undefined) {
    const Segmenter = (Intl as { Segmenter?: new (locale: undefined, opts: { granularity: 'word' }) => WordSegmenter }).Segmenter;
    cached = Segmenter ? new Segmenter(undefined, { granularity: 'word' }) : null;
  }
  return cached;
}

/**
 * Words as Google Docs counts them. Punctuation, emoji and spaces are not words; hyphenated words
 * count their parts (as Docs does); `don't` and `3.14` are one word.
 */
export function countWords(text: string): number {
  // CJK characters are a word each whatever the segmenter makes of them: count them and leave
  // spaces in their place, which spares the segmenter its dictionary (≈ 10× faster on Chinese).
  let n = 0;
  const clean = text.replace(INVISIBLE, ' ').replace(CJK_CHAR, () => {
    n++;
    return ' ';
  });
  const segmenter = wordSegmenter();
  if (segmenter) {
    for (const s of segmenter.segment(clean)) if (s.isWordLike && OTHER_WORD_CHAR.test(s.segment)) n++;
  } else {
    for (const m of clean.matchAll(FALLBACK_WORD)) if (OTHER_WORD_CHAR.test(m[0])) n++;
  }
  return n;
}

/** Characters as a teacher counts them: code points, not UTF-16 units. */
export function countChars(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

const CJK_OR_HANGUL = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LETTER_OR_MARK = /[\p{L}\p{M}\p{N}]/u;

/**
 * A deliberately generous estimate of the input tokens the text costs Claude, per character: ASCII
 * a quarter (English runs about four characters a token), CJK and Hangul one, other letters (Cyrillic,
 * Greek, Arabic, Devanagari…) a half, anything else (symbols, emoji) one and a half.
 */
export function estimateTokens(text: string): number {
  let t = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) t += 0.25;
    else if (CJK_OR_HANGUL.test(ch)) t += 1;
    else if (LETTER_OR_MARK.test(ch)) t += 0.5;
    else t += 1.5;
  }
  return Math.ceil(t);
}
