import { extractTagged } from '../../prompts/schemas/delimit';
import { type Filler, OFFLINE, pathKey } from './json-schema';
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
 * assignment's own keywords, or the teacher's pasted criteria (one per heading line) when present.
 */
export function rubricFiller(prompt: string): Filler {
  const assignment = extractTagged('assignment', prompt) ?? prompt;
  const topic = keywords(assignment, 3).join(', ') || 'the assignment';
  const pasted = (extractTagged('pasted_rubric', prompt) ?? '')
    .split('\n')
    .map((l) => l.replace(/^[\s\-*•\d.)]+/, '').split(/[:–—-]/)[0]?.trim() ?? '')
    .filter((l) => l.length >= 3 && l.length <= 80 && !LEVELS.some((lv) => l.toLowerCase().startsWith(lv.toLowerCase())));
  const titles = pasted.length >= 3 ? pasted.slice(0, 5) : BANK.map((b) => b.title);
  const start = pasted.length >= 3 ? 0 : hash(assignment) % 2;
  const criterion = (i: number) => titles[(start + i) % titles.length]!;
  const does = (i: number) => BANK.find((b) => b.title === criterion(i))?.does ?? 'meets this criterion in its writing about';
  return {
    length(path, c) {
      const k = pathKey(path);
      if (k === 'criteria') return Math.min(c.maxItems ?? 5, pasted.length >= 3 ? pasted.length : 3 + (hash(assignment) % 3));
      if (k === 'criteria.*.levels') return c.maxItems ?? 4;
      return undefined;
    },
    leaf(path, type) {
      if (type !== 'string') return undefined;
      const k = pathKey(path);
      const i = path[1] as number;
      const j = path[3] as number;
      if (k === 'criteria.*.title') return `${OFFLINE} ${criterion(i)}`;
      if (k === 'criteria.*.description') return `${OFFLINE} Whether the work ${does(i)} ${topic}.`;
      if (k === 'criteria.*.levels.*.title') return `${OFFLINE} ${LEVELS[j] ?? `Level ${j + 1}`}`;
      if (k === 'criteria.*.levels.*.description') {
        return `${OFFLINE} The work ${LEVEL_WORDS[j] ?? 'partly'} ${does(i).replace(/ about$| when discussing$| when writing about$/, '')} (${topic}).`;
      }
      return undefined;
    },
  };
}
