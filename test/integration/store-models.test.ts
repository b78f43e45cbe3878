import type { Firestore } from '@google-cloud/firestore';
import { InvalidDocumentError } from '../../cloud/store/converter';
import { createPaths, type Paths } from '../../cloud/store/paths';
import { testFirestore } from '../support/firestore';
import { aProcessingMetric, aStudentWork, aSummary, aUser, anAssignment, anLlmRequest } from '../support/fixtures';

let db: Firestore;
let paths: Paths;
beforeAll(() => {
  db = testFirestore();
  paths = createPaths(db);
});
afterAll(() => db.terminate());

describe('every model round-trips through the emulator', () => {
  it.each([
    ['User', () => paths.user('google-sub-1'), aUser()],
    ['Assignment (with Rubric, Criterion, Level, works, progress)', () => paths.assignment('asg-1'), anAssignment()],
    ['StudentWork (with SelectedDocument, FeedbackItem, CriterionLevel, Check)', () => paths.work('asg-1', 'w1'), aStudentWork()],
    ['AssignmentSummary', () => paths.summary('asg-1'), aSummary()],
    ['LlmRequest', () => paths.llmRequest('call-1'), anLlmRequest()],
    ['ProcessingMetric', () => paths.processingMetric('metric-1'), aProcessingMetric()],
  ] as const)('%s', async (_name, ref, model) => {
    const doc = ref() as FirebaseFirestore.DocumentReference<typeof model>;
    await doc.set(model);
    const back = (await doc.get()).data();
    expect(back).toEqual(model);
    // Dates come back as Dates, not Firestore Timestamps.
    expect((back as { createdAt?: unknown }).createdAt ?? (back as { startedAt?: unknown }).startedAt).toBeInstanceOf(Date);
  });
});

describe('invalid data is rejected with a clear error', () => {
  it('refuses to write a model that breaks its schema, naming the field', async () => {
    const bad = aStudentWork();
    bad.feedback!.checks[0]!.score = 150;
    await expect(async () => paths.work('asg-1', 'bad').set(bad)).rejects.toThrow(/feedback\.checks\.0\.score/);
    await expect(async () => paths.assignment('bad').set(anAssignment({ title: '' }))).rejects.toThrow(InvalidDocumentError);
    expect((await db.doc('assignments/bad').get()).exists).toBe(false);
  });

  it('refuses to read a stored document that breaks its schema, naming the path and field', async () => {
    await db.doc('users/broken').set({ ...aUser(), plan: 'platinum' });
    await expect(paths.user('broken').get().then((s) => s.data())).rejects.toThrow(/users\/broken.*plan/);
  });
});
