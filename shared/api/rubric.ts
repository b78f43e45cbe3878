import { z } from 'zod';
import { IdSchema, RUBRIC_LIMITS } from '../domain';

/**
 * Rubric editing and re-grading on the wire: PATCH /assignments/:id/rubric (one change per request,
 * named by `op`), POST …/start (leave review, start grading) and POST …/regrade. The add-on parses
 * its edit card's inputs with the same schemas, so the teacher reads the same field messages.
 */

const n = (x: number) => x.toLocaleString('en-US');

const title = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter a name for the ${what}`)
    .max(RUBRIC_LIMITS.title, `Keep the ${what}'s name under ${n(RUBRIC_LIMITS.title)} characters`);

const description = (what: string) =>
  z
    .string()
    .trim()
    .max(RUBRIC_LIMITS.description, `Keep the ${what}'s description under ${n(RUBRIC_LIMITS.description)} characters`);

export const POINTS_MESSAGE = `Points must be a number from 0 to ${n(RUBRIC_LIMITS.maxPoints)}, like 4 or 2.5`;

export const LevelInputSchema = z.object({
  /** An existing level's id; absent for a level the teacher adds. */
  id: IdSchema.optional(),
  title: title('level'),
  description: description('level'),
  points: z.number().min(0, POINTS_MESSAGE).max(RUBRIC_LIMITS.maxPoints, POINTS_MESSAGE).nullable(),
});
export type LevelInput = z.infer<typeof LevelInputSchema>;

export const CriterionInputSchema = z
  .object({
    title: title('criterion'),
    description: description('criterion'),
    levels: z
      .array(LevelInputSchema)
      .min(RUBRIC_LIMITS.minLevels, 'Keep at least one level')
      .max(RUBRIC_LIMITS.maxLevels, `A criterion has at most ${RUBRIC_LIMITS.maxLevels} levels`),
  })
  .superRefine((c, ctx) => {
    // The feedback names a level by its name, so names must tell the levels apart.
    const seen = new Set<string>();
    c.levels.forEach((l, i) => {
      const key = l.title.trim().toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['levels', i, 'title'], message: `Two levels are called "${l.title.trim()}": give each its own name` });
      seen.add(key);
    });
  });
export type CriterionInput = z.infer<typeof CriterionInputSchema>;

export const RubricEditSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('update'), criterionId: IdSchema, criterion: CriterionInputSchema }),
  z.object({ op: z.literal('add'), criterion: CriterionInputSchema }),
  z.object({ op: z.literal('delete'), criterionId: IdSchema }),
  z.object({ op: z.literal('move'), criterionId: IdSchema, direction: z.enum(['up', 'down']) }),
]);
export type RubricEdit = z.infer<typeof RubricEditSchema>;

/** POST …/start: no body. Starting an assignment that is already grading changes nothing. */
export const StartGradingRequestSchema = z.object({}).strict();

export const RegradeScopeSchema = z.enum(['all', 'changed']);
export type RegradeScope = z.infer<typeof RegradeScopeSchema>;

/**
 * POST …/regrade. `regradeId` names this re-grade (the add-on makes one per confirmation card): a
 * second click, or a retry after a timeout, finds it recorded and starts nothing more.
 */
export const RegradeRequestSchema = z.object({ scope: RegradeScopeSchema, regradeId: IdSchema });
export type RegradeRequest = z.infer<typeof RegradeRequestSchema>;
