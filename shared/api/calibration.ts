import { z } from 'zod';
import { type Assignment, IdSchema, LevelMatchSchema, MAX_EXAMPLES } from '../domain';
import { IsoDateTimeSchema } from './common';

/** POST /assignments/:assignmentId/examples — the works that are examples of the teacher's standard (0–3). */
export const SetExamplesRequestSchema = z.object({
  workIds: z
    .array(IdSchema)
    .max(MAX_EXAMPLES, `Choose at most ${MAX_EXAMPLES} examples`)
    .refine((ids) => new Set(ids).size === ids.length, 'Each work once'),
});
export type SetExamplesRequest = z.infer<typeof SetExamplesRequestSchema>;

/** POST /assignments/:assignmentId/calibrate — "Re-grade the rest like my examples". */
export const CalibrateRequestSchema = z.object({
  /** Works the teacher reviewed but wants re-graded too (the others reviewed are left alone). */
  alsoWorkIds: z.array(IdSchema).max(35).default([]),
  /** Use the examples saved for a rubric like this one instead of this assignment's. */
  useSaved: z.boolean().default(false),
});
export type CalibrateRequest = z.infer<typeof CalibrateRequestSchema>;

/** POST /assignments/:assignmentId/examples/save — keep the examples for a later assignment with the same rubric. */
export const SaveExamplesRequestSchema = z.object({}).strict();

/** The detail card's view of calibration. */
export const CalibrationViewSchema = z.object({
  examples: z.array(z.object({ workId: IdSchema, title: z.string() })).max(MAX_EXAMPLES),
  /** Re-grades made so far. */
  round: z.number().int().min(0),
  /** The anchors in force come from a saved set. */
  fromSaved: z.boolean(),
  regraded: z.number().int().min(0),
  before: LevelMatchSchema.nullable(),
  after: LevelMatchSchema.nullable(),
  /** Examples whose leave-one-out check is still running. */
  checking: z.number().int().min(0),
  savedAt: IsoDateTimeSchema.nullable(),
  /** The before/after sentence, or what is missing for it. */
  text: z.string().nullable(),
});
export type CalibrationView = z.infer<typeof CalibrationViewSchema>;

/** The before/after sentence the card shows. */
export function calibrationText(c: NonNullable<Assignment['calibration']>): string | null {
  if (c.round === 0) return null;
  const n = c.anchors.length;
  if (c.savedSetId) return `Re-graded with your ${n} saved example${n === 1 ? '' : 's'}.`;
  if (c.looPending.length > 0) return `Checking your examples against each other… (${c.looPending.length} left; Refresh)`;
  if (c.after && c.before) {
    return `On your ${n} examples, GradeBot matched ${c.before.kept} of ${c.before.levels} of your levels before and ${c.after.kept} of ${c.after.levels} after (each example graded with the others as anchors).`;
  }
  if (n < 2) return `Add a second example to see whether they help: each example is checked against the others.`;
  return 'The check on your examples could not finish.';
}

export function calibrationViewFrom(a: Pick<Assignment, 'calibration' | 'works'>): CalibrationView | null {
  const c = a.calibration;
  if (!c) return null;
  return {
    examples: c.exampleWorkIds.map((id) => ({ workId: id, title: a.works.find((w) => w.id === id)?.title ?? id })),
    round: c.round,
    fromSaved: c.savedSetId !== null,
    regraded: c.regradedWorkIds.length,
    before: c.before,
    after: c.after,
    checking: c.looPending.length,
    savedAt: c.savedAt ? c.savedAt.toISOString() : null,
    text: calibrationText(c),
  };
}
