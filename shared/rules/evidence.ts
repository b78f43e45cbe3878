/**
 * Evidence verification: a feedback item's evidence must be a verbatim quote from the student's
 * text before a teacher sees it (a model that paraphrases or invents a quote would put words in a
 * student's mouth). Pure, so the add-on could run it too.
 *
 * Matching forgives what is not the student's choice of words: curly vs straight quote marks,
 * dash variants, runs of whitespace and line breaks, letter case, compatibility forms (NFKC: "…"
 * is "..."), quote marks the model wrapped around the quote, and "..." standing for an omission.
 * A quote that matches is replaced by the student's own characters, so what is shown is exactly
 * what the student wrote; a quote that does not match is dropped and counted.
 */

const QUOTE_SINGLE = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/;
const QUOTE_DOUBLE = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/;
const DASH = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D-]/;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;

/** A normalised string and, for each of its characters, the index of the source character it came from. */
interface Normalized {
  text: string;
  source: number[];
}

/**
 * Normalise for matching, keeping a map back to the source. Whitespace runs become one space,
 * dash runs one "-" with no spaces around it ("well — said" matches "well—said").
 */
export function normalizeWithMap(input: string): Normalized {
  let text = '';
  const source: number[] = [];
  const push = (s: string, at: number) => {
    // One map entry per UTF-16 unit, so indexes into `text` index `source` too.
    for (let k = 0; k < s.length; k++) source.push(at);
    text += s;
  };
  let i = 0;
  for (const cp of input) {
    const at = i;
    i += cp.length;
    if (INVISIBLE.test(cp)) continue;
    // Quote marks and dashes first: NFKC would turn some of them (´) into spacing + combining forms.
    let ch: string;
    if (QUOTE_SINGLE.test(cp)) ch = "'";
    else if (QUOTE_DOUBLE.test(cp)) ch = '"';
    else if (DASH.test(cp)) ch = '-';
    else ch = cp.normalize('NFKC').toLowerCase();
    if (/^\s+$/.test(ch)) {
      // Collapse whitespace, and drop it next to a dash.
      if (text.length === 0 || text.endsWith(' ') || text.endsWith('-')) continue;
      push(' ', at);
      continue;
    }
    if (ch === '-') {
      if (text.endsWith('-')) continue;
      if (text.endsWith(' ')) {
        text = text.slice(0, -1);
        source.pop();
      }
    }
    push(ch, at);
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    source.pop();
  }
  return { text, source };
}

/** The normalised form alone (for comparisons and tests). */
export function normalizeQuote(input: string): string {
  return normalizeWithMap(input).text;
}

/** Quote marks and spaces a model puts around a quote, which are not part of it. */
function unwrap(quote: string): string {
  return quote.replace(/^[\s"']+/, '').replace(/[\s"']+$/, '');
}

/**
 * Where the quote occurs in `text`: the student's exact characters (segments joined by " ... "
 * when the quote elides with "..."), or undefined when it is not there.
 */
export function findQuote(quote: string, text: string): string | undefined {
  const spans = findQuoteSpans(quote, text);
  return spans?.map((s) => text.slice(s.start, s.end)).join(' ... ');
}

/** A half-open range of UTF-16 code units in the source text. */
export interface TextSpan {
  start: number;
  end: number;
}

/**
 * Where the quote's first occurrence is in `text`, as source ranges (one per segment when the quote
 * elides with "..."), or undefined when it is not there. Offsets are UTF-16 code units, the unit
 * Google Docs indexes count in.
 */
export function findQuoteSpans(quote: string, text: string): TextSpan[] | undefined {
  const q = unwrap(normalizeQuote(quote));
  if (q.length === 0) return undefined;
  const hay = normalizeWithMap(text);
  // The whole quote first: a student's own "..." is then matched as written, not as an omission.
  const whole = locate([q], hay, text);
  if (whole !== undefined) return whole;
  const segments = q
    .split('...')
    .map((s) => unwrap(s.trim()))
    .filter((s) => s.length > 0);
  return locate(segments, hay, text);
}

/** The segments found in order in the normalised text, mapped back to the source's ranges. */
function locate(segments: string[], hay: Normalized, text: string): TextSpan[] | undefined {
  if (segments.length === 0) return undefined;
  const found: TextSpan[] = [];
  let from = 0;
  for (const seg of segments) {
    const at = hay.text.indexOf(seg, from);
    if (at < 0) return undefined;
    const start = hay.source[at]!;
    const lastSource = hay.source[at + seg.length - 1]!;
    found.push({ start, end: lastSource + codePointLength(text, lastSource) });
    from = at + seg.length;
  }
  return found;
}

function codePointLength(s: string, at: number): number {
  const cp = s.codePointAt(at);
  return cp !== undefined && cp > 0xffff ? 2 : 1;
}

/** Whether the quote appears in the student's text, as {@link findQuote} matches. */
export function isVerbatimQuote(quote: string, text: string): boolean {
  return findQuote(quote, text) !== undefined;
}

export interface VerifiedEvidence<T> {
  /** The items with each evidence replaced by the student's exact words, or "" when it was dropped. */
  items: T[];
  /** Non-empty quotes that were not found in the student's text. */
  droppedCount: number;
}

/**
 * Check every item's evidence against the student's text. Items keep their place (the point they
 * make may still be right); only an unverifiable quote is removed, and counted.
 */
export function verifyEvidence<T extends { evidence: string }>(items: readonly T[], studentText: string): VerifiedEvidence<T> {
  let droppedCount = 0;
  const out = items.map((item) => {
    if (item.evidence.trim() === '') return { ...item, evidence: '' };
    const found = findQuote(item.evidence, studentText);
    if (found === undefined) {
      droppedCount++;
      return { ...item, evidence: '' };
    }
    return { ...item, evidence: found };
  });
  return { items: out, droppedCount };
}
