import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseLevel, parseLevelList, parsePastedRubric } from '../../dev/model-server/pasted-rubric';
import { EXPECTED } from '../fixtures/pasted-rubrics/expected';
import { pastedRubric } from '../support/pasted-rubrics';

/** The local model server's structuring of pasted rubrics, fixture by fixture (real teacher formats). */

const FIXTURES = readdirSync(join(__dirname, '..', 'fixtures', 'pasted-rubrics')).filter((f) => f.endsWith('.txt')).map((f) => f.replace(/\.txt$/, ''));

test('there are at least 8 fixtures, each with its expected structure', () => {
  expect(FIXTURES.length).toBeGreaterThanOrEqual(8);
  expect(FIXTURES.sort()).toEqual(Object.keys(EXPECTED).sort());
});

describe.each(FIXTURES)('%s', (name) => {
  const text = pastedRubric(name);
  const got = parsePastedRubric(text);
  const want = EXPECTED[name]!;

  test('the teacher’s criteria, in order, with their descriptions; no title line, no invented criterion', () => {
    expect(got.map((c) => [c.title, c.description])).toEqual(want.criteria.map((c) => [c.title, c.description]));
  });

  test('each criterion’s own levels, best first, with the teacher’s points (null where none)', () => {
    expect(got.map((c) => c.levels.map((l) => [l.title, l.points]))).toEqual(want.criteria.map((c) => c.levels));
  });

  test('level descriptions are the teacher’s words', () => {
    for (const c of got) for (const l of c.levels) if (l.description !== null) expect(text.replace(/\s+/g, ' ')).toContain(l.description);
  });
});

test.each([
  ['4 - Clear, arguable claim', { title: '4', description: 'Clear, arguable claim', points: 4 }],
  ['3 – Exemplary: precise', { title: 'Exemplary', description: 'precise', points: 3 }],
  ['Proficient (3 pts): mostly clear', { title: 'Proficient', description: 'mostly clear', points: 3 }],
  ['Needs Work (5 pts) – broad thesis', { title: 'Needs Work', description: 'broad thesis', points: 5 }],
  ['Strong (3)', { title: 'Strong', description: null, points: 3 }],
  ['Level 2: some detail', { title: 'Level 2', description: 'some detail', points: null }],
  ['2.5 pts = partial credit', { title: '2.5', description: 'partial credit', points: 2.5 }],
  ['1 Beginning – rare', { title: 'Beginning', description: 'rare', points: 1 }],
])('a level line: %s', (line, level) => {
  expect(parseLevel(line)).toEqual(level);
});

test.each(['Claim (4 pts)', 'Organization', 'Use of sources: two or more, cited', 'Counter-argument – addressed'])('not a level line (in a criterion’s place): %s', (line) => {
  expect(parseLevel(line, true)).toBeUndefined();
});

test('levels on one line split on ";", "/", "|", tabs or wide spaces; a sentence with a comma does not', () => {
  expect(parseLevelList('4 - precise; 3 - clear; 2 - vague')?.map((l) => l.title)).toEqual(['4', '3', '2']);
  expect(parseLevelList('Strong (3) / Adequate (2) / Weak (1)')?.map((l) => l.points)).toEqual([3, 2, 1]);
  expect(parseLevelList('Exemplary: all | Developing: some')?.map((l) => l.title)).toEqual(['Exemplary', 'Developing']);
  expect(parseLevelList('4 - Few errors   3 - Some errors')?.map((l) => l.description)).toEqual(['Few errors', 'Some errors']);
  expect(parseLevelList('Explains most of the evidence, with some gaps')).toBeUndefined();
});

test('a rubric of criteria with no levels keeps every line (no title dropped without levels to tell it apart)', () => {
  expect(parsePastedRubric('Thesis statement: clear\nUse of sources: cited\nMechanics: few errors').map((c) => c.title)).toEqual(['Thesis statement', 'Use of sources', 'Mechanics']);
});
