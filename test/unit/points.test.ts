import { criterionMaxPoints, formatTotal, pointsLabel, rubricMaxPoints, workTotal } from '../../shared/rules/points';

const c = (id: string, ...pts: (number | null)[]) => ({ id, levels: pts.map((p, i) => ({ id: `${id}-l${i + 1}`, points: p })) });

test.each([
  [[4, 3, 2, 1], 4],
  [[10, 8, 5, 0], 10],
  [[1, 2, 3], 3],
  [[4, null, 2], null],
  [[], null],
])('criterion max of %j is %s', (pts, max) => {
  expect(criterionMaxPoints(c('c', ...pts))).toBe(max);
});

test('a work total sums the chosen levels of a fully scored rubric', () => {
  const rubric = [c('c1', 4, 3, 2, 1), c('c2', 4, 3, 2, 1), c('c3', 4, 3, 2, 1), c('c4', 4, 3, 2, 1)];
  expect(rubricMaxPoints(rubric)).toBe(16);
  const total = workTotal(rubric, { c1: 'c1-l1', c2: 'c2-l2', c3: 'c3-l1', c4: 'c4-l3' });
  expect(total).toEqual({ earned: 13, possible: 16 });
  expect(formatTotal(total!)).toBe('13 / 16');
});

test.each([
  ['a criterion without points', [c('c1', 4, 3), c('c2', null, null)], { c1: 'c1-l1', c2: 'c2-l1' }],
  ['a criterion with no chosen level (added after grading)', [c('c1', 4, 3), c('c2', 2, 1)], { c1: 'c1-l1' }],
  ['a chosen level that no longer exists', [c('c1', 4, 3)], { c1: 'gone' }],
  ['no criteria', [], {}],
])('no total with %s', (_why, rubric, chosen) => {
  expect(workTotal(rubric, chosen as Record<string, string>)).toBeNull();
});

test('points are written as teachers write them', () => {
  expect(formatTotal({ earned: 12.5, possible: 20 })).toBe('12.5 / 20');
  expect(formatTotal({ earned: 1 / 3, possible: 1 })).toBe('0.33 / 1');
  expect(pointsLabel(1)).toBe('1 pt');
  expect(pointsLabel(4)).toBe('4 pts');
  expect(pointsLabel(0)).toBe('0 pts');
});
