import { Eta } from 'eta';
import type { FeedbackTone } from '../shared/domain/common';
import { rubricText, type PromptRubric } from './format';
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
  feedback: { assignment: PromptAssignment; rubric: PromptRubric; studentText: string };
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

/** Collapse the blank lines conditional blocks leave behind. */
const tidy = (s: string) => s.replace(/\n{3,}/g, '\n\n').trim();

/** Render one kind's prompt. The rubric is passed in stored form and written out with its ids. */
export function renderPrompt<K extends TemplateName>(name: K, data: PromptData[K]): RenderedPrompt {
  const rubric = 'rubric' in data && typeof data.rubric === 'object' ? rubricText(data.rubric) : '';
  const it = { ...data, ...helpers, rubricText: rubric };
  const part = (p: keyof RenderedPrompt) => tidy(eta.render(`@${name}/${p}`, it));
  return { system: part('system'), prefix: part('prefix'), input: part('input') };
}
