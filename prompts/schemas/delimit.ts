/**
 * The tags that delimit data in prompts. The local model server finds the student's text, the
 * assignment and the rubric by these tags, and the prompt templates must use them.
 */
export const PROMPT_TAGS = {
  assignment: 'assignment',
  rubric: 'rubric',
  pastedRubric: 'pasted_rubric',
  studentWork: 'student_work',
  /** One work's feedback inside the summary prompt. */
  workFeedback: 'work_feedback',
  /** A work the teacher graded, shown as an anchor of their standard (calibration). */
  exampleWork: 'example_work',
  /** The teacher's levels for that example work. */
  teacherLevels: 'teacher_levels',
} as const;
export type PromptTag = (typeof PROMPT_TAGS)[keyof typeof PROMPT_TAGS];

/** Characters that read as "<": ASCII, full-width, small, angle quotation marks and brackets. */
const OPEN = '<\uFF1C\uFE64\u2039\u3008\u27E8\u2329';
/** Characters that read as "/": ASCII, full-width, division slash, fraction slash, backslash. */
const SLASH = '/\uFF0F\u2215\u2044\\\\';
/** What may sit unseen inside a tag: white space and invisible characters. */
const GAP = '[\\s\u00AD\u200B-\u200D\u2060\uFEFF]*';

/** A tag name, each character also in its full-width form, invisible characters allowed between. */
function namePattern(name: string): string {
  return [...name].map((c) => `[${c}${String.fromCharCode(c.charCodeAt(0) + 0xfee0)}]`).join(GAP);
}

/** Any look-alike of one of our tags: `<`, `< /`, `＜／`, `﹤`, `<\u200B/`, `</stu\u200Bdent_work`, any case. */
const LOOKALIKE = new RegExp(
  `[${OPEN}]${GAP}([${SLASH}]?)${GAP}(${Object.values(PROMPT_TAGS).map(namePattern).join('|')})(?![\\p{L}\\p{N}_\uFF3F])`,
  'giu',
);

/** `text` with every look-alike of our tags defused (see {@link delimit}); the rest as written. */
export function defuseLookalikes(text: string): string {
  return text.replace(LOOKALIKE, (_m, slash: string, name: string) => {
    const plain = name.normalize('NFKC').replace(/[\s\u00AD\u200B-\u200D\u2060\uFEFF]/g, '');
    return slash ? `<∕${plain}` : `‹${plain}`;
  });
}

/**
 * Wrap untrusted text (student writing, teacher-pasted text) in a tag. Any look-alike of any of our
 * tags inside the text — spaced, full-width, with invisible characters, any case — is defused to a
 * visibly different form (`</student_work>`, `< /student_work>` and `＜／student_work＞` become
 * `<∕student_work>`, an opening one `‹student_work`), so the text cannot close its own block or
 * open another and pose as instructions.
 */
export function delimit(tag: PromptTag, text: string, attrs: Record<string, string> = {}): string {
  const safe = defuseLookalikes(text);
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${v.replace(/["<>&]/g, '')}"`)
    .join('');
  return `<${tag}${a}>\n${safe}\n</${tag}>`;
}

/** The text of the first `<tag>` block in a prompt, or undefined. */
export function extractTagged(tag: PromptTag, prompt: string): string | undefined {
  return extractAllTagged(tag, prompt)[0];
}

/** The text of every `<tag>` block in a prompt. */
export function extractAllTagged(tag: PromptTag, prompt: string): string[] {
  const re = new RegExp(`<${tag}(?:\\s[^>]*)?>\\n?([\\s\\S]*?)\\n?</${tag}>`, 'g');
  return [...prompt.matchAll(re)].map((m) => m[1] ?? '');
}

const normalize = (s: string) =>
  s
    .replace(/[\u2018\u2019\u201B]/g, "'")
    .replace(/[\u201C\u201D\u201F]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/**
 * Whether an evidence quote appears in the student's text, ignoring differences in whitespace,
 * case and curly vs straight quotes — the differences a faithful quotation can still have.
 */
export function quoteAppearsIn(quote: string, text: string): boolean {
  const q = normalize(quote.replace(/^["'\u201C\u2018]+|["'\u201D\u2019]+$/g, ''));
  return q.length > 0 && normalize(text).includes(q);
}
