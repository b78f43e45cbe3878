/**
 * The offline model's reading of a rubric a teacher pasted: criteria with their levels, in the
 * teacher's order and words, and the points the teacher gave. It reads the plain-text shapes teachers
 * paste (the fixtures in test/fixtures/pasted-rubrics show each):
 *
 * - a title line for the whole rubric ("ARGUMENT ESSAY RUBRIC (out of 16)") — not a criterion;
 * - criteria as lines, numbered ("1. Claim (4 pts)"), bulleted, bold or plain, with an optional
 *   description after ":" or a spaced dash, and their points ("(4 pts)") left out of the title;
 * - levels under a criterion: indented or bulleted deeper, or starting with a level label —
 *   "4 - …", "Exemplary: …", "Proficient (3 pts): …", "Level 2: …", "a. Meets – …";
 * - several levels on one line ("4 - …; 3 - …", "Strong (3) / Adequate (2) / Weak (1)"), after the
 *   criterion's own title or on a line of their own;
 * - a table pasted as tab-separated text: a header row of level names (often with points), then one
 *   row per criterion.
 *
 * Levels come out best first: a scale written from the lowest points up is reversed. What it does
 * not understand it leaves out rather than invents.
 */

export interface PastedLevel {
  title: string;
  description: string | null;
  points: number | null;
}

export interface PastedCriterion {
  title: string;
  description: string | null;
  levels: PastedLevel[];
}

/** Words that name a level. */
const LEVEL_WORD =
  /^(?:exemplary|exceeds(?: expectations)?|exceptional|excellent|outstanding|advanced|distinguished|mastery|proficient|meets(?: expectations)?|accomplished|good|strong|satisfactory|adequate|competent|developing|approaching(?: expectations)?|emerging|fair|basic|partial|beginning|below(?: expectations)?|novice|needs (?:work|improvement)|incomplete|insufficient|poor|weak|limited|minimal|missing|not yet(?: meeting)?|level \d+)$/i;

const NUM = String.raw`(\d+(?:\.\d+)?)`;
const PTS = String.raw`(?:\s*(?:pts?|points?)\.?)?`;
/** "(4 pts)", "(4)", "(4 points)", "- 4 pts" at the end of a title. */
const POINTS_SUFFIX = new RegExp(String.raw`\s*(?:\(\s*${NUM}${PTS}\s*\)|[-–—]\s*${NUM}\s*(?:pts?|points?)\.?)\s*$`, 'i');
/** A line that names the whole rubric rather than a criterion. */
const TITLE_WORDS = /\b(rubric|out of \d+|total|points possible|grading|scoring|criteria|checklist)\b/i;

