import type { Firestore } from '@google-cloud/firestore';
import { readUserStats } from '../../cloud/stats/user-stats-doc';
import { createPaths } from '../../cloud/store/paths';
import { findQuote } from '../../shared/rules/evidence';
import { localDay } from '../../shared/rules/streak';
import { testFirestore } from '../support/firestore';
import { admission, essay, processingTotals, readBack, totalsDelta } from './pipeline-fixtures';
import { type PipelineStack, startPipelineStack } from './pipeline-harness';

/** End to end: admission → rubric → parallel feedback → summary → complete, through the real local services. */

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

const N = 6;

test('a generated rubric, N works graded in parallel, one summary, the assignment complete', async () => {
  const texts = Array.from({ length: N }, (_, i) => essay(i));
  const { assignmentId, created } = await stack.admit(admission(texts));
  expect(created).toBe(true);
  await stack.settled();
  const r = await readBack(db, assignmentId);

  expect(r.assignment.status).toBe('complete');
  expect(r.assignment.rubric?.source).toBe('generated');
  const criteria = r.assignment.rubric!.criteria;
  expect(criteria.length).toBeGreaterThanOrEqual(3);
  expect(criteria.length).toBeLessThanOrEqual(5);
  for (const c of criteria) expect(c.levels.map((l) => l.position)).toEqual(c.levels.map((_, i) => i));
  expect(r.assignment.progress).toEqual({ total: N, completed: N, failed: 0, rubricDone: true, summaryDone: true });
  expect(r.assignment.works.every((w) => w.status === 'completed')).toBe(true);

  for (const [i, w] of r.works.entries()) {
    expect(w.status).toBe('completed');
    const f = w.feedback!;
    expect(f.criterionLevels.map((l) => l.criterionId)).toEqual(criteria.map((c) => c.id));
    expect(f.feedbackItems.some((x) => x.kind === 'strength') && f.feedbackItems.some((x) => x.kind === 'opportunity')).toBe(true);
    // Every evidence shown is the student's own words.
    for (const item of f.feedbackItems) if (item.evidence) expect(texts[i]).toContain(findQuote(item.evidence, texts[i]!));
    expect(f.checks.length).toBeGreaterThan(0);
    expect(f.question.original.length).toBeGreaterThan(0);
  }

  expect(r.summary?.studentWorkCount).toBe(N);
  expect(r.summary?.feedbackItems.length).toBeGreaterThan(0);
  const done = r.assignment;
  expect(done.totalProcessingMs).toBeGreaterThan(0);
  expect(done.purgeTextAt!.getTime() - done.completedAt!.getTime()).toBe(30 * 86_400_000);

  // One completed metric per task, one cost record per LLM call, no memo left behind.
  const completed = r.metrics.filter((m) => m.status === 'completed');
  expect(completed.map((m) => m.kind).sort()).toEqual(['feedback', 'feedback', 'feedback', 'feedback', 'feedback', 'feedback', 'rubric', 'summary']);
  expect(completed.every((m) => m.promptLength! > 0 && m.model && m.inputTokens! > 0)).toBe(true);
  expect(r.costRecords).toHaveLength(N + 2);
  expect(r.costRecords.every((c) => c.status === 'succeeded')).toBe(true);
  expect(done.costUsd).toBeCloseTo(r.costRecords.reduce((s, c) => s + c.costUsd, 0), 10);
  expect(r.taskRuns).toBe(0);
  expect(done.pipeline?.timing.feedback.count).toBe(N);
});

test('a pasted rubric is structured from the teacher’s criteria', async () => {
  const pasted = ['Thesis statement: clear and arguable', 'Use of sources: two or more, cited', 'Counterargument: addressed and rebutted', 'Mechanics: few errors'].join('\n');
  const { assignmentId } = await stack.admit(admission([essay(1), essay(2)], { rubricMode: 'paste', pastedRubric: pasted }));
  await stack.settled();
  const r = await readBack(db, assignmentId);
  expect(r.assignment.status).toBe('complete');
  expect(r.assignment.rubric?.source).toBe('pasted');
  expect(r.assignment.rawRubricText).toBe(pasted);
  const titles = r.assignment.rubric!.criteria.map((c) => c.title);
  expect(titles).toHaveLength(4);
  for (const [i, t] of ['Thesis statement', 'Use of sources', 'Counterargument', 'Mechanics'].entries()) expect(titles[i]).toContain(t);
  expect(r.works.every((w) => w.status === 'completed')).toBe(true);
  expect(r.summary?.studentWorkCount).toBe(2);
});

