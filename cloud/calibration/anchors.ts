import { createHash } from 'node:crypto';
import type { PromptExample } from '../../prompts/format';
import type { Anchor, Assignment, Rubric } from '../../shared/domain';
import { PermanentTaskError } from '../pipeline/failures';
import { readStudentText } from '../retention/student-texts';
import type { Paths } from '../store/paths';

/**
 * The teacher's examples as the feedback prompt shows them: each anchor's text (the example work's
 * stored text, or the saved set's copy) with the teacher's levels named by title.
 */

/** A rubric's identity for saved examples: its criteria and level titles, without case or spacing. */
export function rubricKey(rubric: Pick<Rubric, 'criteria'>): string {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  const shape = rubric.criteria.map((c) => [norm(c.title), c.levels.map((l) => norm(l.title))]);
  return createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 16);
}

/** The anchor's levels with the rubric's titles (levels the rubric does not have are left out). */
export function anchorLevels(anchor: Pick<Anchor, 'levels'>, rubric: Pick<Rubric, 'criteria'>): PromptExample['levels'] {
  return anchor.levels.flatMap((l) => {
    const c = rubric.criteria.find((x) => x.id === l.criterionId);
    const level = c?.levels.find((x) => x.id === l.levelId);
    return c && level ? [{ criterionId: c.id, criterionTitle: c.title, levelTitle: level.title, explanation: l.explanation }] : [];
  });
}

export const EXAMPLE_TEXT_GONE = "An example's text is no longer stored (deleted after the retention period). Choose other examples, or grade without them.";

/**
 * The prompt examples in force for a grading of `a` (none before the first re-grade), without
 * `excludeWorkId` (an example graded against the others: the leave-one-out check).
 */
export async function promptExamples(paths: Paths, a: Assignment, excludeWorkId?: string): Promise<PromptExample[]> {
  const c = a.calibration;
  if (!c || c.anchors.length === 0 || !a.rubric) return [];
  const rubric = a.rubric;
  const anchors = c.anchors.filter((x) => x.workId === null || x.workId !== excludeWorkId);
  if (c.savedSetId) {
    const set = (await paths.exampleSet(a.userId, c.savedSetId).get()).data();
    if (!set) throw new PermanentTaskError('The saved examples were deleted. Choose examples again.', 'example set missing');
    return anchors.map((x) => ({ text: set.examples[x.savedIndex ?? 0]?.text ?? '', levels: anchorLevels(x, rubric) }));
  }
  return Promise.all(
    anchors.map(async (x) => {
      const t = await readStudentText(paths, a.id, x.workId!);
      if (t.kind !== 'stored') throw new PermanentTaskError(EXAMPLE_TEXT_GONE, 'example text purged');
      return { text: t.text, levels: anchorLevels(x, rubric) };
    }),
  );
}
