import { anAssignment } from '../support/fixtures';
import { CALCULATING_TEXT, estimateForAssignment } from '../../shared/rules/estimate';
import { RETRYING_TEXT, retryWaits, withKnownRetries } from '../../shared/rules/estimate-retries';
import { initialPipelineState, type WorkEntry } from '../../shared/domain';

// The estimate while Claude's failures wait on the queue's retries (shared/rules/estimate-retries.ts).

const now = new Date('2026-03-02T10:00:00Z');
const inS = (s: number) => new Date(now.getTime() + s * 1000);
const works = (entries: Array<[WorkEntry['status'], Date?]>): WorkEntry[] =>
  entries.map(([status, retryAt], i) => ({ id: `w${i}`, title: `Work ${i}`, googleDocId: `doc-000000${i}`, status, failureReason: status === 'failed' ? 'x' : null, ...(retryAt ? { retryAt } : {}) }));
const measured = { ...initialPipelineState(), timing: { rubric: { count: 1, totalMs: 8000 }, feedback: { count: 30, totalMs: 30 * 12_000 }, summary: { count: 0, totalMs: 0 } } };
const processing = (w: WorkEntry[], pipeline = measured) => anAssignment({ status: 'processing', progress: { total: w.length, completed: 0, failed: 0, rubricDone: true, summaryDone: false }, works: w, pipeline });
const shown = (a: ReturnType<typeof processing>) => withKnownRetries(estimateForAssignment(a, 35), a, now);

test('no work waiting on a retry: the estimate is unchanged', () => {
  const a = processing(works([['completed'], ['processing'], ['processing', inS(-5)]]));
  expect(shown(a)).toEqual(estimateForAssignment(a, 35));
  expect(shown(a).text).toBe('Estimated time remaining: 57 seconds'); // 12 s + 45 s
});

test('works waiting on a retry: "Claude is busy — retrying", and the wait is in the time left', () => {
  // The longest wait is 40 s: then 12 s of feedback (measured) and 45 s of summary (the PRD's constant).
  const a = processing(works([['completed'], ['processing', inS(10)], ['processing', inS(40)]]));
  const e = shown(a);
  expect(e).toMatchObject({ kind: 'remaining', remainingSeconds: 97 });
  expect(e.text).toBe(`${RETRYING_TEXT}. Estimated time remaining: 97 seconds`);
  expect(e.text).toBe('Claude is busy — retrying. Estimated time remaining: 97 seconds');
});

test('a long wait is worded in minutes', () => {
  const e = shown(processing(works([['processing', inS(300)]])));
  expect(e.text).toBe('Claude is busy — retrying. Estimated time remaining: 6 minutes');
});

test('the wait never shortens the estimate: many works still to grade take longer than the retry', () => {
  const a = processing(works([['pending'], ['pending'], ['pending', inS(1)]]));
  const base = estimateForAssignment(a, 1); // 3 waves of 12 s + 45 s = 81 s
  const e = withKnownRetries(base, a, now);
  expect(e.remainingSeconds).toBe(base.remainingSeconds);
  expect(e.text).toBe('Claude is busy — retrying. Estimated time remaining: 81 seconds');
});

test('a work no longer open, or a past retry time, is not waiting', () => {
  const a = processing(works([['completed', inS(30)], ['failed', inS(30)], ['processing', inS(-1)]]));
  expect(retryWaits(a, now).works).toEqual([]);
  expect(shown(a).text).not.toContain(RETRYING_TEXT);
});

test('the rubric waiting on a retry: still calculating, and says why', () => {
  const pipeline = { ...initialPipelineState(), retryAt: { rubric: inS(20) } };
  const a = anAssignment({ status: 'processing', progress: { total: 2, completed: 0, failed: 0, rubricDone: false, summaryDone: false }, works: works([['pending'], ['pending']]), pipeline });
  expect(shown(a)).toMatchObject({ kind: 'calculating', text: `Claude is busy — retrying. ${CALCULATING_TEXT}` });
});

test('the summary waiting on a retry once every work is graded', () => {
  const pipeline = { ...measured, summaryRound: 1, summaryStoredRound: 0, retryAt: { summary: inS(20) } };
  const e = shown(processing(works([['completed'], ['completed']]), pipeline));
  expect(e).toMatchObject({ kind: 'remaining', remainingSeconds: 65, text: 'Claude is busy — retrying. Estimated time remaining: 65 seconds' });
});

test('complete: the total, whatever was retried', () => {
  const a = anAssignment({ status: 'complete', totalProcessingMs: 90_000, works: works([['completed', inS(30)]]), pipeline: measured });
  expect(shown(a).text).toMatch(/^Total processing time/);
});
