import { applyRubricEdit } from '../../cloud/api/rubric-edits';
import { GradeBotError, NotFoundError } from '../../cloud/errors';
import { CriterionInputSchema, RubricEditSchema } from '../../shared/api';
import { type Rubric, RubricSchema } from '../../shared/domain';
import { regradeTargets } from '../../shared/rules/regrade';

const T0 = new Date('2026-03-01T10:00:00Z');
const T1 = new Date('2026-03-01T11:00:00Z');

function rubric(n = 3): Rubric {
  return {
    source: 'pasted',
    createdAt: T0,
    criteria: Array.from({ length: n }, (_, i) => ({
      id: `c${i + 1}`,
      title: `Criterion ${i + 1}`,
      description: `What ${i + 1} assesses`,
      position: i,
      levels: [4, 3].map((p, j) => ({ id: `c${i + 1}-l${j + 1}`, title: String(p), description: `Level ${p}`, position: j, points: p })),
    })),
  };
}

const inputOf = (r: Rubric, i: number) => {
  const c = r.criteria[i]!;
  return { title: c.title, description: c.description, levels: c.levels.map((l) => ({ id: l.id, title: l.title, description: l.description, points: l.points ?? null })) };
};

function fieldsOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof GradeBotError && err.code === 'validation_failed') return (err.details as { fields: { path: string; message: string }[] }).fields;
    throw err;
  }
  throw new Error('no validation error');
}

test('rewording a level keeps the AI original beside it, stamps the criterion and bumps the revision', () => {
  const r = rubric();
  const input = inputOf(r, 0);
  input.levels[0]!.description = 'A precise claim';
  const out = applyRubricEdit(r, { op: 'update', criterionId: 'c1', criterion: input }, T1);
  expect(out.changed).toBe(true);
  const level = out.rubric.criteria[0]!.levels[0]!;
  expect(level).toMatchObject({ id: 'c1-l1', description: 'A precise claim', original: { title: '4', description: 'Level 4', points: 4 }, editedAt: T1 });
  expect(out.rubric.criteria[0]!.revision).toBe(1);
  expect(out.rubric.criteria[0]!.original).toBeUndefined();
  expect(out.rubric.revision).toBe(1);
  expect(RubricSchema.parse(out.rubric)).toEqual(out.rubric);

  // A second edit keeps the first original, not the teacher's own text.
  const again = inputOf(out.rubric, 0);
  again.levels[0]!.description = 'Sharper still';
  again.title = 'Claim';
  const twice = applyRubricEdit(out.rubric, { op: 'update', criterionId: 'c1', criterion: again }, T1);
  expect(twice.rubric.criteria[0]!.levels[0]!.original?.description).toBe('Level 4');
  expect(twice.rubric.criteria[0]!.original).toEqual({ title: 'Criterion 1', description: 'What 1 assesses', points: null });
  expect(twice.rubric.revision).toBe(2);
});

test('saving what is already there changes nothing', () => {
  const r = rubric();
  const out = applyRubricEdit(r, { op: 'update', criterionId: 'c2', criterion: inputOf(r, 1) }, T1);
  expect(out).toEqual({ rubric: r, changed: false });
});

test('levels: add (a new id, marked added), delete, reorder — within the criterion', () => {
  const r = rubric();
  const input = inputOf(r, 0);
  input.levels = [input.levels[1]!, { title: '2', description: 'Level 2', points: 2 } as (typeof input.levels)[number]];
  const out = applyRubricEdit(r, { op: 'update', criterionId: 'c1', criterion: input }, T1);
  const levels = out.rubric.criteria[0]!.levels;
  expect(levels.map((l) => [l.id, l.title, l.position, l.added ?? false])).toEqual([
    ['c1-l2', '3', 0, false],
    ['n1', '2', 1, true],
  ]);
  // Ids are never reused: the next one is n2.
  expect(out.rubric.nextId).toBe(2);
});

test('add, delete and move criteria; a move changes no grade (revision unchanged)', () => {
  const r = rubric();
  const added = applyRubricEdit(r, { op: 'add', criterion: { title: 'Counterclaim', description: '', levels: [{ title: 'Yes', description: 'Addressed', points: 2 }] } }, T1);
  expect(added.rubric.criteria.map((c) => c.title)).toEqual(['Criterion 1', 'Criterion 2', 'Criterion 3', 'Counterclaim']);
  expect(added.rubric.criteria[3]).toMatchObject({ id: 'n1', added: true, position: 3, revision: 1 });
  const moved = applyRubricEdit(added.rubric, { op: 'move', criterionId: 'n1', direction: 'up' }, T1);
  expect(moved.rubric.criteria.map((c) => [c.id, c.position])).toEqual([['c1', 0], ['c2', 1], ['n1', 2], ['c3', 3]]);
  expect(moved.rubric.revision).toBe(1);
  expect(applyRubricEdit(moved.rubric, { op: 'move', criterionId: 'c1', direction: 'up' }, T1).changed).toBe(false);
  const deleted = applyRubricEdit(moved.rubric, { op: 'delete', criterionId: 'c2' }, T1);
  expect(deleted.rubric.criteria.map((c) => [c.id, c.position])).toEqual([['c1', 0], ['n1', 1], ['c3', 2]]);
  expect(deleted.rubric.revision).toBe(2);
});

