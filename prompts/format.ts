/**
 * Plain-text forms of stored data for prompts. Kept apart from the templates so the wording of a
 * rubric or a work's feedback is the same wherever a prompt shows it.
 */

export interface PromptRubric {
  criteria: { id: string; title: string; description: string; levels: { title: string; description: string }[] }[];
}

/** The rubric with criterion ids (the feedback output is keyed by them) and levels best first. */
export function rubricText(rubric: PromptRubric): string {
  return rubric.criteria
    .map((c) => {
      const levels = c.levels.map((l, i) => `  ${i + 1}. ${l.title}: ${l.description}`).join('\n');
      return `Criterion id ${c.id}: ${c.title}\n  ${c.description}\n  Levels, highest first:\n${levels}`;
    })
    .join('\n\n');
}

/** One graded work's feedback as the summary prompt shows it. */
export interface WorkFeedbackForPrompt {
  /** Criterion title → level title reached. */
  levels: { criterion: string; level: string }[];
  strengths: { title: string; description: string }[];
  opportunities: { title: string; description: string }[];
  summary: string;
}

export function workFeedbackText(w: WorkFeedbackForPrompt): string {
  const items = (list: { title: string; description: string }[]) => (list.length === 0 ? '- (none)' : list.map((i) => `- ${i.title}: ${i.description}`).join('\n'));
  return [
    'Levels reached:',
    ...w.levels.map((l) => `- ${l.criterion}: ${l.level}`),
    'Strengths:',
    items(w.strengths),
    'Opportunities:',
    items(w.opportunities),
    `Summary: ${w.summary}`,
  ].join('\n');
}
