import { countWords, DOCUMENT_LIMITS, documentProblem } from '../../shared/api/documents';

/** Words as Google Docs counts them, in every script, on both sides (shared/rules/word-count.ts). */

const words = (n: number, sep: string) => Array.from({ length: n }, (_, i) => `word${i}`).join(sep);
const HAN = '我们学校的老师认为学生应该多读书因为阅读可以开阔眼界';

describe('countWords', () => {
  test.each([
    ['', 0],
    [' \n\t ', 0],
    ['Schools should start later.', 4],
    ["Don't stop — it's 3.14, not 3!", 6],
    // Hyphens separate, as in Google Docs.
    ['well-known e-mail', 4],
    // Chinese and Japanese: every ideograph and kana is a word, as Google Docs counts them.
    ['我们是学生。', 5],
    ['東京は大きい', 6],
    ['I live in 東京.', 5],
    // Korean and Thai: words by the Unicode segmenter (spaces for Korean, a dictionary for Thai).
    ['안녕하세요 세계', 2],
    ['สวัสดีครับ', 2],
    // Invisible characters never join words.
    ['one\u200Btwo', 2],
    ['one\u200Dtwo', 2],
    ['one\u2060two', 2],
    ['one\u00ADtwo', 2],
    ['one\uFEFFtwo', 2],
    // Emoji and punctuation are not words.
    ['👨‍👩‍👧 hi !!!', 1],
  ])('%j → %i', (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  test('a 9,000-word text joined with zero-width spaces or joiners counts 9,000 words', () => {
    for (const sep of ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF']) expect(countWords(words(9000, sep))).toBe(9000);
  });

  test('a 59,000-character Chinese Doc counts 59,000 words', () => {
    const text = HAN.repeat(Math.ceil(59_000 / HAN.length)).slice(0, 59_000);
    expect(countWords(text)).toBe(59_000);
  });
});

describe('documentProblem: which limit a Doc is over', () => {
  test('the bypasses fail on words, with the PRD wording', () => {
    expect(documentProblem({ text: HAN.repeat(2500) })).toBe('Longer than 2,000 words');
    expect(documentProblem({ text: words(9000, '\u200B') })).toBe('Longer than 2,000 words');
  });

  test('a real 2,000-word essay in English, Chinese or Russian is graded', () => {
    expect(documentProblem({ text: words(2000, ' ') })).toBeUndefined();
    expect(documentProblem({ text: HAN.repeat(80).slice(0, 2000) })).toBeUndefined();
    expect(documentProblem({ text: Array.from({ length: 2000 }, (_, i) => (i % 2 ? 'учитель' : 'сказала')).join(' ') })).toBeUndefined();
  });

  test('few words but too many characters: the character limit, named', () => {
    const long = Array.from({ length: 100 }, () => 'a'.repeat(300)).join(' ');
    expect(documentProblem({ text: long })).toBe(`Longer than ${DOCUMENT_LIMITS.maxChars.toLocaleString('en-US')} characters`);
  });

  test('few words and characters but too many tokens: the token limit, named', () => {
    // Words glued by full stops are one word each to the segmenter; their tokens still cost.
    const glued = Array.from({ length: 150 }, () => Array.from({ length: 40 }, () => 'ж').join('.')).join(' ');
    expect(countWords(glued)).toBe(150);
    const dense = '\u{1F600}'.repeat(DOCUMENT_LIMITS.maxChars / 2 - 10);
    expect(documentProblem({ text: `${dense} hello` })).toBe(`Longer than GradeBot reads in one Doc (about ${DOCUMENT_LIMITS.maxEstimatedTokens.toLocaleString('en-US')} tokens)`);
  });
});