test('a pasted rubric of 6 criteria (and one of 2) is stored as the teacher wrote it, and every work is graded on all of them', async () => {
  const pasted = [
    'Thesis: States a clear, arguable position on school start times',
    '  Exemplary: Precise and arguable, previews the reasons',
    '  Proficient: Clear and arguable',
    '  Developing: Present but vague',
    '  Beginning: Missing or not arguable',
    'Use of sources: Two or more sources, cited',
    'Counter-argument: Addresses and rebuts the other side',
    '  Strong: Fairly stated and rebutted with evidence',
    '  Weak: Mentioned only',
    'Organization: Logical order with transitions',
    'Voice and style: Suits a persuasive essay for a school audience',
    'Mechanics: Few errors in grammar, spelling and punctuation',
  ].join('\n');
  const { assignmentId } = await stack.admit(admission([essay(4), essay(5)], { rubricMode: 'paste', pastedRubric: pasted }));
  await stack.settled();
  const r = await readBack(db, assignmentId);
  expect(r.assignment.status).toBe('complete');
  const criteria = r.assignment.rubric!.criteria;
  expect(r.assignment.rubric!.source).toBe('pasted');
  expect(criteria.map((c) => [c.title, c.description])).toEqual([
    ['Thesis', 'States a clear, arguable position on school start times'],
    ['Use of sources', 'Two or more sources, cited'],
    ['Counter-argument', 'Addresses and rebuts the other side'],
    ['Organization', 'Logical order with transitions'],
    ['Voice and style', 'Suits a persuasive essay for a school audience'],
    ['Mechanics', 'Few errors in grammar, spelling and punctuation'],
  ]);
  // The teacher's levels where given (even two of them), best first.
  expect(criteria[0]!.levels.map((l) => [l.title, l.description])).toEqual([
    ['Exemplary', 'Precise and arguable, previews the reasons'],
    ['Proficient', 'Clear and arguable'],
    ['Developing', 'Present but vague'],
    ['Beginning', 'Missing or not arguable'],
  ]);
  expect(criteria[2]!.levels.map((l) => l.title)).toEqual(['Strong', 'Weak']);
  for (const w of r.works) {
    expect(w.status).toBe('completed');
    expect(w.feedback!.criterionLevels.map((l) => l.criterionId)).toEqual(criteria.map((c) => c.id));
  }
  expect(r.summary?.studentWorkCount).toBe(2);

  const two = await stack.admit(admission([essay(6)], { rubricMode: 'paste', pastedRubric: 'Argument: convincing\nEvidence: specific and cited' }));
  await stack.settled();
  const r2 = await readBack(db, two.assignmentId);
  expect(r2.assignment.rubric!.criteria.map((c) => c.title)).toEqual(['Argument', 'Evidence']);
  expect(r2.works[0]!.status).toBe('completed');
});

test('a repeated create is the same assignment, counted once, processed once', async () => {
  const input = admission([essay(3)]);
  const first = await stack.admit(input);
  const again = await stack.admit(input);
  expect(again).toEqual({ assignmentId: first.assignmentId, created: false });
  await stack.settled();
  const r = await readBack(db, first.assignmentId);
  expect(r.assignment.status).toBe('complete');
  expect(r.costRecords).toHaveLength(3);
});

test("the teacher's stats count each graded work once, on the teacher's calendar day", async () => {
  const zone = 'Pacific/Kiritimati'; // UTC+14: its calendar day is often not UTC's
  const input = admission(Array.from({ length: N }, (_, i) => essay(i + 40)), {}, 'teacher-stats');
  const { assignmentId } = await stack.admit({ ...input, user: { ...input.user, timeZone: zone } });
  await stack.settled();
  const r = await readBack(db, assignmentId);
  expect(r.assignment.timeZone).toBe(zone);

  const stats = await readUserStats(createPaths(db), 'teacher-stats');
  expect(stats.totals).toMatchObject({ worksGraded: N, gradingTasks: N + 2 });
  // The contribution chart's squares: every work on the day it was graded, in the teacher's zone.
  const days = new Map<string, number>();
  for (const w of r.works) days.set(localDay(w.completedAt!, zone), (days.get(localDay(w.completedAt!, zone)) ?? 0) + 1);
  expect(stats.graded).toEqual(Object.fromEntries(days));
  expect(Object.keys(stats.active).sort()).toEqual([...days.keys()].sort());
});

test("the admin dashboard's processing rollups count every run and the whole assignment once", async () => {
  const before = await processingTotals(db);
  const { assignmentId } = await stack.admit(admission(Array.from({ length: N }, (_, i) => essay(i + 50))));
  await stack.settled();
  const r = await readBack(db, assignmentId);
  expect(r.assignment.status).toBe('complete');
  const d = totalsDelta(before, await processingTotals(db));

  for (const [kind, runs] of [['rubric', 1], ['feedback', N], ['summary', 1]] as const) {
    const metrics = r.metrics.filter((m) => m.kind === kind);
    expect(metrics).toHaveLength(runs);
    expect(d[kind]).toEqual({ runs, completed: runs, failures: 0, retries: 0, histogrammed: runs, durationMsSum: metrics.reduce((s, m) => s + m.durationMs, 0) });
  }
  // One whole-assignment round (6 works: the "up to 25" key), from the start of processing to completion.
  expect(d.assignment_upto25).toEqual({ runs: 1, completed: 1, failures: 0, retries: 0, histogrammed: 1, durationMsSum: r.assignment.totalProcessingMs });
  expect(d.assignment_over25.runs).toBe(0);
});
