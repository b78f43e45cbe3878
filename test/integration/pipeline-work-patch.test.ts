import type { Firestore } from '@google-cloud/firestore';
import { ZodError } from 'zod';
import { createPaths, type Paths } from '../../cloud/store/paths';
import { updateWork, type WorkPatch } from '../../cloud/pipeline/work-patch';
import type { StudentWork } from '../../shared/domain';
import { testFirestore } from '../support/firestore';

/**
 * Partial updates of a work go through `updateWork`, which validates the patch against the work's
 * schema (only the fields it sets; unknown ones refused) before `tx.update` — the converter's check
 * does not run on updates. An invalid patch throws before anything is written.
 */

let db: Firestore;
let paths: Paths;
beforeAll(() => {
  db = testFirestore();
  paths = createPaths(db);
});
afterAll(async () => {
  await db.terminate();
});

const now = new Date('2026-03-01T10:00:00Z');
function work(id: string): StudentWork {
  return {
    id,
    assignmentId: 'apatch',
    userId: 'teacher-patch',
    position: 0,
    selectedDocument: { googleDocId: 'doc-000001-abcdef', title: 'Student 1', url: 'https://docs.google.com/document/d/doc-000001-abcdef/edit' },
    wordCount: 120,
    status: 'processing',
    failureReason: null,
    feedback: null,
    writingProcess: null,
    sent: [],
    attempts: 1,
    createdAt: now,
    updatedAt: now,
    completedAt: null,
  };
}

async function patchIn(id: string, patch: WorkPatch): Promise<void> {
  await db.runTransaction(async (tx) => {
    await tx.get(paths.work('apatch', id));
    updateWork(tx, paths, 'apatch', id, patch);
  });
}

test('a valid patch is written, and only its fields', async () => {
  await paths.work('apatch', 'w01').set(work('w01'));
  const later = new Date('2026-03-01T10:05:00Z');
  await patchIn('w01', { status: 'failed', failureReason: 'Claude declined to give feedback on this work.', updatedAt: later });
  expect((await paths.work('apatch', 'w01').get()).data()).toEqual({ ...work('w01'), status: 'failed', failureReason: 'Claude declined to give feedback on this work.', updatedAt: later });
});

test('a patch leaves fields it does not name alone: the writing-process summary survives grading', async () => {
  const process = { status: 'too_little' as const, revisionCount: 1 };
  await paths.work('apatch', 'w02').set({ ...work('w02'), writingProcess: process });
  await patchIn('w02', { status: 'failed', failureReason: 'x', updatedAt: now });
  expect((await paths.work('apatch', 'w02').get()).data()?.writingProcess).toEqual(process);
});

test.each<[string, Record<string, unknown>]>([
  ['a status outside the schema', { status: 'done', updatedAt: now }],
  ['a reason of the wrong type', { status: 'failed', failureReason: 42 }],
  ['a negative attempt count', { attempts: -1 }],
  ['a date that is not a date', { updatedAt: '2026-03-01' }],
  ['a field the schema does not have', { statuss: 'failed' }],
  ['feedback of the wrong shape', { feedback: { summary: 'x' } }],
])('an invalid patch (%s) throws before writing', async (_, patch) => {
  const id = `w-${Math.random().toString(36).slice(2, 8)}`;
  await paths.work('apatch', id).set(work(id));
  const before = (await paths.work('apatch', id).get()).updateTime;
  await expect(patchIn(id, patch as WorkPatch)).rejects.toBeInstanceOf(ZodError);
  const after = await paths.work('apatch', id).get();
  expect(after.updateTime?.isEqual(before!)).toBe(true);
  expect(after.data()).toEqual(work(id));
});
