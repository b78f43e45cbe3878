import { FEEDBACK_SCHEMA_TITLE } from '../../prompts/schemas/feedback';
import { PASTED_RUBRIC_SCHEMA_TITLE, RUBRIC_SCHEMA_TITLE } from '../../prompts/schemas/rubric';
import { SUMMARY_SCHEMA_TITLE } from '../../prompts/schemas/summary';
import type { Fault, ServerTaskKind } from './controls';
import { feedbackFiller } from './fill-feedback';
import { rubricFiller } from './fill-rubric';
import { summaryFiller } from './fill-summary';
import { type Filler, generate, type JsonSchema, OFFLINE } from './json-schema';
import { type MessagesRequest, userText } from './messages-request';
import { estimateTokens } from './tokenizer';
import { keywords, words } from './text-analysis';

export interface Answer {
  text: string;
  stopReason: 'end_turn' | 'max_tokens' | 'refusal';
}

const KIND_BY_TITLE: Record<string, ServerTaskKind> = {
  [RUBRIC_SCHEMA_TITLE]: 'rubric',
  [PASTED_RUBRIC_SCHEMA_TITLE]: 'rubric',
  [FEEDBACK_SCHEMA_TITLE]: 'feedback',
  [SUMMARY_SCHEMA_TITLE]: 'summary',
};

/** Which GradeBot task a request is, from its output schema's title. */
export function taskKind(r: MessagesRequest): ServerTaskKind {
  const title = r.output_config?.format?.schema?.title;
  return (typeof title === 'string' && KIND_BY_TITLE[title]) || 'other';
}

/** How the answers are shaped beyond the prompt (model server settings). */
export interface AnswerOptions {
  /** Feedback items (the first N) whose evidence is an invented quote. */
  fabricatedEvidence?: number;
}

const FILLERS: Record<ServerTaskKind, (prompt: string, opts: AnswerOptions) => Filler> = {
  rubric: rubricFiller,
  feedback: (prompt, opts) => feedbackFiller(prompt, { fabricated: opts.fabricatedEvidence ?? 0 }),
  summary: summaryFiller,
  other: () => ({}),
};

/** The answer's text: schema-valid JSON derived from the prompt, or plain labelled text. */
export function answer(r: MessagesRequest, fault: Fault | undefined, cpt: number, opts: AnswerOptions = {}): Answer {
  if (fault === 'refusal') return { text: '', stopReason: 'refusal' };
  const prompt = userText(r);
  const schema = r.output_config?.format?.schema as JsonSchema | undefined;
  let text: string;
  if (schema) {
    const value = generate(schema, FILLERS[taskKind(r)](prompt, opts));
    if (fault === 'schema_violation') text = JSON.stringify(violate(value));
    else if (fault === 'malformed_json') text = JSON.stringify(value).slice(0, Math.max(1, Math.floor(JSON.stringify(value).length / 2)));
    else text = JSON.stringify(value);
  } else {
    const topics = keywords(prompt, 5).join(', ');
    text = `${OFFLINE} This answer was written by GradeBot's offline model, not by AI. Your message has ${words(prompt).length} words${topics ? ` and is about ${topics}` : ''}.`;
    if (fault === 'malformed_json' || fault === 'schema_violation') text = text.slice(0, Math.ceil(text.length / 2));
  }
  // Like the API: stop at max_tokens, mid-answer.
  if (estimateTokens(text, cpt) > r.max_tokens) return { text: text.slice(0, Math.floor(r.max_tokens * cpt)), stopReason: 'max_tokens' };
  return { text, stopReason: 'end_turn' };
}

/** Valid JSON that breaks the schema: the first property of the object is dropped. */
function violate(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const [first, ...rest] = Object.keys(value);
    if (first !== undefined) return Object.fromEntries(rest.map((k) => [k, (value as Record<string, unknown>)[k]]));
  }
  return { unexpected: value };
}