const clean = (s: string) => s.replace(/\*\*|__/g, '').replace(/^#+\s*/, '').replace(/\s+/g, ' ').trim();
const num = (s: string | undefined) => (s === undefined ? null : Number(s));
const orNull = (s: string | undefined | null) => {
  const t = clean(s ?? '');
  return t.length > 0 ? t : null;
};

/** "Title: description", "Title – description", "Title - description" (a spaced dash, so "Counter-argument" stays whole). */
function splitTitle(line: string): { title: string; description: string | null } {
  const m = /^(.*?)(?::|\s[–—-]\s)(.*)$/.exec(line);
  return { title: clean(m ? m[1]! : line), description: orNull(m?.[2]) };
}

/** A title with its points suffix taken off. */
function withoutPoints(title: string): { title: string; points: number | null } {
  const m = POINTS_SUFFIX.exec(title);
  if (!m || m.index === 0) return { title: clean(title), points: null };
  return { title: clean(title.slice(0, m.index)), points: num(m[1] ?? m[2]) };
}

/**
 * One level written as a label and maybe a description, or undefined if `s` does not start with a
 * level label. `strict` (used for criterion-level lines) refuses "Title (N pts)" with no description,
 * which is how criteria with points are written.
 */
export function parseLevel(s: string, strict = false): PastedLevel | undefined {
  const text = clean(s);
  // "4 - Clear claim", "4: …", "4 = …", "4 pts – …", "4 - Exemplary: …"
  let m = new RegExp(String.raw`^${NUM}${PTS}\s*[-–—:=]\s*(.*)$`, 'i').exec(text);
  if (m) {
    const rest = m[2]!;
    const named = /^([A-Za-z][A-Za-z ]{0,30}?)\s*[:–—-]\s+(.*)$/.exec(rest);
    if (named && LEVEL_WORD.test(named[1]!.trim())) return { title: named[1]!.trim(), description: orNull(named[2]), points: num(m[1]) };
    return { title: m[1]!, description: orNull(rest), points: num(m[1]) };
  }
  // "1 Beginning – …", "4 Exemplary: …"
  m = new RegExp(String.raw`^${NUM}\s+([A-Za-z][A-Za-z ]{0,30}?)(?:\s*[:–—-]\s*(.*))?$`).exec(text);
  if (m && LEVEL_WORD.test(m[2]!.trim())) return { title: m[2]!.trim(), description: orNull(m[3]), points: num(m[1]) };
  // "Exemplary (4 pts): …", "Needs Work (5 pts) – …", "Strong (3)"
  m = new RegExp(String.raw`^([^():]{1,40}?)\s*\(\s*${NUM}${PTS}\s*\)\s*(?:[:–—-]\s*(.*))?$`, 'i').exec(text);
  if (m && (!strict || orNull(m[3]) !== null || LEVEL_WORD.test(m[1]!.trim()))) return { title: m[1]!.trim(), description: orNull(m[3]), points: num(m[2]) };
  // "Exemplary: …", "Level 3 – …", "Proficient"
  const { title, description } = splitTitle(text);
  const plain = withoutPoints(title);
  if (LEVEL_WORD.test(plain.title)) return { title: plain.title, description, points: plain.points };
  return undefined;
}

/** Several levels on one line, or undefined when the line is not a list of two or more. */
export function parseLevelList(s: string): PastedLevel[] | undefined {
  const parts = s
    .split(/\s*[;|]\s*|\s+\/\s+|\t+|\s{3,}|,\s+(?=\d+(?:\.\d+)?\s*(?:pts?|points?)?\s*[-–—:=]\s)/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return undefined;
  const levels = parts.map((p) => parseLevel(p));
  return levels.every((l): l is PastedLevel => l !== undefined) ? levels : undefined;
}

/** A table pasted as tab-separated rows: a header row of levels, then one row per criterion. */
function parseTable(lines: string[]): PastedCriterion[] | undefined {
  const rows = lines.filter((l) => l.includes('\t')).map((l) => l.split('\t').map((c) => c.trim()));
  if (rows.length < 2) return undefined;
  const [header, ...body] = rows;
  const heads = header!.slice(1).filter(Boolean);
  if (heads.length < 1) return undefined;
  const levelHeads = heads.map((h) => parseLevel(h) ?? { ...withoutPoints(h), description: null });
  const criteria = body
    .filter((r) => clean(r[0] ?? '').length > 0)
    .map((r) => {
      const { title, description } = splitTitle(withoutPoints(r[0]!).title);
      const levels = levelHeads.map((h, i) => ({ title: h.title, description: orNull(r[i + 1]), points: h.points }));
      return { title, description, levels };
    });
  return criteria.length > 0 ? criteria : undefined;
}

/** Best first: a scale whose points rise is reversed. */
function bestFirst(levels: PastedLevel[]): PastedLevel[] {
  const pts = levels.map((l) => l.points);
  if (levels.length < 2 || pts.some((p) => p === null)) return levels;
  const rising = pts.every((p, i) => i === 0 || p! >= pts[i - 1]!) && pts[0]! < pts[pts.length - 1]!;
  return rising ? [...levels].reverse() : levels;
}

interface Building extends PastedCriterion {
  indent: number;
  numbered: boolean;
  firstLine: boolean;
}

export function parsePastedRubric(text: string): PastedCriterion[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim().length > 0 && !/^\s*total\b/i.test(l));
  const table = lines.filter((l) => l.includes('\t')).length >= 2 ? parseTable(lines) : undefined;
  if (table) return table.map((c) => ({ ...c, levels: bestFirst(c.levels) }));

  const criteria: Building[] = [];
  lines.forEach((raw, index) => {
    const indent = /^\s*/.exec(raw)![0].replace(/\t/g, '    ').length;
    const numbered = /^\s*\d+[.)]\s+/.test(raw);
    const line = raw.replace(/^\s*(?:(?:[-*•◦○●▪■‣⁃]|\d+[.)]|[a-z][.)])(?=\s))?\s*/, '');
    const current = criteria[criteria.length - 1];
    const under = current !== undefined && !(numbered && indent <= current.indent);

    // Several levels on a line of their own: the current criterion's.
    const list = under ? parseLevelList(line) : undefined;
    if (current && list) {
      current.levels.push(...list);
      return;
    }
    // One level: a level label, or anything indented deeper than its criterion.
    const level = under ? parseLevel(line, indent <= current.indent) : undefined;
    if (current && level) {
      current.levels.push(level);
      return;
    }
    const { title, description } = splitTitle(line);
    if (current && under && indent > current.indent) {
      current.levels.push({ ...withoutPoints(title), description });
      return;
    }
    // A long line with no title of its own continues what came before.
    if (title.length > 80 && description === null && current) {
      const into = current.levels[current.levels.length - 1] ?? current;
      into.description = into.description ? `${into.description} ${title}` : title;
      return;
    }
    // A criterion, maybe with its levels on the same line ("Eye contact: Strong (3) / Weak (1)").
    const inline = description ? parseLevelList(description) : undefined;
    const named = withoutPoints(/^(.*?)\s*[:]\s*$/.exec(title)?.[1] ?? title);
    if (named.title.length === 0) return;
    criteria.push({ title: named.title, description: inline ? null : description, levels: inline ?? [], indent, numbered, firstLine: index === 0 });
  });

  // Title lines: leading lines without levels that name the rubric, before criteria that have levels.
  while (criteria.length > 1 && criteria[0]!.levels.length === 0 && criteria.slice(1).some((c) => c.levels.length > 0)) {
    const c = criteria[0]!;
    const looksLikeTitle = TITLE_WORDS.test(c.title) || (c.title === c.title.toUpperCase() && /[A-Z]/.test(c.title)) || (c.firstLine && !c.numbered && c.description === null);
    if (!looksLikeTitle) break;
    criteria.shift();
  }
  return criteria.map(({ indent: _i, numbered: _n, firstLine: _f, ...c }) => ({ ...c, levels: bestFirst(c.levels) }));
}
