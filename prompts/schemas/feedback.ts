import { z } from 'zod';

/**
 * What the feedback task asks Claude for, built per assignment from its rubric: each criterion is
 * a required property holding an enum of that criterion's level titles, so structured outputs
 * themselves guarantee one assessment per criterion with a level that exists. Checks are fixed
 * properties for the same reason. Counts, lengths and score ranges travel in descriptions and are
 * enforced by zod after parsing.
 */

export const FEEDBACK_SCHEMA_TITLE = 'GradeBotFeedback';

/** The rubric as the feedback schema needs it (ids are the criterion ids stored on the assignment). */
export interface FeedbackRubric {
  criteria: { id: string; title: string; levels: { title: string }[] }[];
}

/** Check keys in the output and the `type` each is stored under. */
export const FEEDBACK_CHECKS = {
  aiGeneratedSignal: {
    type: 'ai_generated_signal',
    describe:
      'A signal, never proof, of how likely it is that the text was produced with an AI tool (0 = no sign, 100 = strong signs). Name the features you saw and say that a conversation with the student is the way to find out.',
  },
  promptAdherence: { type: 'prompt_adherence', describe: 'How closely the work answers the assignment instructions (100 = fully).' },
  evidenceUse: { type: 'evidence_use', describe: 'How well claims are supported with evidence, examples or reasoning (100 = throughout).' },
  conventions: { type: 'conventions', describe: 'Spelling, grammar, punctuation and sentence control (100 = no errors that distract).' },
} as const;
export type FeedbackCheckKey = keyof typeof FEEDBACK_CHECKS;

const check = (describe: string) =>
  z
    .object({
      score: z.number().int().min(0).max(100).describe('0 to 100'),
      explanation: z.string().min(1).max(600).describe('One or two sentences a teacher can act on'),
    })
    .describe(describe);

const feedbackItem = () =>
  z.object({
    kind: z.enum(['strength', 'opportunity']),
    title: z.string().min(1).max(120).describe('A short headline'),
    description: z.string().min(1).max(800).describe('What the student did or can do next, addressed to the student'),
    evidence: z
      .string()
      .min(1)
      .max(500)
      .describe("A verbatim quote copied exactly from the student's text inside <student_work>; no paraphrase, no ellipsis"),
  });

const criterionLevel = (c: FeedbackRubric['criteria'][number]) =>
  z
    .object({
      level: z.enum(c.levels.map((l) => l.title) as [string, ...string[]]).describe('The level title that best matches the work'),
      explanation: z.string().min(1).max(800).describe('Why this level, pointing at the work'),
    })
    .describe(`Criterion "${c.title}"`);

/** The feedback output schema for one assignment's rubric. */
export function createFeedbackOutputSchema(rubric: FeedbackRubric) {
  if (rubric.criteria.length === 0) throw new Error('A feedback schema needs a rubric with at least one criterion');
  for (const c of rubric.criteria) {
    const titles = c.levels.map((l) => l.title);
    if (titles.length === 0 || new Set(titles).size !== titles.length) {
      throw new Error(`Criterion "${c.title}" needs distinct level titles`);
    }
  }
  const levels = Object.fromEntries(rubric.criteria.map((c) => [c.id, criterionLevel(c)]));
  const checks = Object.fromEntries(Object.entries(FEEDBACK_CHECKS).map(([k, v]) => [k, check(v.describe)])) as Record<
    FeedbackCheckKey,
    ReturnType<typeof check>
  >;
  return z
    .object({
      qualitativeFeedback: z.string().min(1).max(3000).describe('Overall feedback on the work, addressed to the student, in the requested tone'),
      feedbackItems: z.array(feedbackItem()).min(2).max(8).describe('2 to 8 items; at least one strength and one opportunity'),
      criterionLevels: z.object(levels).describe('One assessment per rubric criterion, keyed by criterion id'),
      summary: z.string().min(1).max(1000).describe('A two- or three-sentence summary of the work for the teacher'),
      question: z.string().min(1).max(500).describe('One question the teacher could ask the student about their work'),
      checks: z.object(checks),
      writingGradeLevel: z.number().min(0).max(20).describe('US school grade level of the writing (e.g. Flesch–Kincaid), 0 to 20'),
    })
    .superRefine((out, ctx) => {
      const kinds = new Set(out.feedbackItems.map((i) => i.kind));
      if (!kinds.has('strength')) ctx.addIssue({ code: 'custom', path: ['feedbackItems'], message: 'include at least one strength' });
      if (!kinds.has('opportunity')) ctx.addIssue({ code: 'custom', path: ['feedbackItems'], message: 'include at least one opportunity' });
    })
    .meta({ title: FEEDBACK_SCHEMA_TITLE });
}

export type FeedbackOutputSchema = ReturnType<typeof createFeedbackOutputSchema>;
export type FeedbackOutput = z.infer<FeedbackOutputSchema>;

/** The checks as the domain stores them: `{ type, score, explanation }[]`. */
export function checkList(checks: FeedbackOutput['checks']): { type: string; score: number; explanation: string }[] {
  return (Object.keys(FEEDBACK_CHECKS) as FeedbackCheckKey[]).map((k) => ({ type: FEEDBACK_CHECKS[k].type, ...checks[k] }));
}
