import { z } from 'zod';

/**
 * What the rubric task asks Claude for. Structured outputs enforce the JSON shape; counts and
 * lengths ride along in the schema's descriptions and are enforced by zod after parsing (the
 * API only enforces `minItems` of 0 or 1), which is what sends a bad answer to the repair step.
 */

const level = () =>
  z.object({
    title: z.string().min(1).max(80).describe('Short name of the level, e.g. "Exemplary", "Proficient", "Developing", "Beginning"'),
    description: z.string().min(1).max(600).describe('What work at this level looks like for this criterion, concretely'),
  });

const criterion = () =>
  z.object({
    title: z.string().min(1).max(120).describe('Short name of the criterion, e.g. "Use of evidence"'),
    description: z.string().min(1).max(600).describe('What this criterion assesses'),
    levels: z.array(level()).min(3).max(4).describe('3 or 4 performance levels, ordered from highest to lowest'),
  });

export const RUBRIC_SCHEMA_TITLE = 'GradeBotRubric';

export const RubricOutputSchema = z
  .object({
    criteria: z.array(criterion()).min(3).max(5).describe('3 to 5 criteria that together cover the assignment'),
  })
  .superRefine((rubric, ctx) => {
    const titles = rubric.criteria.map((c) => c.title.trim().toLowerCase());
    if (new Set(titles).size !== titles.length) ctx.addIssue({ code: 'custom', path: ['criteria'], message: 'criterion titles must be distinct' });
    rubric.criteria.forEach((c, i) => {
      const names = c.levels.map((l) => l.title.trim().toLowerCase());
      // Feedback names a level by its title, so titles must identify a level within a criterion.
      if (new Set(names).size !== names.length) {
        ctx.addIssue({ code: 'custom', path: ['criteria', i, 'levels'], message: 'level titles must be distinct within a criterion' });
      }
    });
  })
  .meta({ title: RUBRIC_SCHEMA_TITLE });

export type RubricOutput = z.infer<typeof RubricOutputSchema>;
