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

/** A teacher's grading settings as the feedback prompt states them (see gradingSettingsText). */
export interface PromptSettings {
  language: 'student' | 'english' | 'chosen';
  chosenLanguage: string | null;
  length: 'brief' | 'standard' | 'detailed';
  focus: string[];
}

const STUDENT_PARTS = 'qualitativeFeedback, the feedback items, the level explanations and the question';

/**
 * The "Grading settings" lines of the feedback prefix. The same for every work of an assignment
 * (the student's-language mode names no language: the model reads it from each work), so they stay
 * in the cached prefix. A focus entry names a criterion by (part of) its title, without case, or by id; unknown ones are left out.
 */
export function gradingSettingsText(s: PromptSettings, rubric: PromptRubric): string {
  const language =
    s.language === 'student'
      ? `- Feedback language: the student's language. Write ${STUDENT_PARTS} in the language the student's work is written in (an essay in Spanish gets its feedback in Spanish). Write the summary for the teacher in English.`
      : s.language === 'chosen'
        ? `- Feedback language: ${s.chosenLanguage}. Write every part of the feedback, the summary included, in ${s.chosenLanguage}, whatever language the work is in.`
        : '- Feedback language: English. Write every part of the feedback in English, whatever language the work is in.';
  const length = {
    brief: '- Length: brief. qualitativeFeedback is one short paragraph, give 2 or 3 feedback items, and each level explanation is one sentence.',
    standard: '- Length: standard, as the guide describes.',
    detailed: '- Length: detailed. qualitativeFeedback is two or three paragraphs, give 5 to 8 feedback items, and each level explanation is two or three sentences.',
  }[s.length];
  const wanted = s.focus.map((f) => f.trim().toLowerCase()).filter(Boolean);
  const focus = rubric.criteria.filter((c) => wanted.some((w) => c.title.toLowerCase().includes(w) || c.id.toLowerCase() === w));
  const focusLine =
    focus.length > 0
      ? `- Focus: comment most on ${focus.map((c) => `criterion ${c.id} (${c.title})`).join(', ')}. Most feedback items and the most important next step concern them. Every criterion is still assessed on its own: focus never changes a level.`
      : '- Focus: none chosen; follow the guide.';
  return ['Grading settings (from the teacher):', language, length, focusLine, '- Evidence quotes always stay in the student\'s own words, never translated.'].join('\n');
}

/** One of the teacher's example works with the levels the teacher gave it (calibration anchors). */
export interface PromptExample {
  text: string;
  levels: { criterionId: string; criterionTitle: string; levelTitle: string; explanation: string }[];
}

/** The teacher's levels for one example, one line per criterion (inside `<teacher_levels>`). */
export function teacherLevelsText(e: PromptExample): string {
  return e.levels.map((l) => `- Criterion ${l.criterionId} (${l.criterionTitle}): ${l.levelTitle}${l.explanation ? ` — ${l.explanation}` : ''}`).join('\n');
}
