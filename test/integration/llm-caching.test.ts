import type { Firestore } from '@google-cloud/firestore';
import type { Env } from '../../cloud/config/env';
import { loadLlmConfig } from '../../cloud/config/llm';
import { createLlmLayer, type LlmLayer } from '../../cloud/llm/create-llm';
import { createLogger, silentLogger } from '../../cloud/log';
import { createPaths, type Paths } from '../../cloud/store/paths';
import { type ModelServer, startModelServer } from '../../dev/model-server/server';
import { createFeedbackOutputSchema, delimit, type FeedbackRubric } from '../../prompts/schemas';
import { calculateCost, costUsd, priceFor } from '../../shared/rules/pricing';
import { testFirestore } from '../support/firestore';

// Prompt caching: schema + system + assignment + rubric is the cached prefix, the student's text
// follows it; the local server bills writes and reads the way the API does.

const RUBRIC: FeedbackRubric = {
  criteria: ['Claim', 'Evidence', 'Organization', 'Conventions'].map((title, i) => ({
    id: `c${i}`,
    title,
    levels: ['Exemplary', 'Proficient', 'Developing', 'Beginning'].map((t) => ({ title: t })),
  })),
};
const schema = createFeedbackOutputSchema(RUBRIC);
const essay = (n: number) =>
  `Essay ${n}. Volcanoes form where tectonic plates meet. Magma rises because it is less dense than the rock around it. For example, the Pacific Ring of Fire has many volcanoes. This shows that plate boundaries matter.`;

let server: ModelServer;
let db: Firestore;
let paths: Paths;
const layers: LlmLayer[] = [];

beforeAll(async () => {
  server = await startModelServer({ port: 0 });
  db = testFirestore();
  paths = createPaths(db);
});
beforeEach(() => server.controls.reset());
afterAll(async () => {
  for (const l of layers) l.close();
  await server.close();
  await db.terminate();
});

function layer(env: Env = {}, logger = silentLogger): LlmLayer {
  const l = createLlmLayer({ config: loadLlmConfig({ LLM_MODEL_FEEDBACK: 'claude-sonnet-5-5', ...env }, server.url), paths, logger });
  layers.push(l);
  return l;
}

const feedback = (llm: LlmLayer, assignment: string, work: number) =>
  llm.client.generate({
    kind: 'feedback',
    schema,
    prompt: {
      system: 'You give writing feedback to students, following the rubric.',
      prefix: `${delimit('assignment', `${assignment}: explain how volcanoes form, with evidence.`)}\n${delimit('rubric', JSON.stringify(RUBRIC))}`,
      input: delimit('student_work', essay(work)),
    },
    context: { callId: `feedback-${assignment}-w${work}`, userId: 'u1', assignmentId: assignment, workId: `w${work}` },
  });

test('the second call with the same prefix bills cache reads, and its cost reflects them', async () => {
  const llm = layer();
  const first = await feedback(llm, 'a-cache', 1);
  const second = await feedback(llm, 'a-cache', 2);
  const [w1, w2] = [first.records[0]!, second.records[0]!];
  expect(w1.cacheCreationInputTokens).toBeGreaterThan(1024);
  expect(w1.cacheReadInputTokens).toBe(0);
  expect(w2.cacheCreationInputTokens).toBe(0);
  expect(w2.cacheReadInputTokens).toBe(w1.cacheCreationInputTokens);
  // Only the student's text is read at the full input price.
  expect(w2.inputTokens).toBeLessThan(w2.cacheReadInputTokens / 5);

  const p = priceFor('claude-sonnet-5-5');
  const expected = (w2.inputTokens * p.input + w2.outputTokens * p.output + w2.cacheReadInputTokens * p.cacheRead) / 1e6;
  expect(w2.costUsd).toBeCloseTo(expected, 9);
  const uncached = costUsd('claude-sonnet-5-5', { inputTokens: w2.inputTokens + w2.cacheReadInputTokens, outputTokens: w2.outputTokens, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0 });
  expect(w2.costUsd).toBeLessThan(uncached);
  expect((await paths.llmRequest(w2.id).get()).data()).toMatchObject({ cacheReadInputTokens: w2.cacheReadInputTokens, costUsd: w2.costUsd });
});

test('a 1-hour TTL bills the write at the 1-hour rate', async () => {
  const llm = layer({ LLM_CACHE_TTL: '1h' });
  const { records } = await feedback(llm, 'a-1h', 1);
  const r = records[0]!;
  expect(r.cacheCreationInputTokens).toBeGreaterThan(0);
  const oneHour = calculateCost({ inputTokens: r.inputTokens, outputTokens: r.outputTokens, cacheWrite5mTokens: 0, cacheWrite1hTokens: r.cacheCreationInputTokens, cacheReadTokens: 0 }, priceFor('claude-sonnet-5-5'));
  expect(r.costUsd).toBeCloseTo(oneHour.total, 9);
  expect(oneHour.cacheWrite1h).toBeGreaterThan(0);
});

test("a prefix shorter than the model's minimum is not cached, and the client says so", async () => {
  const lines: string[] = [];
  const llm = layer({ LLM_MODEL_FEEDBACK: 'claude-haiku-5-5' }, createLogger({ write: (l) => lines.push(l) }));
  await feedback(llm, 'a-short', 1);
  const { records } = await feedback(llm, 'a-short', 2);
  expect(records[0]).toMatchObject({ cacheCreationInputTokens: 0, cacheReadInputTokens: 0 });
  expect(lines.some((l) => l.includes('prefix was not cached'))).toBe(true);
});

test('parallel first calls all pay for the write; priming the cache first makes them all read', async () => {
  // An entry becomes readable when its writer starts answering: here after 1 s, long after all four have arrived.
  server.controls.update({ latency: { default: { meanMs: 1000, jitterMs: 0 } }, firstTokenFraction: 1 });
  const llm = layer();
  const parallel = await Promise.all([1, 2, 3, 4].map((w) => feedback(llm, 'a-parallel', w)));
  expect(parallel.map((r) => r.records[0]!.cacheReadInputTokens)).toEqual([0, 0, 0, 0]);

  const primed = await llm.client.primeCache({
    kind: 'feedback',
    schema,
    prompt: {
      system: 'You give writing feedback to students, following the rubric.',
      prefix: `${delimit('assignment', 'a-primed: explain how volcanoes form, with evidence.')}\n${delimit('rubric', JSON.stringify(RUBRIC))}`,
      input: '',
    },
    context: { callId: 'prime-a-primed', userId: 'u1', assignmentId: 'a-primed', workId: null },
  });
  expect(primed.cacheCreationInputTokens).toBeGreaterThan(0);
  const after = await Promise.all([1, 2, 3, 4].map((w) => feedback(llm, 'a-primed', w)));
  for (const r of after) expect(r.records[0]!.cacheReadInputTokens).toBe(primed.cacheCreationInputTokens);
});
