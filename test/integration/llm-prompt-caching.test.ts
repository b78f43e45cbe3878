import { loadLlmConfig } from '../../cloud/config/llm';
import { createAnthropic } from '../../cloud/llm/anthropic';
import { createLlmClient } from '../../cloud/llm/client';
import { toLlmRequest } from '../../cloud/llm/cost-record';
import type { CostTracking } from '../../cloud/llm/cost-tracking';
import { createLogger } from '../../cloud/log';
import { toRubric } from '../../cloud/pipeline/kinds/rubric-task';
import { type ModelServer, startModelServer } from '../../dev/model-server/server';
import { sampleAssignment, sampleEssays, SAMPLE_RUBRIC_OUTPUT } from '../../bench/llm-cost';
import { renderPrompt } from '../../prompts/render';
import { createFeedbackOutputSchema } from '../../prompts/schemas';
import { MODEL_PRICES } from '../../shared/rules/pricing';

// The pipeline's real feedback prompt (template, schema, sample assignment and rubric) through the
// client and the local model server: its shared prefix is long enough for each configured feedback
// model to cache, so works after the first read it instead of paying for it again.

let server: ModelServer;
beforeAll(async () => {
  server = await startModelServer({ port: 0 });
});
afterAll(async () => {
  await server.close();
});

const costs: CostTracking = { track: async (e) => toLlmRequest(e), close: () => undefined };
const rubric = toRubric(SAMPLE_RUBRIC_OUTPUT, 'generated', new Date());
const schema = createFeedbackOutputSchema(rubric);
const essays = sampleEssays();

test.each([
  ['the default feedback model', {}],
  ['Sonnet 5.5', { LLM_MODEL_FEEDBACK: 'claude-sonnet-5-5' }],
  ['Haiku 4.5', { LLM_MODEL_FEEDBACK: 'claude-haiku-4-5' }],
])('%s: the first work writes the prefix, the next works read all of it', async (_label, env) => {
  server.controls.clearCache();
  const lines: string[] = [];
  const config = loadLlmConfig(env, server.url);
  const client = createLlmClient({ anthropic: createAnthropic(config), config, costs, logger: createLogger({ write: (l) => lines.push(l) }) });
  const grade = (w: number) =>
    client.generate({
      kind: 'feedback',
      schema,
      prompt: renderPrompt('feedback', { assignment: sampleAssignment(), rubric, studentText: essays[w % essays.length]! }),
      context: { callId: `feedback-a-prompt-w${w}`, userId: 'u1', assignmentId: 'a-prompt', workId: `w${w}` },
    });
  try {
    const first = (await grade(0)).records[0]!;
    const minimum = MODEL_PRICES[config.kinds.feedback.model]!.minCacheableTokens;
    expect(first.cacheCreationInputTokens).toBeGreaterThanOrEqual(minimum);
    expect(first.cacheReadInputTokens).toBe(0);
    const rest = await Promise.all([1, 2, 3].map(async (w) => (await grade(w)).records[0]!));
    for (const r of rest) expect(r).toMatchObject({ cacheCreationInputTokens: 0, cacheReadInputTokens: first.cacheCreationInputTokens });
    // Only the student's text and the closing instruction are billed at the full input price.
    for (const r of rest) expect(r.inputTokens).toBeLessThan(r.cacheReadInputTokens / 3);
    expect(lines.filter((l) => l.includes('prefix was not cached'))).toEqual([]);
  } finally {
    client.close();
  }
});
