import { z } from 'zod';
import type { RubricMode } from '../../shared/domain/common';
import { RUBRIC_LIMITS } from '../../shared/domain/rubric';

/**
 * What the rubric task asks Claude for. Structured outputs enforce the JSON shape; counts and
 * lengths ride along in the schema's descriptions and are enforced by zod after parsing (the
 * API only enforces `minItems` of 0 or 1), which is what sends a bad answer to the repair step.
 */

/** Bounds of one rubric output schema; the limits the API cannot enforce travel in descriptions. */
interface RubricShape {
  title: string;
  points: string;
  criteria: { min: number; max: number; describe: string };
  levels: { min: number; max: number; describe: string };
  titleMax: number;
  descriptionMax: number;
}

function rubricSchema(shape: RubricShape) {
  const level = z.object({
    title: z.string().min(1).max(shape.titleMax).describe('Short name of the level, e.g. "Exemplary", "Proficient", "Developing", "Beginning"'),
    description: z.string().min(1).max(shape.descriptionMax).describe('What work at this level looks like for this criterion, concretely'),
    points: z.number().min(0).max(RUBRIC_LIMITS.maxPoints).nullable().describe(shape.points),
  });
  const criterion = z.object({
    title: z.string().min(1).max(shape.titleMax).describe('Short name of the criterion, e.g. "Use of evidence"'),
    description: z.string().min(1).max(shape.descriptionMax).describe('What this criterion assesses'),
    levels: z.array(level).min(shape.levels.min).max(shape.levels.max).describe(shape.levels.describe),
  });
  return z
    .object({
      criteria: z.array(criterion).min(shape.criteria.min).max(shape.criteria.max).describe(shape.criteria.describe),
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
    .meta({ title: shape.title });
}

export const RUBRIC_SCHEMA_TITLE = 'GradeBotRubric';

/** Generate mode: GradeBot designs the rubric, 3–5 criteria × 3–4 levels (the PRD's shape). */
export const RubricOutputSchema = rubricSchema({
  title: RUBRIC_SCHEMA_TITLE,
  points: 'Points for this level if you propose a scored rubric (the same scale for every criterion, e.g. 4, 3, 2, 1), else null',
  criteria: { min: 3, max: 5, describe: '3 to 5 criteria that together cover the assignment' },
  levels: { min: 3, max: 4, describe: '3 or 4 performance levels, ordered from highest to lowest' },
  titleMax: 120,
  descriptionMax: 600,
});

export type RubricOutput = z.infer<typeof RubricOutputSchema>;

export const PASTED_RUBRIC_SCHEMA_TITLE = 'GradeBotPastedRubric';

/**
 * Paste mode: the teacher's rubric structured as written, so its counts are the teacher's — any
 * within what the stored rubric can hold (shared/domain/rubric.ts: 1–12 criteria, 1–10 levels,
 * titles up to 200 characters, descriptions up to 2,000).
 */
export const PastedRubricOutputSchema = rubricSchema({
  title: PASTED_RUBRIC_SCHEMA_TITLE,
  points: 'The points the teacher gave this level ("4 - …", "(3 pts)", "Exemplary (4)", a points column), else null; never invented',
  criteria: { min: RUBRIC_LIMITS.minCriteria, max: RUBRIC_LIMITS.maxCriteria, describe: "Every criterion of the teacher's rubric, in the teacher's order, none added or dropped (1 to 12)" },
  levels: { min: RUBRIC_LIMITS.minLevels, max: RUBRIC_LIMITS.maxLevels, describe: "The teacher's levels for this criterion, ordered from highest to lowest (1 to 10)" },
  titleMax: RUBRIC_LIMITS.title,
  descriptionMax: RUBRIC_LIMITS.description,
});

/** The rubric task's output schema for a rubric mode. */
export function rubricOutputSchemaFor(mode: RubricMode): z.ZodType<RubricOutput> {
  return mode === 'paste' ? PastedRubricOutputSchema : RubricOutputSchema;
}
