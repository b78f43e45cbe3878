import type { WorkEntry } from '../domain/assignment';
import { type Rubric, rubricRevision } from '../domain/rubric';

/**
 * Which works a re-grade covers. "all": every graded work. "changed": the graded works whose
 * grading used an earlier revision of the rubric — one whose criteria the teacher has changed since
 * (a reorder is not a change). Failed works are not re-graded here: they have their own Retry.
 */
export function regradeTargets(works: readonly WorkEntry[], rubric: Pick<Rubric, 'revision'> | null, scope: 'all' | 'changed'): WorkEntry[] {
  if (!rubric) return [];
  const graded = works.filter((w) => w.status === 'completed');
  return scope === 'all' ? graded : graded.filter((w) => isOutdated(w, rubric));
}

/** A graded work whose grading used an earlier revision of the rubric. */
export function isOutdated(w: Pick<WorkEntry, 'status' | 'rubricRevision'>, rubric: Pick<Rubric, 'revision'> | null): boolean {
  return Boolean(rubric) && w.status === 'completed' && (w.rubricRevision ?? 0) < rubricRevision(rubric!);
}
