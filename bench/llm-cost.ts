/**
 * LLM cost of one 35-work assignment (rubric + 35 feedback + summary) through the real client and
 * SDK against the local model server, for each model configuration and fan-out strategy — with the
 * prompts the pipeline sends: `renderPrompt` of each kind's template, the real output schemas, and
 * the sample assignment of the local Drive (dev/drive-server/samples: its instructions, its
 * gradeable essays as the student works, the default "encouraging" tone) with a rubric as Claude
 * generates it for that assignment.
 *
 * Prints total input tokens, the share billed as cache reads, the feedback prefix's tokens, the
 * share of works 2–35's shared prefix read from cache (goal ≥ 85%), and the cost per assignment
 * and per student work.
 *
 *   npx tsx bench/llm-cost.ts
 *
 * Fan-outs: "pipeline" is what the pipeline does (the first feedback call leads by
 * `feedbackCacheLeadMs`, which is 0 when the prefix is below the feedback model's minimum), "all
 * parallel" sends the 35 calls 10 at a time from the start, "prime" writes the entry with
 * `client.primeCache` first. Model latencies are bench/pipeline's Claude-like ones (rubric 2 s,
 * feedback 3 ± 1 s, summary 2 s) and the cache lead, all scaled by TIME_SCALE.
 *
 * Token counts are the local server's (≈ 4 characters per token, ≈ 3.1 for the newer tokenizer of
 * Opus 4.7+ and the 5.x models) and its answers are shorter than Claude's, so output cost is a
 * floor; docs/llm.md turns these figures into real-size estimates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '../cloud/config/env';
import { loadLlmConfig } from '../cloud/config/llm';
import { loadPipelineConfig } from '../cloud/config/pipeline';
import { createAnthropic } from '../cloud/llm/anthropic';
import { createLlmClient, type LlmClient } from '../cloud/llm/client';
import { toLlmRequest } from '../cloud/llm/cost-record';
import type { CostTracking } from '../cloud/llm/cost-tracking';
import { silentLogger } from '../cloud/log';
import { feedbackCacheLeadMs, toRubric } from '../cloud/pipeline/kinds/rubric-task';
import { promptAssignment } from '../cloud/pipeline/kinds/prompt-data';
import { cacheablePrefixTokens } from '../cloud/pipeline/prefix-tokens';
import { startModelServer } from '../dev/model-server/server';
import { type PromptExample, workFeedbackText } from '../prompts/format';
import { type PromptAssignment, renderPrompt } from '../prompts/render';
import { createFeedbackOutputSchema, type FeedbackOutput, type RubricOutput, rubricOutputSchemaFor, SummaryOutputSchema } from '../prompts/schemas';
import { documentProblem } from '../shared/api/documents';
import type { Assignment, LlmRequest, Rubric } from '../shared/domain';
import { MODEL_PRICES } from '../shared/rules/pricing';

const WORKS = 35;
const CONCURRENCY = 10; // Cloud Tasks' max concurrent dispatches for the grading queue
/** Model latencies and the cache lead run at this fraction of real time. */
const TIME_SCALE = 0.25;

const SAMPLES = join(__dirname, '../dev/drive-server/samples');

interface SampleManifest {
  assignment: { title: string; subject: string; gradeLevel: string; instructionsFile: string };
  files: { slug: string; mimeType: string; source?: string }[];
}
const manifest = (): SampleManifest => JSON.parse(readFileSync(join(SAMPLES, 'manifest.json'), 'utf8')) as SampleManifest;

/** The local Drive's sample assignment as a teacher creates it (default tone: encouraging). */
export function sampleAssignment(): PromptAssignment {
  const a = manifest().assignment;
  return { title: a.title, subject: a.subject, gradeLevel: a.gradeLevel, instructions: readFileSync(join(SAMPLES, a.instructionsFile), 'utf8').trim(), feedbackTone: 'encouraging' };
}

/** The sample essays the pipeline grades: the student Docs, less those admission fails (empty, over the word limit). */
export function sampleEssays(maxWords = loadPipelineConfig({}).maxWords): string[] {
  const m = manifest();
  return m.files
    .filter((f) => f.source && f.source !== m.assignment.instructionsFile && f.mimeType === 'application/vnd.google-apps.document')
    .map((f) => readFileSync(join(SAMPLES, f.source!), 'utf8'))
    .filter((text) => documentProblem({ text }, maxWords) === undefined);
}