test.each([
  ['a 13th criterion', () => applyRubricEdit(rubric(12), { op: 'add', criterion: { title: 'One more', description: '', levels: [{ title: 'A', description: '', points: null }] } }, T1), 'criteria', 'A rubric has at most 12 criteria. Delete one before adding another.'],
  ['deleting the last criterion', () => applyRubricEdit(rubric(1), { op: 'delete', criterionId: 'c1' }, T1), 'criteria', 'A rubric needs at least one criterion. Add another before deleting this one.'],
  ['a name another criterion has', () => applyRubricEdit(rubric(), { op: 'update', criterionId: 'c1', criterion: { ...inputOf(rubric(), 0), title: 'criterion 2' } }, T1), 'criterion.title', 'Another criterion is called "Criterion 2": give each its own name'],
  ['a level id from another criterion', () => applyRubricEdit(rubric(), { op: 'update', criterionId: 'c1', criterion: { ...inputOf(rubric(), 0), levels: [{ id: 'c2-l1', title: 'X', description: '', points: null }] } }, T1), 'criterion.levels.0.id', 'is not a level of this criterion'],
])('refused: %s', (_name, fn, path, message) => {
  expect(fieldsOf(fn)).toEqual([{ path, message }]);
});

test('an unknown criterion is "not found"', () => {
  expect(() => applyRubricEdit(rubric(), { op: 'delete', criterionId: 'c9' }, T1)).toThrow(NotFoundError);
});

test.each([
  [{ title: ' ', description: '', levels: [{ title: 'A', description: '', points: null }] }, 'title', 'Enter a name for the criterion'],
  [{ title: 'T', description: '', levels: [] }, 'levels', 'Keep at least one level'],
  [{ title: 'T', description: '', levels: Array.from({ length: 11 }, (_, i) => ({ title: `L${i}`, description: '', points: null })) }, 'levels', 'A criterion has at most 10 levels'],
  [{ title: 'T', description: '', levels: [{ title: '', description: '', points: null }] }, 'levels.0.title', 'Enter a name for the level'],
  [{ title: 'T', description: '', levels: [{ title: 'A', description: '', points: -1 }] }, 'levels.0.points', 'Points must be a number from 0 to 1,000, like 4 or 2.5'],
  [{ title: 'T', description: '', levels: [{ title: 'Good', description: '', points: 2 }, { title: 'good ', description: '', points: 1 }] }, 'levels.1.title', 'Two levels are called "good": give each its own name'],
  [{ title: 'x'.repeat(201), description: '', levels: [{ title: 'A', description: '', points: null }] }, 'title', "Keep the criterion's name under 200 characters"],
])('the criterion schema words each problem: %#', (input, path, message) => {
  const r = CriterionInputSchema.safeParse(input);
  expect(r.success).toBe(false);
  expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([path, message]);
});

test('the edit body names its op', () => {
  expect(RubricEditSchema.safeParse({ op: 'rename', criterionId: 'c1' }).success).toBe(false);
  expect(RubricEditSchema.safeParse({ op: 'move', criterionId: 'c1', direction: 'left' }).success).toBe(false);
});

test('re-grade targets: all graded works, or those graded under an earlier revision; never failed or open ones', () => {
  const w = (id: string, status: 'completed' | 'failed' | 'processing', rubricRevision?: number) => ({ id, title: id, googleDocId: 'doc', status, failureReason: null, ...(rubricRevision === undefined ? {} : { rubricRevision }) });
  const works = [w('w1', 'completed', 0), w('w2', 'completed', 2), w('w3', 'failed'), w('w4', 'completed')];
  expect(regradeTargets(works, { revision: 2 }, 'all').map((x) => x.id)).toEqual(['w1', 'w2', 'w4']);
  expect(regradeTargets(works, { revision: 2 }, 'changed').map((x) => x.id)).toEqual(['w1', 'w4']);
  expect(regradeTargets(works, {}, 'changed')).toEqual([]);
  expect(regradeTargets(works, null, 'all')).toEqual([]);
});
