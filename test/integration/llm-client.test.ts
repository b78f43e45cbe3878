import type { Firestore } from '@google-cloud/firestore';
import { loadLlmConfig } from '../../cloud/config/llm';
import { createLlmLayer, type LlmLayer } from '../../cloud/llm/create-llm';
import { silentLogger } from '../../cloud/log';
import { createPaths, type Paths } from '../../cloud/store/paths';
import { fleschKincaidGrade, sentences } from '../../dev/model-server/text-analysis';
import { type ModelServer, startModelServer } from '../../dev/model-server/server';
import {
  checkList,
  createFeedbackOutputSchema,
  delimit,
  type FeedbackRubric,
  quoteAppearsIn,
  RubricOutputSchema,
  SummaryOutputSchema,
} from '../../prompts/schemas';
import type { Assignment } from '../../shared/domain';
import { costUsd } from '../../shared/rules/pricing';
import { testFirestore } from '../support/firestore';

// Structured output round trips for the three task kinds: the real SDK's messages.parse against
// the local model server, with cost records written to the Firestore emulator.

const ASSIGNMENT = delimit(
  'assignment',
  'Write a persuasive essay arguing whether schools should start later in the morning. Use evidence about teenage sleep, attendance and safety.',
);
const ESSAY = [
  'Schools should start later in the morning.',
  'Teenagers need more sleep than adults because their body clocks shift later during puberty.',
  'According to one district study, students who started at 8:30 slept almost an hour more each night.',
  'That is a lot.',
  'Later start times would also reduce car crashes among teen drivers, which is a serious safety issue for every community.',
].join(' ');

let server: ModelServer;
let db: Firestore;
let paths: Paths;
let llm: LlmLayer;
const ctx = (callId: string, assignmentId = 'a-roundtrip') => ({ callId, userId: 'teacher-1', assignmentId, workId: null });

beforeAll(async () => {
  server = await startModelServer({ port: 0 });
  db = testFirestore();
  paths = createPaths(db);
  llm = createLlmLayer({ config: loadLlmConfig({ LLM_MAX_RETRIES: '0' }, server.url), paths, logger: silentLogger });
});

afterAll(async () => {
  llm.close();
  await server.close();
  await db.terminate();
});

async function rubric(): Promise<FeedbackRubric> {
  const { output } = await llm.client.generate({ kind: 'rubric', schema: RubricOutputSchema, prompt: { system: 'Create a rubric.', prefix: ASSIGNMENT, input: '' }, context: ctx('rubric-helper') });
  return { criteria: output.criteria.map((c, i) => ({ id: `crit-${i}`, title: c.title, levels: c.levels })) };
}

test('rubric: 3–5 criteria of 3–4 levels, labelled as offline, one succeeded cost record', async () => {
  const result = await llm.client.generate({ kind: 'rubric', schema: RubricOutputSchema, prompt: { system: 'Create a rubric.', prefix: ASSIGNMENT, input: '' }, context: ctx('rubric-a') });
  expect(result.output.criteria.length).toBeGreaterThanOrEqual(3);
  expect(result.output.criteria.length).toBeLessThanOrEqual(5);
  for (const c of result.output.criteria) {
    expect(c.levels.length).toBeGreaterThanOrEqual(3);
    expect(c.levels.length).toBeLessThanOrEqual(4);
    expect(c.title).toContain('[Offline model]');
    expect(c.description).toMatch(/sleep|schools|teenage|attendance|safety/);
  }
  expect(result.model).toBe('claude-sonnet-5-5');
  expect(result.repaired).toBe(false);
  expect(result.records).toHaveLength(1);
  const stored = (await paths.llmRequest(result.records[0]!.id).get()).data();
  expect(stored).toMatchObject({ requestType: 'rubric_generation', status: 'succeeded', userId: 'teacher-1', assignmentId: 'a-roundtrip', error: null });
  expect(stored!.providerRequestId).toMatch(/^req_local_/);
  expect(stored!.costUsd).toBeGreaterThan(0);
  expect(stored!.costUsd).toBe(
    costUsd('claude-sonnet-5-5', { inputTokens: stored!.inputTokens, outputTokens: stored!.outputTokens, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0 }),
  );
});

