import { anAssignment } from '../support/fixtures';
import { CALCULATING_TEXT, REVIEW_TEXT, estimate, estimateForAssignment, type EstimateInput, expectedMs, formatDuration, remainingSeconds } from '../../shared/rules/estimate';
import { initialPipelineState, type WorkEntry } from '../../shared/domain';

const base: EstimateInput = { status: 'processing', rubricDone: true, summaryDone: false, remainingWorks: 0, completedWorks: 0, parallelism: 1 };

describe('estimate', () => {
  test('calculating until the rubric is done', () => {
    expect(estimate({ ...base, status: 'pending', rubricDone: false, remainingWorks: 25 })).toEqual({ kind: 'calculating', text: CALCULATING_TEXT, remainingSeconds: null });
  });

  test('while the rubric waits for the teacher, it says so: nothing is running, no time to promise', () => {
    expect(estimate({ ...base, status: 'review', remainingWorks: 25 })).toEqual({ kind: 'review', text: REVIEW_TEXT, remainingSeconds: null });
  });

  test('the PRD example, one at a time: 25 × 60 s + 45 s = 1,545 s after the rubric → 26 minutes', () => {
    const e = estimate({ ...base, remainingWorks: 25 });
    expect(e.remainingSeconds).toBe(1545);
    expect(e.text).toBe('Estimated time remaining: 26 minutes');
  });

  test.each([
    // remaining, parallelism, seconds: ceil(remaining / parallelism) waves × 60 s + 45 s summary
    [25, 20, 2 * 60 + 45],
    [35, 20, 2 * 60 + 45],
    [20, 20, 60 + 45],
    [21, 20, 2 * 60 + 45],
    [0, 20, 45],
    [3, 0, 3 * 60 + 45], // parallelism below 1 counts as 1
  ])('%i works at parallelism %i → %i s', (remainingWorks, parallelism, seconds) => {
    expect(remainingSeconds({ remainingWorks, parallelism, summaryDone: false })).toBe(seconds);
  });

  test('measured averages replace the PRD constants', () => {
    const measured = { feedback: { count: 4, totalMs: 4 * 12_000 }, summary: { count: 1, totalMs: 8_000 } };
    expect(expectedMs('feedback', measured)).toBe(12_000);
    expect(expectedMs('rubric', measured)).toBe(30_000);
    expect(remainingSeconds({ remainingWorks: 10, parallelism: 5, summaryDone: false, measured })).toBe(2 * 12 + 8);
  });

  test('minutes above two minutes (rounded up), seconds at or below', () => {
    expect(formatDuration(121)).toBe('3 minutes');
    expect(formatDuration(180)).toBe('3 minutes');
    expect(formatDuration(181)).toBe('4 minutes');
    expect(formatDuration(120)).toBe('120 seconds');
    expect(formatDuration(45)).toBe('45 seconds');
    expect(formatDuration(1)).toBe('1 second');
    expect(formatDuration(0.2)).toBe('1 second');
  });

  test('nothing owed but the summary', () => {
    expect(estimate({ ...base, remainingWorks: 0 }).text).toBe('Estimated time remaining: 45 seconds');
  });

  test('on completion: total time and the average per graded work', () => {
    const e = estimate({ ...base, status: 'complete', completedWorks: 25, totalProcessingMs: 600_000 });
    expect(e).toMatchObject({ kind: 'complete', totalSeconds: 600, perWorkSeconds: 24 });
    expect(e.text).toBe('Total processing time: 10 minutes (24 seconds per student work on average)');
    expect(estimate({ ...base, status: 'complete', completedWorks: 1, totalProcessingMs: 61_000 }).text).toBe('Total processing time: 61 seconds (61 seconds per student work on average)');
    expect(estimate({ ...base, status: 'complete', completedWorks: 0, totalProcessingMs: 3_000 }).text).toBe('Total processing time: 3 seconds');
  });
});

describe('estimateForAssignment', () => {
  const works = (statuses: WorkEntry['status'][]): WorkEntry[] =>
    statuses.map((status, i) => ({ id: `w${i}`, title: `Work ${i}`, googleDocId: `doc-000000${i}`, status, failureReason: status === 'failed' ? 'x' : null }));

  test('failed works are excluded, pending and processing (retries) included', () => {
    const a = anAssignment({ works: works(['completed', 'failed', 'pending', 'processing', 'pending']), pipeline: initialPipelineState() });
    // 3 remaining at parallelism 2 → 2 waves × 60 + 45
    expect(estimateForAssignment(a, 2).remainingSeconds).toBe(165);
  });

  test('a retried work after the summary: one wave and a new summary', () => {
    const pipeline = { ...initialPipelineState(), summaryRound: 1, summaryStoredRound: 1 };
    const a = anAssignment({ status: 'processing', works: works(['completed', 'pending']), pipeline });
    expect(estimateForAssignment(a, 20).remainingSeconds).toBe(105);
  });

  test('everything graded, summary still running', () => {
    const pipeline = { ...initialPipelineState(), summaryRound: 1, summaryStoredRound: 0 };
    expect(estimateForAssignment(anAssignment({ works: works(['completed', 'failed']), pipeline }), 20).remainingSeconds).toBe(45);
  });

  test('calculating before the rubric', () => {
    const a = anAssignment({ status: 'pending', progress: { total: 2, completed: 0, failed: 0, rubricDone: false, summaryDone: false } });
    expect(estimateForAssignment(a, 20).text).toBe(CALCULATING_TEXT);
  });
});
