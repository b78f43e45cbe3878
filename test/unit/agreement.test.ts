import { adjacentAgreement, confusionMatrix, exactAgreement, kappaOfPairs, type LevelPair, pooledKappa, quadraticWeightedKappa } from '../../shared/rules/agreement';

const pairs = (...xs: [number, number][]): LevelPair[] => xs.map(([ai, teacher]) => ({ ai, teacher }));

describe('agreement between the AI and the teacher, by hand', () => {
  // Each row worked out on paper; the comment shows the arithmetic.
  test.each<[string, LevelPair[], number, number | null, number | null, number | null]>([
    // name, pairs, k, exact, adjacent, QWK
    ['perfect, 3 levels: Σw·O = 0, Σw·E = (1/3)(4·¼ + 2·1) = 1 → κ = 1', pairs([0, 0], [1, 1], [2, 2]), 3, 1, 1, 1],
    ['reversed, 3 levels: Σw·O = 1 + 0 + 1 = 2, Σw·E = 1 → κ = −1', pairs([0, 2], [1, 1], [2, 0]), 3, 1 / 3, 1 / 3, -1],
    ['2 levels: Σw·O = 1; rows 3,1 cols 2,2, E01 = 1.5, E10 = 0.5 → κ = 1 − 1/2', pairs([0, 0], [0, 0], [0, 1], [1, 1]), 2, 3 / 4, 1, 0.5],
    ['4 levels: Σw·O = 2/9, Σw·E = (42/9)/5 = 14/15 → κ = 1 − 5/21 = 16/21', pairs([0, 0], [1, 1], [1, 2], [2, 2], [3, 2]), 4, 3 / 5, 1, 16 / 21],
    // rows = cols = 1 each: Σw·E = (1/4)·Σ_ij w_ij = (1/4)·(2·3·(1/9) + 2·2·(4/9) + 2·1·1) = 10/9; Σw·O = 2·(4/9) = 8/9 → κ = 1 − 0.8
    ['two apart, 4 levels: (0,2) and (2,0) are not adjacent', pairs([0, 2], [2, 0], [1, 1], [3, 3]), 4, 1 / 2, 1 / 2, 0.2],
    ['every work on one level by both: chance explains it all → undefined', pairs([1, 1], [1, 1], [1, 1]), 3, 1, 1, null],
    ['no pairs → nothing to measure', [], 4, null, null, null],
  ])('%s', (_name, ps, k, exact, adjacent, kappa) => {
    expect(exactAgreement(ps)).toEqual(exact === null ? null : expect.closeTo(exact, 12));
    expect(adjacentAgreement(ps)).toEqual(adjacent === null ? null : expect.closeTo(adjacent, 12));
    const got = kappaOfPairs(ps, k);
    if (kappa === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(kappa, 12);
  });

  test('the matrix counts ai by row and teacher by column', () => {
    expect(confusionMatrix(pairs([0, 1], [0, 1], [2, 0]), 3)).toEqual([
      [0, 2, 0],
      [0, 0, 0],
      [1, 0, 0],
    ]);
  });

  test('a level outside the scale is a bug, not a silent miscount', () => {
    expect(() => confusionMatrix(pairs([0, 3]), 3)).toThrow(RangeError);
    expect(() => confusionMatrix(pairs([-1, 0]), 3)).toThrow(RangeError);
  });

  test('a one-level scale or a ragged matrix has no kappa', () => {
    expect(quadraticWeightedKappa([[5]])).toBeNull();
    expect(quadraticWeightedKappa([[1, 0], [0]])).toBeNull();
  });

  test('pooled kappa weights each matrix by its pairs: (0.5·4 + 1·3) / 7 = 5/7', () => {
    const twoLevels = confusionMatrix(pairs([0, 0], [0, 0], [0, 1], [1, 1]), 2);
    const perfect = confusionMatrix(pairs([0, 0], [1, 1], [2, 2]), 3);
    const undefinedOne = confusionMatrix(pairs([1, 1]), 3);
    expect(pooledKappa([twoLevels, perfect, undefinedOne])).toBeCloseTo(5 / 7, 12);
    expect(pooledKappa([undefinedOne])).toBeNull();
  });
});
