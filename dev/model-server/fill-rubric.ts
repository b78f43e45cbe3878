import { extractTagged } from '../../prompts/schemas/delimit';
import { type Filler, OFFLINE, pathKey } from './json-schema';
import { type PastedCriterion, type PastedLevel, parsePastedRubric } from './pasted-rubric';
import { hash, keywords } from './text-analysis';

const BANK = [
  { title: 'Focus and claim', does: 'states and sustains a clear central idea about' },
  { title: 'Evidence and support', does: 'supports its points with specific, relevant evidence about' },
  { title: 'Organization', does: 'orders its ideas logically, with transitions, when discussing' },
  { title: 'Analysis and reasoning', does: 'explains how the evidence supports the ideas about' },
  { title: 'Conventions', does: 'uses grammar, spelling and punctuation that keep the meaning clear when writing about' },
];
const LEVELS = ['Exemplary', 'Proficient', 'Developing', 'Beginning'];
const LEVEL_WORDS = ['consistently and skilfully', 'clearly and mostly', 'partly or unevenly', 'rarely or not yet'];

/**
 * Rubric criteria from the assignment: a standard set of writing criteria pointed at the
 * assignment's own keywords — or, when the prompt holds a `<pasted_rubric>`, the teacher's rubric
 * as written (pasted-rubric.ts): the teacher's criteria and levels, counts, order, titles and
 * descriptions; only what the teacher left out (a description, a criterion's levels) is written
 * by the offline model, and labelled. Points are the teacher's where given, else null; a generated
 * rubric proposes 4, 3, 2, 1 (the prompt allows it). A schema whose bounds cannot hold the teacher's criteria (the
 * generated-rubric schema with fewer than 3) gets the standard set, as before the pasted schema.
 */
export function rubricFiller(prompt: string): Filler {
  const assignment = extractTagged('assignment', prompt) ?? prompt;
  const topic = keywords(assignment, 3).join(', ') || 'the assignment';
  const pasted = parsePastedRubric(extractTagged('pasted_rubric', prompt) ?? '');
  // Decided when the criteria array is sized (before any of its leaves): do its bounds fit the teacher's?
  let teacher: PastedCriterion[] = [];
  const start = hash(assignment) % 2;
  const bank = (i: number) => BANK[(start + i) % BANK.length]!;
  // Per criterion, decided when its levels array is sized: the teacher's levels, if its bounds hold them.
  const ownLevels = new Map<number, PastedLevel[]>();
  const levelCount = new Map<number, number>();
  /** Points of a level: the teacher's as given (null when none); a generated rubric proposes 4, 3, 2, 1. */
  const points = (path: (string | number)[]): number | null => {
    const i = path[1] as number;
    const j = path[3] as number;
    if (teacher[i]) return ownLevels.get(i)?.[j]?.points ?? null;
    return Math.max(0, (levelCount.get(i) ?? LEVELS.length) - j);
  };
  return {
    isNull: (path) => pathKey(path) === 'criteria.*.levels.*.points' && points(path) === null,
    length(path, c) {
      const k = pathKey(path);
      if (k === 'criteria') {
        const fits = pasted.length > 0 && pasted.length >= (c.minItems ?? 1);
        teacher = fits ? pasted.slice(0, c.maxItems ?? pasted.length) : [];
        return fits ? teacher.length : 3 + (hash(assignment) % 3);
      }
      if (k === 'criteria.*.levels') {
        const i = path[1] as number;
        const own = teacher[i]?.levels ?? [];
        if (own.length === 0 || own.length < (c.minItems ?? 1)) {
          const n = Math.max(c.minItems ?? 1, Math.min(c.maxItems ?? LEVELS.length, LEVELS.length));
          levelCount.set(i, n);
          return n;
        }
        ownLevels.set(i, own.slice(0, c.maxItems ?? own.length));
        levelCount.set(i, Math.min(own.length, c.maxItems ?? own.length));
        return own.length;
      }
      return undefined;
    },
    leaf(path, type) {
      const k = pathKey(path);
      if (k === 'criteria.*.levels.*.points') return points(path) ?? undefined;
      if (type !== 'string') return undefined;
      const i = path[1] as number;
      const j = path[3] as number;
      const t = teacher[i];
      const level = ownLevels.get(i)?.[j];
      const does = t ? `meets "${t.title}" in its writing about` : bank(i).does;
      if (k === 'criteria.*.title') return t ? t.title : `${OFFLINE} ${bank(i).title}`;
      if (k === 'criteria.*.description') {
        if (t?.description) return t.description;
        if (t && t.levels.length > 0) return `${OFFLINE} Whether the work reaches ${t.levels.map((l) => `"${l.title}"`).join(', ')} for "${t.title}".`;
        return `${OFFLINE} Whether the work ${does} ${topic}.`;
      }
      if (k === 'criteria.*.levels.*.title') return level ? level.title : `${OFFLINE} ${LEVELS[j] ?? `Level ${j + 1}`}`;
      if (k === 'criteria.*.levels.*.description') {
        if (level?.description) return level.description;
        if (level) return `${OFFLINE} Work at "${level.title}" for "${t!.title}".`;
        return `${OFFLINE} The work ${LEVEL_WORDS[j] ?? 'partly'} ${does.replace(/ about$| when discussing$| when writing about$/, '')} (${topic}).`;
      }
      return undefined;
    },
  };
}
