import type { CriterionInput, RubricEdit } from '../../shared/api';
import { type Criterion, type Level, RUBRIC_LIMITS, type Rubric, rubricRevision } from '../../shared/domain';
import { NotFoundError } from '../errors';
import { validationError } from './validate';

/**
 * A teacher's change to a rubric, applied to the stored rubric: pure, so every rule is tested as a
 * table. The AI's wording of a criterion or level is kept in `original` on its first change (as
 * feedback edits keep theirs); what the teacher adds is marked `added`. A change that alters grading
 * bumps the rubric's revision and stamps the criterion with it (works graded under an earlier
 * revision are then "outdated"); a reorder does not. Ids are never reused.
 */

export interface RubricEditOutcome {
  rubric: Rubric;
  changed: boolean;
}

const norm = (s: string) => s.trim().toLowerCase();
const sameOriginal = (x: { title: string; description: string; points?: number | null | undefined }) => ({ title: x.title, description: x.description, points: x.points ?? null });

function renumber<T extends { position: number }>(xs: T[]): T[] {
  return xs.map((x, i) => (x.position === i ? x : { ...x, position: i }));
}

function distinctTitle(rubric: Rubric, title: string, except?: string): void {
  const clash = rubric.criteria.find((c) => c.id !== except && norm(c.title) === norm(title));
  if (clash) throw validationError([{ path: 'criterion.title', message: `Another criterion is called "${clash.title}": give each its own name` }]);
}

/** The criterion's levels from the teacher's list: existing ones by id (AI wording kept), new ones added. */
function levelsFrom(input: CriterionInput, before: Criterion | undefined, newId: () => string, now: Date): Level[] {
  return input.levels.map((l, position) => {
    const old = l.id ? before?.levels.find((x) => x.id === l.id) : undefined;
    if (l.id && !old) throw validationError([{ path: `criterion.levels.${position}.id`, message: 'is not a level of this criterion' }]);
    const value = { title: l.title, description: l.description, points: l.points };
    if (!old) return { id: newId(), ...value, position, added: true, editedAt: now };
    const same = old.title === l.title && old.description === l.description && (old.points ?? null) === l.points;
    if (same) return old.position === position ? old : { ...old, position };
    const kept = old.added ? {} : { original: old.original ?? sameOriginal(old) };
    return { ...old, ...value, position, ...kept, editedAt: now };
  });
}

function criterionChanged(a: Criterion, b: Criterion): boolean {
  if (a.title !== b.title || a.description !== b.description || a.levels.length !== b.levels.length) return true;
  return a.levels.some((l, i) => {
    const m = b.levels[i]!;
    return l.id !== m.id || l.title !== m.title || l.description !== m.description || (l.points ?? null) !== (m.points ?? null);
  });
}

export function applyRubricEdit(rubric: Rubric, edit: RubricEdit, now: Date): RubricEditOutcome {
  const byPosition = [...rubric.criteria].sort((a, b) => a.position - b.position);
  let next = rubric.nextId ?? 1;
  const newId = () => `n${next++}`;
  const revision = rubricRevision(rubric) + 1;
  const revised = (criteria: Criterion[]): RubricEditOutcome => ({
    rubric: { ...rubric, criteria: renumber(criteria), revision, nextId: next, editedAt: now },
    changed: true,
  });

  switch (edit.op) {
    case 'update': {
      const before = byPosition.find((c) => c.id === edit.criterionId);
      if (!before) throw new NotFoundError('That rubric criterion');
      distinctTitle(rubric, edit.criterion.title, before.id);
      const levels = levelsFrom(edit.criterion, before, newId, now);
      const candidate: Criterion = { ...before, title: edit.criterion.title, description: edit.criterion.description, levels };
      if (!criterionChanged(before, candidate)) return { rubric, changed: false };
      const textChanged = before.title !== candidate.title || before.description !== candidate.description;
      const kept = before.added || !textChanged ? {} : { original: before.original ?? sameOriginal(before) };
      const updated: Criterion = { ...candidate, ...kept, revision, editedAt: now };
      return revised(byPosition.map((c) => (c.id === before.id ? updated : c)));
    }
    case 'add': {
      if (byPosition.length >= RUBRIC_LIMITS.maxCriteria) {
        throw validationError([{ path: 'criteria', message: `A rubric has at most ${RUBRIC_LIMITS.maxCriteria} criteria. Delete one before adding another.` }]);
      }
      distinctTitle(rubric, edit.criterion.title);
      const id = newId();
      const levels = levelsFrom(edit.criterion, undefined, newId, now);
      const added: Criterion = { id, title: edit.criterion.title, description: edit.criterion.description, position: byPosition.length, levels, added: true, revision, editedAt: now };
      return revised([...byPosition, added]);
    }
    case 'delete': {
      if (!byPosition.some((c) => c.id === edit.criterionId)) throw new NotFoundError('That rubric criterion');
      if (byPosition.length <= RUBRIC_LIMITS.minCriteria) throw validationError([{ path: 'criteria', message: 'A rubric needs at least one criterion. Add another before deleting this one.' }]);
      return revised(byPosition.filter((c) => c.id !== edit.criterionId));
    }
    case 'move': {
      const i = byPosition.findIndex((c) => c.id === edit.criterionId);
      if (i < 0) throw new NotFoundError('That rubric criterion');
      const j = edit.direction === 'up' ? i - 1 : i + 1;
      if (j < 0 || j >= byPosition.length) return { rubric, changed: false };
      const moved = [...byPosition];
      [moved[i], moved[j]] = [moved[j]!, moved[i]!];
      // Order is presentation: it changes no grade, so the revision stays.
      return { rubric: { ...rubric, criteria: renumber(moved), editedAt: now }, changed: true };
    }
  }
}
