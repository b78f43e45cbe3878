import { extractAllTagged } from '../../prompts/schemas/delimit';
import { type Filler, OFFLINE, pathKey } from './json-schema';
import { keywords } from './text-analysis';

const STEPS = [
  'Model how to expand a short claim with a reason and an example.',
  'Practise quoting evidence and explaining how it supports the point.',
  'Revisit the rubric criteria with the class, using anonymised excerpts.',
];

/** A class summary over the <work_feedback> blocks (or <student_work> blocks) in the prompt. */
export function summaryFiller(prompt: string): Filler {
  const feedback = extractAllTagged('work_feedback', prompt);
  const works = feedback.length > 0 ? feedback : extractAllTagged('student_work', prompt);
  const themes = keywords(works.join('\n'), 6);
  const theme = (i: number) => themes[i % Math.max(1, themes.length)] ?? 'the assignment';
  return {
    length(path, c) {
      const k = pathKey(path);
      if (k === 'commonStrengths' || k === 'commonOpportunities') return Math.min(c.maxItems ?? 2, 2);
      if (k === 'nextSteps') return Math.min(c.maxItems ?? 3, 3);
      return undefined;
    },
    leaf(path, type) {
      const k = pathKey(path);
      if (k === 'studentWorkCount') return works.length;
      if (type !== 'string') return undefined;
      const i = typeof path[1] === 'number' ? path[1] : 0;
      if (k === 'overallPerformance') {
        return `${OFFLINE} Summary of ${works.length} works produced offline from word counts, not by AI. Frequent themes: ${themes.join(', ') || 'none found'}.`;
      }
      if (k === 'commonStrengths.*.title') return `${OFFLINE} Writing about ${theme(i)}`;
      if (k === 'commonOpportunities.*.title') return `${OFFLINE} Developing ideas about ${theme(i + 2)}`;
      if (k === 'commonStrengths.*.description') return `${OFFLINE} "${theme(i)}" comes up often across the class's feedback.`;
      if (k === 'commonOpportunities.*.description') return `${OFFLINE} Several works could say more about ${theme(i + 2)}.`;
      if (k === 'nextSteps.*') return `${OFFLINE} ${STEPS[i % STEPS.length]}`;
      return undefined;
    },
  };
}