const levels = (exemplary: string, proficient: string, developing: string, beginning: string) => [
  { title: 'Exemplary', description: exemplary, points: null },
  { title: 'Proficient', description: proficient, points: null },
  { title: 'Developing', description: developing, points: null },
  { title: 'Beginning', description: beginning, points: null },
];

/**
 * The rubric Claude generates for the sample assignment (the offline model's is shorter and
 * labelled): 5 criteria × 4 levels from the instructions' "How you will be assessed".
 */
export const SAMPLE_RUBRIC_OUTPUT: RubricOutput = {
  criteria: [
    {
      title: 'Claim and focus',
      description: "Takes a clear, arguable position on moving Westbrook's start time to 8:30 a.m. and keeps the whole essay focused on it.",
      levels: levels(
        'A hook draws the reader in and the thesis states a precise, arguable position in the introduction; every paragraph advances it, and the conclusion restates it in a fresh way.',
        'The thesis states a clear position and the essay stays with it; the hook or the conclusion is plain, or one paragraph drifts briefly from the claim.',
        'A position can be found, but it is stated late, vaguely or inconsistently, or parts of the essay argue something else.',
        'No clear position on the start time, or the essay answers a different question.',
      ),
    },
    {
      title: 'Evidence and reasoning',
      description: "Supports each reason with relevant evidence from the source packet (at least two sources), explained in the student's own words and connected to the claim.",
      levels: levels(
        'Each reason is supported by well-chosen evidence from at least two sources, accurately reported and introduced, with reasoning that explains how the evidence proves the point; personal experience adds to the sources rather than replacing them.',
        'Uses at least two sources accurately to support the reasons; the explanation of how the evidence supports the claim is present but sometimes brief or general.',
        'Uses one source, or sources loosely connected to the reasons; evidence is listed or dropped in with little explanation, or the essay relies mainly on opinion.',
        'Little or no evidence: reasons are asserted without support, or the sources are misreported.',
      ),
    },
    {
      title: 'Counterargument',
      description: 'States at least one opposing view fairly and explains convincingly why the position is still stronger.',
      levels: levels(
        'States a significant opposing view (cost, buses, sports, childcare) fairly, in terms its supporters would accept, and answers it with evidence or reasoning that shows why the position still holds.',
        'States an opposing view fairly and responds to it, though the response is brief or only partly supported.',
        'Mentions an opposing view but dismisses it without a real answer, or states it unfairly or unclearly.',
        'No opposing view is addressed.',
      ),
    },
    {
      title: 'Organization',
      description: 'An introduction, body paragraphs with one reason each, and a conclusion, linked by transitions that show how the ideas connect.',
      levels: levels(
        'The introduction opens with a hook and the thesis, each body paragraph develops one reason in a logical order, transitions show how ideas connect, and the conclusion tells the reader what to do.',
        'A clear introduction, body and conclusion with one reason per paragraph; transitions are present but sometimes mechanical, or the call to action is missing.',
        'Paragraphing is uneven or ideas are mixed across paragraphs; few transitions; the introduction or the conclusion is missing or thin.',
        'No recognizable structure: ideas appear in no clear order.',
      ),
    },
    {
      title: 'Conventions',
      description: 'Spelling, grammar, punctuation and capitalization appropriate for grade 8, in a formal tone.',
      levels: levels(
        'Virtually free of errors in spelling, grammar, punctuation and capitalization; sentences are varied and controlled, and the tone stays formal.',
        'A few errors that do not get in the way of meaning; the tone is mostly formal.',
        'Frequent errors (run-ons, fragments, misspellings) that sometimes make the reader reread; informal language in places.',
        'Errors on most lines make the essay hard to follow.',
      ),
    },
  ],
};

