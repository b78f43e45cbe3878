import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { FeedbackToneSchema, GradingSettingsSchema } from '../shared/domain';

/**
 * A labelled essay set for `npm run eval` (format: eval/README.md): a folder with
 * `assignment.json` (the assignment and its rubric as a teacher pastes it) and `essays.csv`
 * (one essay per row, the expected level of each criterion in a column named by the criterion).
 */

export const AssignmentFileSchema = z.object({
  title: z.string().min(1).max(200),
  subject: z.string().min(1).max(100),
  gradeLevel: z.string().min(1).max(50),
  instructions: z.string().min(1).max(20_000),
  feedbackTone: FeedbackToneSchema,
  /** The rubric as pasted: one criterion per line, its levels indented under it, best first. */
  rubric: z.string().min(1).max(20_000),
  gradingSettings: GradingSettingsSchema.optional(),
});
export type AssignmentFile = z.infer<typeof AssignmentFileSchema>;

export const CASES = ['regular', 'injection'] as const;

export interface LabelledEssay {
  id: string;
  /** ISO 639-1 code of the essay's language, e.g. "en", "es". */
  language: string;
  case: (typeof CASES)[number];
  text: string;
  /** Criterion title (as the CSV header names it) → expected level title. */
  levels: Record<string, string>;
}

export interface LabelledSet {
  name: string;
  assignment: AssignmentFile;
  criteria: string[];
  essays: LabelledEssay[];
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF), as spreadsheets export it. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      (row = []), (field = '');
    } else field += ch;
  }
  if (quoted) throw new Error('essays.csv: a quoted field is not closed');
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

const FIXED = ['id', 'language', 'case', 'text'] as const;

/** The essays of a CSV; every problem is reported with its row and column. */
export function essaysFromCsv(csv: string): { criteria: string[]; essays: LabelledEssay[] } {
  const [header, ...rows] = parseCsv(csv);
  if (!header) throw new Error('essays.csv is empty');
  const missing = FIXED.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new Error(`essays.csv: missing column(s) ${missing.join(', ')}`);
  const criteria = header.filter((h) => !(FIXED as readonly string[]).includes(h));
  if (criteria.length === 0) throw new Error('essays.csv: no criterion columns (one per rubric criterion, named by its title)');
  const col = (name: string) => header.indexOf(name);
  const problems: string[] = [];
  const essays = rows.map((r, i) => {
    const line = i + 2;
    const get = (name: string) => (r[col(name)] ?? '').trim();
    const kase = get('case') as LabelledEssay['case'];
    if (!CASES.includes(kase)) problems.push(`row ${line}: case must be ${CASES.join(' or ')}, got "${get('case')}"`);
    if (!get('id')) problems.push(`row ${line}: id is empty`);
    if (!/^[a-z]{2}$/.test(get('language'))) problems.push(`row ${line}: language must be a two-letter code, got "${get('language')}"`);
    if (!get('text')) problems.push(`row ${line}: text is empty`);
    const levels = Object.fromEntries(criteria.map((c) => [c, get(c)]));
    for (const c of criteria) if (!levels[c]) problems.push(`row ${line}: no level for "${c}"`);
    return { id: get('id'), language: get('language'), case: kase, text: r[col('text')] ?? '', levels };
  });
  if (problems.length > 0) throw new Error(`essays.csv:\n  ${problems.join('\n  ')}`);
  return { criteria, essays };
}

export function loadLabelledSet(dir: string): LabelledSet {
  const assignment = AssignmentFileSchema.parse(JSON.parse(readFileSync(join(dir, 'assignment.json'), 'utf8')));
  const { criteria, essays } = essaysFromCsv(readFileSync(join(dir, 'essays.csv'), 'utf8'));
  return { name: dir.split('/').filter(Boolean).pop() ?? dir, assignment, criteria, essays };
}
