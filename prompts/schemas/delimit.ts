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

/**
 * Wrap untrusted text (student writing, teacher-pasted text) in a tag. Any look-alike of any of our
 * tags inside the text is defused (`<\/student_work>` → `<∕student_work>`) so the text cannot
 * close its own block and pose as instructions.
 */
export function delimit(tag: PromptTag, text: string, attrs: Record<string, string> = {}): string {
  const names = Object.values(PROMPT_TAGS).join('|');
  const safe = text.replace(new RegExp(`<(/?)\\s*(${names})\\b`, 'gi'), (_m, slash: string, name: string) => `<${slash ? '∕' : '\u200B'}${name}`);
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
