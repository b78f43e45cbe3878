import type { Firestore } from '@google-cloud/firestore';
import { testFirestore } from '../support/firestore';
import { admission, essay, readBack, wordsOf } from './pipeline-fixtures';
import { type PipelineStack, startPipelineStack } from './pipeline-harness';

/** Docs that are too long or empty fail at creation with their own reasons; the others are graded. */

let db: Firestore;
let stack: PipelineStack;
beforeAll(async () => {
  db = testFirestore();
  stack = await startPipelineStack({ db });
});
afterAll(async () => {
  await stack.close();
  await db.terminate();
});

test('a 2,001-word and an empty Doc fail with their reasons; a 2,000-word Doc and the rest are graded', async () => {
  const texts = [wordsOf(2001), '  \n\t ', wordsOf(2000), essay(1), essay(2)];
  const { assignmentId } = await stack.admit(admission(texts));
  const atCreation = (await stack.deps.paths.assignment(assignmentId).get()).data()!;
  expect(atCreation.works.map((w) => w.status)).toEqual(['failed', 'failed', 'pending', 'pending', 'pending']);
  expect(atCreation.progress).toMatchObject({ total: 5, failed: 2, completed: 0 });

  await stack.settled();
  const r = await readBack(db, assignmentId);
  expect(r.works.map((w) => [w.status, w.failureReason])).toEqual([
    ['failed', 'Longer than 2,000 words'],
    ['failed', 'This Doc is empty.'],
    ['completed', null],
    ['completed', null],
    ['completed', null],
  ]);
  // Text that will not be graded is not kept.
  expect(r.texts[r.works[0]!.id]).toBeNull();
  expect(r.works[0]!.wordCount).toBe(2001);
  expect(r.texts[r.works[2]!.id]).toBe(texts[2]);
  expect(r.assignment.status).toBe('complete');
  expect(r.summary?.studentWorkCount).toBe(3);
  expect(r.assignment.progress).toEqual({ total: 5, completed: 3, failed: 2, rubricDone: true, summaryDone: true });
});

test('text without ASCII spaces cannot bypass the limits: a Chinese Doc, zero-width-joined words, a few huge "words"', async () => {
  const han = '我们学校的老师认为学生应该多读书因为阅读可以开阔眼界'.repeat(2300).slice(0, 59_000);
  const zw = Array.from({ length: 9000 }, (_, i) => `word${i}`).join('\u200B');
  const glued = Array.from({ length: 150 }, () => Array.from({ length: 100 }, () => 'ab').join('.')).join(' ');
  const served = stack.model.served().filter((s) => s.kind === 'feedback').length;
  const { assignmentId } = await stack.admit(admission([han, zw, glued, essay(3)]));
  await stack.settled();
  const r = await readBack(db, assignmentId);
  expect(r.works.map((w) => [w.status, w.failureReason, w.wordCount])).toEqual([
    ['failed', 'Longer than 2,000 words', 59_000],
    ['failed', 'Longer than 2,000 words', 9000],
    ['failed', 'Longer than 24,000 characters', 150],
    ['completed', null, expect.any(Number)],
  ]);
  // Only the real essay reached the model.
  expect(stack.model.served().filter((s) => s.kind === 'feedback').length - served).toBe(1);
});

test('the word limit is configuration', async () => {
  const short = await startPipelineStack({ db, env: { PIPELINE_MAX_WORDS: '50' } });
  try {
    const { assignmentId } = await short.admit(admission([wordsOf(51), wordsOf(50)]));
    const a = (await short.deps.paths.assignment(assignmentId).get()).data()!;
    expect(a.works.map((w) => w.failureReason)).toEqual(['Longer than 50 words', null]);
    await short.settled();
  } finally {
    await short.close();
  }
});

test('when no Doc can be graded the create is refused and nothing is counted', async () => {
  const input = admission(['', wordsOf(2500)], {}, 'teacher-empty');
  await expect(stack.admit(input)).rejects.toMatchObject({ code: 'validation_failed' });
  const user = (await stack.deps.paths.user('teacher-empty').get()).data()!;
  expect(user.usage).toEqual({});
});
