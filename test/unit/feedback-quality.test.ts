import { aiText, type StudentWork } from '../../shared/domain';
import { addQuality, emptyQuality, isZeroQuality, keptLevelsText, pooled, qualityDelta, qualityFigures, workQuality } from '../../shared/rules/feedback-quality';
import { isReviewed } from '../../shared/rules/reviewed';
import { aRubric, aStudentWork, at } from '../support/fixtures';

const later = new Date(at.getTime() + 60_000);
const edited = (original: string, current: string) => ({ original, current, editedAt: later });

// Three criteria of four levels (l0 best … l3), as aRubric makes them.
const rubric = aRubric();

function work(levels: [string, string, string][], over: Partial<NonNullable<StudentWork['feedback']>> = {}, sent = false): StudentWork {
  const base = aStudentWork({ sent: sent ? [{ sections: ['qualitativeFeedback'], at }] : [] });
  return {
    ...base,
    feedback: {
      ...base.feedback!,
      criterionLevels: levels.map(([criterionId, originalLevelId, levelId]) => ({
        criterionId,
        originalLevelId,
        levelId,
        levelEditedAt: levelId === originalLevelId ? null : later,
        explanation: aiText('Because.'),
      })),
      ...over,
    },
  };
}

describe('reviewed works', () => {
  test.each<[string, boolean, StudentWork]>([
    ['untouched and never inserted', false, work([['c0', 'l1', 'l1']])],
    ['inserted into the Doc', true, work([['c0', 'l1', 'l1']], {}, true)],
    ['a level changed', true, work([['c0', 'l1', 'l2']])],
    ['only the question edited', true, work([['c0', 'l1', 'l1']], { question: edited('Why?', 'Why not?') })],
    ['no feedback', false, { ...aStudentWork(), feedback: null }],
  ])('%s → %s', (_n, reviewed, w) => {
    expect(isReviewed(w)).toBe(reviewed);
  });
});

describe("one work's share", () => {
  test('an unreviewed work counts nothing, however its levels compare', () => {
    expect(isZeroQuality(workQuality(work([['c0', 'l1', 'l1']]), rubric))).toBe(true);
  });

  test('levels, adjacency, matrices and edited parts, counted by hand', () => {
    const w = work(
      [
        ['c0', 'l1', 'l1'], // kept
        ['c1', 'l0', 'l1'], // one level apart
        ['c2', 'l0', 'l3'], // three apart
      ],
      {
        qualitativeFeedback: edited('Good.', 'Good, and here is why.'),
        feedbackItems: [
          { id: 'f1', kind: 'strength', title: edited('A', 'A!'), description: aiText('d'), evidence: 'x' },
          { id: 'f2', kind: 'opportunity', title: aiText('B'), description: aiText('e'), evidence: 'y' },
          // Edited back to the AI's words: touched, but not changed.
          { id: 'f3', kind: 'opportunity', title: edited('C', 'C'), description: aiText('f'), evidence: 'z' },
        ],
      },
    );
    w.feedback!.criterionLevels[0]!.explanation = edited('Because.', 'Because of the claim.');
    const q = workQuality(w, rubric);
    expect(q).toEqual({
      works: 1,
      levels: 3,
      exact: 1,
      adjacent: 2,
      qualitative: { total: 1, edited: 1 },
      items: { total: 3, edited: 1 },
      explanations: { total: 3, edited: 1 },
      matrices: { 'k4:c0': { '1_1': 1 }, 'k4:c1': { '0_1': 1 }, 'k4:c2': { '0_3': 1 } },
    });
    expect(pooled(q).matrices).toEqual({ k4: { '1_1': 1, '0_1': 1, '0_3': 1 } });
  });

  test("a level the rubric no longer has is left out of the level counts", () => {
    const q = workQuality(work([['c0', 'l1', 'l1'], ['gone', 'l0', 'l1']], {}, true), rubric);
    expect([q.levels, q.exact, q.explanations.total]).toEqual([1, 1, 2]);
  });
});

describe('rollup arithmetic', () => {
  test('editing a reviewed work again moves it from its old share to its new one', () => {
    const before = workQuality(work([['c0', 'l1', 'l2']]), rubric);
    const after = workQuality(work([['c0', 'l1', 'l1']], { qualitativeFeedback: edited('a', 'b') }), rubric);
    const d = qualityDelta(after, before);
    expect(d.works).toBe(0);
    expect(d.exact).toBe(1);
    expect(d.qualitative).toEqual({ total: 0, edited: 1 });
    expect(d.matrices).toEqual({ 'k4:c0': { '1_2': -1, '1_1': 1 } });
    // Applying the delta to the old rollup gives the new one.
    expect(addQuality(before, d)).toEqual({ ...after, matrices: { 'k4:c0': { '1_1': 1, '1_2': 0 } } });
  });

  test('a first review adds the whole share; no change is a zero delta', () => {
    const after = workQuality(work([['c0', 'l1', 'l2']]), rubric);
    expect(qualityDelta(after, emptyQuality())).toEqual(after);
    expect(isZeroQuality(qualityDelta(after, after))).toBe(true);
  });

  test('figures from summed counts: 31 of 35 kept, rates and kappa', () => {
    const q = { ...emptyQuality(), works: 7, levels: 35, exact: 31, adjacent: 34, qualitative: { total: 7, edited: 2 }, items: { total: 28, edited: 7 }, explanations: { total: 35, edited: 0 } };
    q.matrices = { 'k2:c0': { '0_0': 2, '0_1': 1, '1_1': 1 } };
    const f = qualityFigures(q);
    expect(f).toMatchObject({ reviewedWorks: 7, levels: 35, kept: 31, exact: 31 / 35, adjacent: 34 / 35, kappa: 0.5, kappaByKey: { 'k2:c0': 0.5 } });
    expect(f.editRates).toEqual({ qualitative: 2 / 7, items: 0.25, explanations: 0 });
    expect(keptLevelsText(q)).toBe('You kept 31 of 35 levels on this assignment');
    expect(keptLevelsText({ exact: 1, levels: 1 })).toBe('You kept 1 of 1 level on this assignment');
    expect(keptLevelsText(emptyQuality())).toBeUndefined();
    expect(qualityFigures(emptyQuality())).toMatchObject({ exact: null, kappa: null, editRates: { qualitative: null, items: null, explanations: null } });
  });
});
