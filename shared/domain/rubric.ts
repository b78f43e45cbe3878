import { z } from 'zod';
import { IdSchema } from './common';

/** The limits a stored rubric holds; the editor and the pasted-rubric schema use the same numbers. */
export const RUBRIC_LIMITS = {
  minCriteria: 1,
  maxCriteria: 12,
  minLevels: 1,
  maxLevels: 10,
  title: 200,
  description: 2000,
  maxPoints: 1000,
} as const;

/** Points a level is worth, as the teacher (or the AI) gave them; null: none given. */
export const PointsSchema = z.number().min(0).max(RUBRIC_LIMITS.maxPoints).nullable();

/** What the AI wrote for a criterion or level before the teacher's first edit of it. */
export const RubricOriginalSchema = z.object({
  title: z.string().max(RUBRIC_LIMITS.title),
  description: z.string().max(RUBRIC_LIMITS.description),
  points: PointsSchema.optional(),
});
export type RubricOriginal = z.infer<typeof RubricOriginalSchema>;

/**
 * Edit bookkeeping shared by criteria and levels, all optional so rubrics stored before editing
 * existed read as they were: `original` is set on the teacher's first change of an AI item (the AI's
 * text stays beside the edit, as feedback edits keep theirs), `added` marks an item the teacher wrote.
 */
const Edits = {
  original: RubricOriginalSchema.optional(),
  added: z.boolean().optional(),
  editedAt: z.date().nullable().optional(),
};

export const LevelSchema = z.object({
  id: IdSchema,
  title: z.string().min(1).max(RUBRIC_LIMITS.title),
  description: z.string().max(RUBRIC_LIMITS.description),
  /** 0 is the highest level; levels are ordered best first. */
  position: z.number().int().min(0),
  points: PointsSchema.optional(),
  ...Edits,
});
export type Level = z.infer<typeof LevelSchema>;

export const CriterionSchema = z.object({
  id: IdSchema,
  title: z.string().min(1).max(RUBRIC_LIMITS.title),
  description: z.string().max(RUBRIC_LIMITS.description),
  position: z.number().int().min(0),
  levels: z.array(LevelSchema).min(RUBRIC_LIMITS.minLevels).max(RUBRIC_LIMITS.maxLevels),
  /** The rubric revision in which this criterion (or one of its levels) last changed; absent: as created. */
  revision: z.number().int().min(0).optional(),
  ...Edits,
});
export type Criterion = z.infer<typeof CriterionSchema>;

export const RubricSchema = z.object({
  criteria: z.array(CriterionSchema).min(RUBRIC_LIMITS.minCriteria).max(RUBRIC_LIMITS.maxCriteria),
  source: z.enum(['generated', 'pasted']),
  createdAt: z.date(),
  /**
   * Counts the teacher's changes that alter grading (wording, levels, points, added or deleted
   * criteria; not a reorder). A work graded under an older revision was graded with another rubric.
   */
  revision: z.number().int().min(0).optional(),
  /** The next id number for criteria and levels the teacher adds (ids are never reused). */
  nextId: z.number().int().min(1).optional(),
  editedAt: z.date().nullable().optional(),
});
export type Rubric = z.infer<typeof RubricSchema>;

/** The rubric's revision (0: as the AI made it). */
export const rubricRevision = (r: Pick<Rubric, 'revision'>): number => r.revision ?? 0;