/** The stored assignment the pipeline's functions take, for the sample. */
function storedAssignment(id: string, a: PromptAssignment, rubric: Rubric): Assignment {
  const now = new Date();
  return {
    id,
    userId: 'bench-teacher',
    ...a,
    rubricMode: 'generate',
    rawRubricText: null,
    status: 'processing',
    rubric,
    progress: { total: WORKS, completed: 0, failed: 0, rubricDone: true, summaryDone: false },
    works: [],
    costUsd: 0,
    totalProcessingMs: null,
    quotaMonth: '2025-03',
    createdAt: now,
    updatedAt: now,
    processingStartedAt: now,
    completedAt: null,
    purgeTextAt: null,
  };
}

interface Variant {
  label: string;
  env: Env;
}
const VARIANTS: Variant[] = [
  { label: 'default (rubric+summary Sonnet 5.5, feedback Haiku 5.5)', env: {} },
  { label: 'all Sonnet 5.5', env: { LLM_MODEL_FEEDBACK: 'claude-sonnet-5-5' } },
  { label: 'feedback Haiku 4.5', env: { LLM_MODEL_FEEDBACK: 'claude-haiku-4-5' } },
];
type Strategy = 'pipeline' | 'parallel' | 'prime';

function memoryCosts(): CostTracking & { records: LlmRequest[] } {
  const records: LlmRequest[] = [];
  return {
    records,
    track: async (e) => {
      const r = toLlmRequest(e);
      records.push(r);
      return r;
    },
    close: () => undefined,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Like Cloud Tasks: `limit` at a time, the first item at once and the others `leadMs` later. */
async function fanOut<T>(items: T[], limit: number, leadMs: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  const t0 = performance.now();
  const queue = items.map((item, i) => ({ item, at: i === 0 ? 0 : leadMs }));
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const wait = t0 + next.at - performance.now();
        if (wait > 0) await sleep(wait);
        await fn(next.item);
      }
    }),
  );
}

/** One graded work's feedback as the summary prompt shows it (the pipeline's `feedbackForPrompt`). */
function feedbackText(out: FeedbackOutput, rubric: Rubric): string {
  const items = (kind: 'strength' | 'opportunity') => out.feedbackItems.filter((i) => i.kind === kind).map((i) => ({ title: i.title, description: i.description }));
  return workFeedbackText({
    levels: rubric.criteria.map((c) => ({ criterion: c.title, level: out.criterionLevels[c.id]?.level ?? '' })),
    strengths: items('strength'),
    opportunities: items('opportunity'),
    summary: out.summary,
  });
}

interface Run {
  records: LlmRequest[];
  leadMs: number;
}

/**
 * The teacher's examples (calibration, issue 16) as "Re-grade the rest like my examples" puts them
 * in the cached prefix: the first `n` sample essays, each with teacher levels and explanations.
 */
export function sampleExamples(rubric: Rubric, n: number): PromptExample[] {
  return sampleEssays()
    .slice(0, n)
    .map((text, i) => ({
      text,
      levels: rubric.criteria.map((c) => {
        const level = c.levels[(i + c.position) % c.levels.length]!;
        return { criterionId: c.id, criterionTitle: c.title, levelTitle: level.title, explanation: `${level.title}: ${level.description.slice(0, 120)}` };
      }),
    }));
}