test('feedback: every criterion assessed with one of its levels, evidence quoted verbatim, grade level from the text', async () => {
  const r = await rubric();
  const schema = createFeedbackOutputSchema(r);
  const result = await llm.client.generate({
    kind: 'feedback',
    schema,
    prompt: { system: 'Give feedback.', prefix: `${ASSIGNMENT}\n${delimit('rubric', JSON.stringify(r))}`, input: delimit('student_work', ESSAY) },
    context: { ...ctx('feedback-a-w1'), workId: 'w1' },
  });
  const out = result.output;
  expect(Object.keys(out.criterionLevels).sort()).toEqual(r.criteria.map((c) => c.id).sort());
  for (const c of r.criteria) expect(c.levels.map((l) => l.title)).toContain(out.criterionLevels[c.id]!.level);
  expect(new Set(out.feedbackItems.map((i) => i.kind))).toEqual(new Set(['strength', 'opportunity']));
  for (const item of out.feedbackItems) {
    expect(quoteAppearsIn(item.evidence, ESSAY)).toBe(true);
    expect(sentences(ESSAY)).toContain(item.evidence);
    expect(item.description).toContain('[Offline model]');
  }
  expect(out.writingGradeLevel).toBe(fleschKincaidGrade(ESSAY));
  const checks = checkList(out.checks);
  expect(checks.map((c) => c.type)).toEqual(['ai_generated_signal', 'prompt_adherence', 'evidence_use', 'conventions']);
  expect(checks[0]!.explanation).toMatch(/signal/i);
  for (const c of checks) expect(c.score).toBeGreaterThanOrEqual(0);
  expect(result.model).toBe('claude-haiku-5-5');
  expect((await paths.llmRequest(result.records[0]!.id).get()).data()).toMatchObject({ requestType: 'student_feedback', workId: 'w1' });
});

test('summary: counts the works it was given', async () => {
  const works = ['Strong use of sleep evidence.', 'Needs more on attendance.', 'Clear claim about safety.'].map((f, i) => delimit('work_feedback', f, { work: `w${i}` }));
  const result = await llm.client.generate({ kind: 'summary', schema: SummaryOutputSchema, prompt: { system: 'Summarize.', prefix: ASSIGNMENT, input: works.join('\n') }, context: ctx('summary-a') });
  expect(result.output.studentWorkCount).toBe(3);
  expect(result.output.overallPerformance).toContain('[Offline model]');
  expect((await paths.llmRequest(result.records[0]!.id).get()).data()).toMatchObject({ requestType: 'assignment_summary' });
});

test("the call's cost is added to the assignment's costUsd when the assignment exists", async () => {
  const at = new Date('2026-11-20T10:00:00Z');
  const assignment: Assignment = {
    id: 'a-costed',
    userId: 'teacher-1',
    title: 'Start times',
    subject: 'English',
    gradeLevel: '9',
    instructions: 'Write a persuasive essay.',
    rubricMode: 'generate',
    rawRubricText: null,
    feedbackTone: 'neutral',
    status: 'processing',
    rubric: null,
    progress: { total: 1, completed: 0, failed: 0, rubricDone: false, summaryDone: false },
    works: [],
    costUsd: 0.5,
    totalProcessingMs: null,
    quotaMonth: '2026-11',
    createdAt: at,
    updatedAt: at,
    processingStartedAt: at,
    completedAt: null,
    purgeTextAt: null,
  };
  await paths.assignment('a-costed').set(assignment);
  const first = await llm.client.generate({ kind: 'rubric', schema: RubricOutputSchema, prompt: { system: 'Create a rubric.', prefix: ASSIGNMENT, input: '' }, context: ctx('rubric-costed', 'a-costed') });
  const second = await llm.client.generate({ kind: 'rubric', schema: RubricOutputSchema, prompt: { system: 'Create a rubric.', prefix: ASSIGNMENT, input: '' }, context: ctx('rubric-costed', 'a-costed') });
  const stored = (await paths.assignment('a-costed').get()).data()!;
  expect(stored.costUsd).toBeCloseTo(0.5 + first.costUsd + second.costUsd, 12);
});
