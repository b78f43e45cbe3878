import type { Anchor, Assignment, Calibration, LevelMatch, StudentWork } from '../domain';
import { isReviewed } from './reviewed';

/**
 * Pure rules of calibration (issue 16): which works may be examples, which a re-grade touches,
 * and the before/after agreement on the examples that tells the teacher whether it helped.
 */


/** Why a work cannot be an example, worded for the teacher; undefined when it can. */
export function exampleProblem(w: Pick<StudentWork, 'status' | 'feedback' | 'sent'>): string | undefined {
  if (w.status !== 'completed' || !w.feedback) return 'is not graded yet';
  if (!isReviewed(w)) return 'has not been reviewed: set or confirm its levels first (edit a level, or insert its feedback)';
  return undefined;
}

/** The anchor a reviewed example work gives: the teacher's levels and current explanations. */
export function anchorOf(w: Pick<StudentWork, 'id' | 'feedback' | 'selectedDocument'>): Anchor {
  return {
    workId: w.id,
    savedIndex: null,
    title: w.selectedDocument.title,
    levels: (w.feedback?.criterionLevels ?? []).map((l) => ({ criterionId: l.criterionId, levelId: l.levelId, explanation: l.explanation.current })),
  };
}

/**
 * The works a re-grade queues: graded works that are not examples, leaving alone every work the
 * teacher reviewed (edited, inserted, approved) unless the teacher chose it in `alsoWorkIds`.
 */
export function regradeTargets(works: readonly Pick<StudentWork, 'id' | 'status' | 'feedback' | 'sent'>[], exampleIds: readonly string[], alsoWorkIds: readonly string[]): string[] {
  return works.filter((w) => w.status === 'completed' && !exampleIds.includes(w.id) && (!isReviewed(w) || alsoWorkIds.includes(w.id))).map((w) => w.id);
}

/** Levels kept, counting only criteria both sides assessed. */
export function levelMatch(teacher: readonly { criterionId: string; levelId: string }[], model: readonly { criterionId: string; levelId: string }[]): LevelMatch {
  let kept = 0;
  let levels = 0;
  for (const t of teacher) {
    const m = model.find((x) => x.criterionId === t.criterionId);
    if (!m) continue;
    levels += 1;
    if (m.levelId === t.levelId) kept += 1;
  }
  return { kept, levels };
}

const add = (a: LevelMatch, b: LevelMatch): LevelMatch => ({ kept: a.kept + b.kept, levels: a.levels + b.levels });

/** "Before": on the example works, the AI's first levels against the teacher's. */
export function zeroShotAgreement(examples: readonly Pick<StudentWork, 'feedback'>[]): LevelMatch {
  return examples.reduce(
    (sum, w) =>
      add(
        sum,
        levelMatch(
          (w.feedback?.criterionLevels ?? []).map((l) => ({ criterionId: l.criterionId, levelId: l.levelId })),
          (w.feedback?.criterionLevels ?? []).map((l) => ({ criterionId: l.criterionId, levelId: l.originalLevelId })),
        ),
      ),
    { kept: 0, levels: 0 },
  );
}

/** "After": each example graded with the others as anchors, against the teacher's levels; null without any result. */
export function looAgreement(_a: Pick<Assignment, 'id'>, c: Pick<Calibration, 'anchors' | 'loo'>): LevelMatch | null {
  let any = false;
  let sum: LevelMatch = { kept: 0, levels: 0 };
  for (const anchor of c.anchors) {
    const got = anchor.workId ? c.loo[anchor.workId] : undefined;
    if (!got) continue;
    any = true;
    sum = add(sum, levelMatch(anchor.levels, got));
  }
  return any ? sum : null;
}