async function runAssignment(client: LlmClient, costs: ReturnType<typeof memoryCosts>, feedbackModel: string, strategy: Strategy, id: string, exampleCount = 0): Promise<Run> {
  const ctx = (callId: string, workId: string | null = null) => ({ callId, userId: 'bench-teacher', assignmentId: id, workId });
  const assignment = sampleAssignment();
  const essays = sampleEssays();

  // Rubric: the real prompt and schema; its (offline) answer is billed, Claude's rubric is graded with.
  await client.generate({ kind: 'rubric', schema: rubricOutputSchemaFor('generate'), prompt: renderPrompt('rubric', { assignment, mode: 'generate', pastedRubric: null }), context: ctx(`rubric-${id}`) });
  const rubric = toRubric(SAMPLE_RUBRIC_OUTPUT, 'generated', new Date());

  const schema = createFeedbackOutputSchema(rubric);
  const text = (w: number) => essays[(w - 1) % essays.length]!;
  const examples = sampleExamples(rubric, exampleCount);
  const prompt = (w: number) => renderPrompt('feedback', { assignment, rubric, studentText: text(w), examples });
  const graded: { n: number; text: string }[] = [];
  const grade = async (w: number) => {
    const r = await client.generate({ kind: 'feedback', schema, prompt: prompt(w), context: ctx(`feedback-${id}-w${w}`, `w${w}`) });
    graded.push({ n: w, text: feedbackText(r.output, rubric) });
  };
  const works = Array.from({ length: WORKS }, (_, i) => i + 1);
  const pipelineLead = feedbackCacheLeadMs({ cacheLeadMs: loadPipelineConfig({}).cacheLeadMs, feedbackModel }, storedAssignment(id, assignment, rubric), rubric);
  // (With examples the prefix only grows, so the lead the pipeline computes without them still applies.)
  const leadMs = strategy === 'pipeline' ? pipelineLead : 0;
  if (strategy === 'prime') await client.primeCache({ kind: 'feedback', schema, prompt: prompt(1), context: ctx(`prime-${id}`) });
  await fanOut(works, CONCURRENCY, leadMs * TIME_SCALE, grade);

  const inOrder = graded.sort((a, b) => a.n - b.n);
  await client.generate({ kind: 'summary', schema: SummaryOutputSchema, prompt: renderPrompt('summary', { assignment, rubric, works: inOrder, failedCount: 0 }), context: ctx(`summary-${id}`) });
  return { records: costs.records.filter((r) => r.assignmentId === id), leadMs };
}

/** Mean prompt and output tokens per call of each kind, for by-hand estimates with Claude-sized answers. */
function perCall(records: LlmRequest[]): string {
  const kinds = [['rubric_generation', 'rubric'], ['student_feedback', 'feedback'], ['assignment_summary', 'summary']] as const;
  return kinds
    .map(([type, label]) => {
      const rs = records.filter((r) => r.requestType === type);
      const mean = (f: (r: LlmRequest) => number) => Math.round(rs.reduce((s, r) => s + f(r), 0) / Math.max(1, rs.length)).toLocaleString('en-US');
      return `${label} ${mean((r) => r.inputTokens)} uncached + ${mean((r) => r.cacheCreationInputTokens + r.cacheReadInputTokens)} cached-prefix input, ${mean((r) => r.outputTokens)} output`;
    })
    .join('; ');
}

