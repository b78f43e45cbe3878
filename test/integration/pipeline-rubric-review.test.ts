import type { Firestore } from '@google-cloud/firestore';
import { applyRubricEdit } from '../../cloud/api/rubric-edits';
import { regrade } from '../../cloud/pipeline/regrade';
import { startGrading } from '../../cloud/pipeline/start-grading';
import { createPaths } from '../../cloud/store/paths';
import { aiText } from '../../shared/domain';
import { estimateForAssignment, REVIEW_TEXT } from '../../shared/rules/estimate';
import { formatTotal, workTotal } from '../../shared/rules/points';
import { pastedRubric } from '../support/pasted-rubrics';
import { testFirestore } from '../support/firestore';
import { admission, essay, readBack } from './pipeline-fixtures';
import { type PipelineStack, startPipelineStack } from './pipeline-harness';

/**
 * The rubric review state machine through the real local services: review → grading → complete →
 * re-grading → complete, with Start grading and re-grade idempotent, no quota counted by a re-grade
 * and one cost record per model call.
 */

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

const N = 3;
const TEACHER = 'teacher-review';
const usage = async () => (await createPaths(db).user(TEACHER).get()).data()!.usage;

test('review → grading → complete → re-grading → complete, idempotent at every click', async () => {
  const texts = Array.from({ length: N }, (_, i) => essay(i + 20));
  const { assignmentId } = await stack.admit(admission(texts, { rubricMode: 'paste', pastedRubric: pastedRubric('01-argument-essay-messy'), reviewRubric: true }, TEACHER));
  await stack.settled();

  // Review: the teacher's 4 criteria, nothing graded, nothing queued, one model call (the rubric).
  let r = await readBack(db, assignmentId);
  expect(r.assignment.status).toBe('review');
  expect(r.assignment.rubric!.criteria.map((c) => c.title)).toEqual(['Claim', 'Evidence', 'Reasoning', 'Conventions']);
  expect(r.assignment.rubric!.criteria[3]!.levels.map((l) => [l.title, l.description, l.points])).toEqual([
    ['4', 'Few or no errors', 4],
    ['3', 'Some errors, meaning is clear', 3],
    ['2', 'Frequent errors', 2],
    ['1', 'Errors make it hard to read', 1],
  ]);
  expect(r.assignment.works.every((w) => w.status === 'pending')).toBe(true);
  expect(r.works.every((w) => w.feedback === null)).toBe(true);
  expect(r.costRecords.map((c) => c.requestType)).toEqual(['rubric_generation']);
  expect(estimateForAssignment(r.assignment, 35).text).toBe(REVIEW_TEXT);
  const quotaAfterAdmission = await usage();

  // The teacher rewords one level before grading.
  const paths = createPaths(db);
  const claim = r.assignment.rubric!.criteria[0]!;
  const reviewed = applyRubricEdit(r.assignment.rubric!, {
    op: 'update',
    criterionId: claim.id,
    criterion: { title: claim.title, description: claim.description, levels: claim.levels.map((l, i) => ({ id: l.id, title: l.title, description: i === 0 ? 'A precise, arguable claim' : l.description, points: l.points ?? null })) },
  }, new Date());
  await paths.assignment(assignmentId).update({ rubric: reviewed.rubric });

  // Start grading, twice at once (a double click): each work graded once.
  const deps = stack.deps;
  const starts = await Promise.all([startGrading(deps, { userId: TEACHER, assignmentId }), startGrading(deps, { userId: TEACHER, assignmentId })]);
  expect(starts.filter((s) => s.started)).toHaveLength(1);
  await stack.settled();
  r = await readBack(db, assignmentId);
  expect(r.assignment.status).toBe('complete');
  expect(r.works.every((w) => w.status === 'completed' && w.attempts === 1)).toBe(true);
  expect(r.costRecords.filter((c) => c.requestType === 'student_feedback')).toHaveLength(N);
  expect(r.summary?.studentWorkCount).toBe(N);
  // Points: a total per work out of 16, from the work's line on the assignment.
  for (const w of r.assignment.works) {
    const total = workTotal(r.assignment.rubric!.criteria, w.levelIds!);
    expect(total?.possible).toBe(16);
    expect(formatTotal(total!)).toMatch(/^\d+ \/ 16$/);
    expect(w.rubricRevision).toBe(1);
  }

  // The teacher edits a work's feedback, then changes the rubric: a new 5th criterion.
  const w1 = r.works[0]!;
  await paths.work(assignmentId, w1.id).update({ 'feedback.qualitativeFeedback': { ...aiText('x'), current: 'My own words', editedAt: new Date() } });
  const added = applyRubricEdit(r.assignment.rubric!, {
    op: 'add',
    criterion: { title: 'Counterclaim', description: 'Answers the other side', levels: [{ title: 'Addressed', description: 'Answered fairly', points: 4 }, { title: 'Missing', description: 'Not addressed', points: 0 }] },
  }, new Date());
  await paths.assignment(assignmentId).update({ rubric: added.rubric });
  const costsBefore = r.costRecords.length;

  // Re-grade the changed works, clicked twice with the same id, and once more concurrently.
  const regradeId = 'regrade-1';
  const results = await Promise.all([
    regrade(deps, { userId: TEACHER, assignmentId, scope: 'changed', regradeId }),
    regrade(deps, { userId: TEACHER, assignmentId, scope: 'changed', regradeId }),
  ]);
  expect(results.map((x) => x.works).sort()).toEqual([0, N]);
  await stack.settled();
  expect(await regrade(deps, { userId: TEACHER, assignmentId, scope: 'changed', regradeId })).toEqual({ works: 0, repeated: true });
  await stack.settled();

  r = await readBack(db, assignmentId);
  expect(r.assignment.status).toBe('complete');
  expect(r.works.every((w) => w.status === 'completed' && w.attempts === 2)).toBe(true);
  // The works follow the new rubric: five criteria graded, totals out of 20, the teacher's edit replaced.
  for (const w of r.works) expect(w.feedback!.criterionLevels.map((l) => l.criterionId)).toEqual(r.assignment.rubric!.criteria.map((c) => c.id));
  for (const w of r.assignment.works) {
    expect(workTotal(r.assignment.rubric!.criteria, w.levelIds!)?.possible).toBe(20);
    expect(w.rubricRevision).toBe(2);
  }
  expect(r.works[0]!.feedback!.qualitativeFeedback.editedAt).toBeNull();
  // One cost record per call: N feedback calls and a new summary; the quota is unchanged.
  const newCosts = r.costRecords.length - costsBefore;
  expect(newCosts).toBe(N + 1);
  expect(r.costRecords.filter((c) => c.requestType === 'assignment_summary')).toHaveLength(2);
  expect(await usage()).toEqual(quotaAfterAdmission);
  expect(r.assignment.pipeline?.regrades).toBe(1);
  expect(r.assignment.costUsd).toBeCloseTo(r.costRecords.reduce((s, c) => s + c.costUsd, 0), 10);
  expect(r.summary?.studentWorkCount).toBe(N);
  expect(r.assignment.pipeline?.summaryStoredRound).toBe(2);

  // Nothing changed since: "changed" has nothing to do; a new "all" re-grade would.
  await expect(regrade(deps, { userId: TEACHER, assignmentId, scope: 'changed', regradeId: 'regrade-2' })).rejects.toThrow('Every work was graded with this version of the rubric.');
});

test('without review the assignment grades straight away; Start grading and re-grade refuse the wrong states', async () => {
  const { assignmentId } = await stack.admit(admission([essay(30)], { rubricMode: 'paste', pastedRubric: pastedRubric('06-one-liners') }, TEACHER));
  await stack.settled();
  const r = await readBack(db, assignmentId);
  expect(r.assignment.status).toBe('complete');
  expect(r.assignment.rubric!.criteria.map((c) => c.title)).toEqual(['Eye contact', 'Volume and clarity', 'Use of notes', 'Time']);
  // Already grading or graded: Start grading changes nothing and queues nothing new.
  expect(await startGrading(stack.deps, { userId: TEACHER, assignmentId })).toEqual({ started: false });
  await expect(regrade(stack.deps, { userId: 'someone-else', assignmentId, scope: 'all', regradeId: 'r-x' })).rejects.toThrow('That assignment');
});
