import { z } from 'zod';
import { IdSchema } from './common';

/**
 * Calibration on the teacher's own examples (issue 16): up to three graded works whose levels the
 * teacher set stand as anchors for how this teacher reads the rubric. "Re-grade the rest like my
 * examples" puts them in the cached prefix of every later feedback call of the assignment.
 */
export const MAX_EXAMPLES = 3;

/** One anchor: the teacher's levels (and explanations) for one example work. */
export const AnchorSchema = z.object({
  /** The example work on this assignment; null for a saved example (its text is in the saved set). */
  workId: IdSchema.nullable(),
  /** Position in the saved set, for a saved example. */
  savedIndex: z.number().int().min(0).max(MAX_EXAMPLES - 1).nullable(),
  title: z.string().max(500),
  levels: z.array(z.object({ criterionId: IdSchema, levelId: IdSchema, explanation: z.string().max(2000) })).max(12),
});
export type Anchor = z.infer<typeof AnchorSchema>;

/** Levels matched against the teacher's on the example works. */
export const LevelMatchSchema = z.object({ kept: z.number().int().min(0), levels: z.number().int().min(0) });
export type LevelMatch = z.infer<typeof LevelMatchSchema>;

export const CalibrationSchema = z.object({
  /** The works the teacher marked as examples of their standard. */
  exampleWorkIds: z.array(IdSchema).max(MAX_EXAMPLES),
  /** Incremented by each re-grade that changed something. */
  round: z.number().int().min(0),
  /** Fingerprint of the last re-grade request (anchors + works chosen): the same request again re-queues nothing new. */
  key: z.string().nullable(),
  /** The anchors every grading of this assignment uses from the first re-grade on. */
  anchors: z.array(AnchorSchema).max(MAX_EXAMPLES),
  /** The saved set the anchors came from (its id), when not from this assignment's works. */
  savedSetId: z.string().nullable(),
  /** Works the last re-grade queued. */
  regradedWorkIds: z.array(IdSchema),
  /** On the example works: the AI's first levels against the teacher's (zero-shot). */
  before: LevelMatchSchema.nullable(),
  /** On the example works, each graded with the other examples as anchors (leave-one-out); null until all are in. */
  after: LevelMatchSchema.nullable(),
  /** Leave-one-out results so far: example work id → the levels the model chose (null: that call failed). */
  loo: z.record(z.string(), z.array(z.object({ criterionId: IdSchema, levelId: IdSchema })).nullable()),
  /** Example works whose leave-one-out grading is still running. */
  looPending: z.array(IdSchema),
  /** When the examples were last saved for reuse with the same rubric. */
  savedAt: z.date().nullable(),
});
export type Calibration = z.infer<typeof CalibrationSchema>;

export function emptyCalibration(): Calibration {
  return { exampleWorkIds: [], round: 0, key: null, anchors: [], savedSetId: null, regradedWorkIds: [], before: null, after: null, loo: {}, looPending: [], savedAt: null };
}

/** A saved example set (`users/{uid}/exampleSets/{rubric key}`), keyed by titles so another assignment's rubric with the same criteria and levels can use it. */
export const ExampleSetSchema = z.object({
  rubricKey: z.string().regex(/^[a-f0-9]{16}$/),
  userId: z.string().min(1),
  savedAt: z.date(),
  fromAssignmentId: IdSchema,
  examples: z
    .array(
      z.object({
        title: z.string().max(500),
        text: z.string().max(200_000),
        levels: z.array(z.object({ criterionTitle: z.string(), levelTitle: z.string(), explanation: z.string().max(2000) })).max(12),
      }),
    )
    .min(1)
    .max(MAX_EXAMPLES),
});
export type ExampleSet = z.infer<typeof ExampleSetSchema>;
