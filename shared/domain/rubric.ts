import { z } from 'zod';
import { IdSchema } from './common';

export const LevelSchema = z.object({
  id: IdSchema,
  title: z.string().min(1).max(200),
  description: z.string().max(2000),
  /** 0 is the highest level; levels are ordered best first. */
  position: z.number().int().min(0),
});
export type Level = z.infer<typeof LevelSchema>;

export const CriterionSchema = z.object({
  id: IdSchema,
  title: z.string().min(1).max(200),
  description: z.string().max(2000),
  position: z.number().int().min(0),
  levels: z.array(LevelSchema).min(1).max(10),
});
export type Criterion = z.infer<typeof CriterionSchema>;

export const RubricSchema = z.object({
  criteria: z.array(CriterionSchema).min(1).max(12),
  source: z.enum(['generated', 'pasted']),
  createdAt: z.date(),
});
export type Rubric = z.infer<typeof RubricSchema>;