async function main() {
  const ms = (real: number) => real * TIME_SCALE;
  const server = await startModelServer({
    port: 0,
    latency: { default: { meanMs: 0 }, rubric: { meanMs: ms(2000) }, feedback: { meanMs: ms(3000), jitterMs: ms(1000) }, summary: { meanMs: ms(2000) } },
    seed: 42,
  });
  const usd = (x: number) => `$${x.toFixed(4)}`;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const n = (x: number) => x.toLocaleString('en-US');

  const assignment = sampleAssignment();
  const rubric = toRubric(SAMPLE_RUBRIC_OUTPUT, 'generated', new Date());
  const shared = renderPrompt('feedback', { assignment, rubric, studentText: '' });
  const estimate = cacheablePrefixTokens(shared, createFeedbackOutputSchema(rubric));
  console.log(`LLM cost of one ${WORKS}-work assignment: "${assignment.title}" (${sampleEssays().length} sample essays as the ${WORKS} works, ${rubric.criteria.length}-criterion rubric, tone ${assignment.feedbackTone}), ${CONCURRENCY} feedback calls at a time`);
  console.log(`Local model server: tokens ≈ 4 chars (3.1 for the newer tokenizer); outputs shorter than Claude's; latencies and lead at ${TIME_SCALE}× real time.`);
  console.log(`Feedback prefix (schema + system + assignment + rubric + voice): system ${n(shared.system.length)} chars, prefix ${n(shared.prefix.length)} chars; pipeline estimate ${n(estimate)} tokens (Haiku 5.5 / 4.5 minimum ${n(MODEL_PRICES['claude-haiku-5-5']!.minCacheableTokens)}).\n`);
  console.log(`| ${['configuration', 'fan-out', 'input tokens', 'billed as cache reads', 'feedback prefix tokens', 'prefix read, works 2–35', 'per assignment', 'per work'].join(' | ')} |`);
  console.log(`|${' --- |'.repeat(8)}`);
  let breakdown = '';
  try {
    for (const v of VARIANTS) {
      const config = loadLlmConfig({ LLM_MAX_RETRIES: '2', ...v.env }, server.url);
      for (const strategy of ['pipeline', 'parallel', 'prime'] as Strategy[]) {
        server.controls.clearCache(); // each run starts cold, as a new assignment would
        const costs = memoryCosts();
        const client = createLlmClient({ anthropic: createAnthropic(config), config, costs, logger: silentLogger });
        const id = `bench-${VARIANTS.indexOf(v)}-${strategy}`;
        const { records, leadMs } = await runAssignment(client, costs, config.kinds.feedback.model, strategy, id);
        client.close();
        const input = records.reduce((s, r) => s + r.inputTokens + r.cacheCreationInputTokens + r.cacheReadInputTokens, 0);
        const read = records.reduce((s, r) => s + r.cacheReadInputTokens, 0);
        const feedback = records.filter((r) => r.requestType === 'student_feedback');
        const later = feedback.filter((r) => r.workId !== null && r.workId !== 'w1');
        const prefixTokens = Math.max(0, ...feedback.map((r) => r.cacheCreationInputTokens + r.cacheReadInputTokens));
        const prefixRead = prefixTokens === 0 ? 0 : later.reduce((s, r) => s + r.cacheReadInputTokens, 0) / (prefixTokens * later.length);
        const total = records.reduce((s, r) => s + r.costUsd, 0);
        const fan = strategy === 'pipeline' ? (leadMs > 0 ? `pipeline: work 1 leads by ${n(leadMs)} ms` : 'pipeline: no lead (below minimum)') : strategy === 'parallel' ? 'all parallel' : 'prime, then all';
        const note = prefixTokens === 0 ? ` (prefix below ${config.kinds.feedback.model}'s cache minimum)` : '';
        console.log(`| ${[v.label, fan, n(input), pct(read / input), prefixTokens ? n(prefixTokens) : 'not cached', pct(prefixRead) + note, usd(total), usd(total / WORKS)].join(' | ')} |`);
        if (v === VARIANTS[0] && strategy === 'pipeline') breakdown = perCall(records);
      }
    }
    console.log(`\nDefault models, pipeline fan-out, mean per call: ${breakdown}`);

    // Calibration (issue 16): the same assignment re-graded with 3 of the teacher's examples in the prefix.
    console.log(`\nWith the teacher's examples in the cached prefix (default models):\n`);
    console.log(`| ${['examples', 'fan-out', 'feedback prefix tokens', 'prefix read, works 2–35', 'feedback cost', 'per assignment', 'per work'].join(' | ')} |`);
    console.log(`|${' --- |'.repeat(7)}`);
    const config = loadLlmConfig({ LLM_MAX_RETRIES: '2' }, server.url);
    for (const count of [0, 3]) {
      for (const strategy of ['pipeline', 'parallel'] as Strategy[]) {
        server.controls.clearCache();
        const costs = memoryCosts();
        const client = createLlmClient({ anthropic: createAnthropic(config), config, costs, logger: silentLogger });
        const { records } = await runAssignment(client, costs, config.kinds.feedback.model, strategy, `bench-examples-${count}-${strategy}`, count);
        client.close();
        const feedback = records.filter((r) => r.requestType === 'student_feedback');
        const later = feedback.filter((r) => r.workId !== null && r.workId !== 'w1');
        const prefixTokens = Math.max(0, ...feedback.map((r) => r.cacheCreationInputTokens + r.cacheReadInputTokens));
        const prefixRead = prefixTokens === 0 ? 0 : later.reduce((s, r) => s + r.cacheReadInputTokens, 0) / (prefixTokens * later.length);
        const total = records.reduce((s, r) => s + r.costUsd, 0);
        const feedbackCost = feedback.reduce((s, r) => s + r.costUsd, 0);
        console.log(`| ${[String(count), strategy === 'pipeline' ? 'pipeline' : 'all parallel', n(prefixTokens), pct(prefixRead), usd(feedbackCost), usd(total), usd(total / WORKS)].join(' | ')} |`);
      }
    }
  } finally {
    await server.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
