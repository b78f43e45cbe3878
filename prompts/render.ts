import { Eta } from 'eta';
import type { FeedbackTone } from '../shared/domain/common';
import { gradingSettingsText, type PromptExample, type PromptRubric, type PromptSettings, rubricText, teacherLevelsText } from './format';
import { defuseLookalikes, delimit, PROMPT_TAGS, type PromptTag } from './schemas/delimit';
import { feedbackTemplate } from './templates/feedback';
import { rubricTemplate } from './templates/rubric';
import { summaryTemplate } from './templates/summary';

/** A rendered prompt in the parts prompt caching needs (the LLM client's `LlmPrompt`). */
export interface RenderedPrompt {
  /** Instructions for the task kind. */
  system: string;
  /** Shared by every call of the assignment (assignment, rubric, voice); ends at the cache breakpoint. */
  prefix: string;
  /** This call's own data (the student's text), last. */
  input: string;
}

export interface PromptAssignment {
  title: string;
  subject: string;
  gradeLevel: string;
  instructions: string;
  feedbackTone: FeedbackTone;
}

/** What each template is rendered from. */
export interface PromptData {
  rubric: { assignment: PromptAssignment; mode: 'generate' | 'paste'; pastedRubric: string | null };
  feedback: { assignment: PromptAssignment; rubric: PromptRubric; studentText: string; settings?: PromptSettings; examples?: PromptExample[] };
  summary: { assignment: PromptAssignment; rubric: PromptRubric; works: { n: number; text: string }[]; failedCount: number };
}
export type TemplateName = keyof PromptData;

const TEMPLATES = { rubric: rubricTemplate, feedback: feedbackTemplate, summary: summaryTemplate } as const satisfies Record<
  TemplateName,
  Record<keyof RenderedPrompt, string>
>;

/**
 * Interpolations (`<%= %>`) are not HTML-escaped — a prompt is not HTML, and escaping would change
 * the student's quotes — but any look-alike of our delimiting tags is defused, as `delimit` does.
 */
export function defuseTags(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  return defuseLookalikes(s);
}

const eta = new Eta({ autoEscape: true, escapeFunction: defuseTags, autoTrim: false, cache: true });
for (const [name, parts] of Object.entries(TEMPLATES)) {
  for (const [part, source] of Object.entries(parts)) eta.loadTemplate(`@${name}/${part}`, source);
}

const helpers = {
  delimit: (tag: PromptTag, text: string, attrs?: Record<string, string>) => delimit(tag, text, attrs),
};

/** Settings as before they existed: English, the guide's length, no focus. */
const DEFAULT_PROMPT_SETTINGS: PromptSettings = { language: 'english', chosenLanguage: null, length: 'standard', focus: [] };

/**
 * The teacher's examples as anchors, in the cached prefix: each work's text and the teacher's
 * levels, each in its own delimited block (both are data; `delimit` defuses look-alike tags).
 */
function examplesText(examples: PromptExample[]): string {
  if (examples.length === 0) return '';
  const blocks = examples.map((e, i) => `${delimit('example_work', e.text, { n: String(i + 1) })}\n${delimit('teacher_levels', teacherLevelsText(e), { n: String(i + 1) })}`);
  return [
    `The teacher's own examples (${examples.length}): works from this assignment's class that the teacher graded, with the teacher's levels. They show where this teacher draws the line between levels.`,
    ...blocks,
  ].join('\n\n');
}

/** Collapse the blank lines conditional blocks leave behind. */
const tidy = (s: string) => s.replace(/\n{3,}/g, '\n\n').trim();

/** Render one kind's prompt. The rubric is passed in stored form and written out with its ids. */
export function renderPrompt<K extends TemplateName>(name: K, data: PromptData[K]): RenderedPrompt {
  const rubric = 'rubric' in data && typeof data.rubric === 'object' ? rubricText(data.rubric) : '';
  const settings = name === 'feedback' && 'rubric' in data ? gradingSettingsText((data as PromptData['feedback']).settings ?? DEFAULT_PROMPT_SETTINGS, (data as PromptData['feedback']).rubric) : '';
  const examples = name === 'feedback' ? examplesText((data as PromptData['feedback']).examples ?? []) : '';
  const it = { ...data, ...helpers, rubricText: rubric, settingsText: settings, examplesText: examples };
  const part = (p: keyof RenderedPrompt) => tidy(eta.render(`@${name}/${p}`, it));
  return { system: part('system'), prefix: part('prefix'), input: part('input') };
}
