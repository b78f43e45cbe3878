/**
 * The offline model's reading of a rubric a teacher pasted: criteria with their levels, in the
 * teacher's order and words. It understands the plain-text shapes teachers paste — one criterion
 * per line ("Thesis: clear and arguable"), its levels on the lines under it, indented further
 * or starting with a level word ("  - Exemplary: …", "Proficient – …") — not every format Claude
 * would; what it does not understand it leaves out rather than invents.
 */

export interface PastedLevel {
  title: string;
  description: string | null;
}

export interface PastedCriterion {
  title: string;
  description: string | null;
  levels: PastedLevel[];
}

/** Words that start a level line even when it is not indented under its criterion. */
const LEVEL_WORDS = /^(exemplary|exceeds|excellent|advanced|mastery|proficient|meets|accomplished|good|satisfactory|developing|approaching|emerging|fair|basic|beginning|below|novice|incomplete|poor|not yet|level \d+|\d+\s*(?:pts?|points?)\b)/i;

/** "Title: description", "Title – description" or "Title - description" (a spaced dash, so "Counter-argument" stays whole). */
function split(line: string): { title: string; description: string | null } {
  const m = /^(.*?)(?::|\s[–—-]\s)(.*)$/.exec(line);
  const title = (m ? m[1]! : line).trim();
  const description = m ? m[2]!.trim() : '';
  return { title, description: description.length > 0 ? description : null };
}

export function parsePastedRubric(text: string): PastedCriterion[] {
  const criteria: (PastedCriterion & { indent: number })[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim().length === 0) continue;
    const indent = /^\s*/.exec(raw)![0].replace(/\t/g, '    ').length;
    const line = raw.replace(/^\s*(?:[-*•]|\d+[.)])?\s*/, '');
    const { title, description } = split(line);
    const current = criteria[criteria.length - 1];
    // A long line with no title of its own continues what came before.
    if (title.length > 80 && description === null) {
      const into = current?.levels[current.levels.length - 1] ?? current;
      if (into) into.description = into.description ? `${into.description} ${title}` : title;
      continue;
    }
    if (title.length === 0) continue;
    if (current && (indent > current.indent || LEVEL_WORDS.test(title))) current.levels.push({ title, description });
    else criteria.push({ title, description, levels: [], indent });
  }
  return criteria.map(({ indent: _indent, ...c }) => c);
}
