import Anthropic from '@anthropic-ai/sdk';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import { z } from 'zod';
import { createControls } from '../../dev/model-server/controls';
import { parsePastedRubric } from '../../dev/model-server/pasted-rubric';
import { delimit, PastedRubricOutputSchema, RubricOutputSchema } from '../../prompts/schemas';
import { type ModelServer, startModelServer } from '../../dev/model-server/server';
import { freePort } from '../../dev/free-port';

// The local Messages API stand-in on its own: protocol, controls, generic schemas, cache billing.

let server: ModelServer;
let sdk: Anthropic;
let clock = 1_000_000;

beforeAll(async () => {
  server = await startModelServer({ port: await freePort(), now: () => clock });
  sdk = new Anthropic({ apiKey: 'test-key', baseURL: server.url, maxRetries: 0 });
});
beforeEach(() => server.controls.reset());
afterAll(async () => {
  await server.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = { 'x-api-key': 'k' }) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const minimal: Anthropic.MessageCreateParamsNonStreaming = { model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user', content: 'Hello there, model.' }] };

describe('protocol', () => {
  test.each([
    ['overloaded', 529, 'overloaded_error'],
    ['rate_limit', 429, 'rate_limit_error'],
    ['server_error', 500, 'api_error'],
    ['bad_request', 400, 'invalid_request_error'],
  ] as const)('%s: status %i with an Anthropic error body and a request-id header', async (fault, status, type) => {
    server.controls.script([fault]);
    const res = await post('/v1/messages', minimal);
    expect(res.status).toBe(status);
    const requestId = res.headers.get('request-id');
    expect(requestId).toMatch(/^req_local_/);
    expect(await res.json()).toEqual({ type: 'error', error: { type, message: expect.any(String) }, request_id: requestId });
    if (fault === 'rate_limit') expect(res.headers.get('retry-after')).toBe('1');
  });

  test('requests without an API key get 401; unknown models 404; bad bodies 400 naming the field', async () => {
    expect((await post('/v1/messages', minimal, {})).status).toBe(401);
    const unknown = await post('/v1/messages', { ...minimal, model: 'claude-nonexistent' });
    expect(unknown.status).toBe(404);
    const { max_tokens: _omit, ...noMax } = minimal;
    const bad = await post('/v1/messages', noMax);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^max_tokens/);
    const empty = await post('/v1/messages', { ...minimal, messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }] });
    expect(((await empty.json()) as { error: { message: string } }).error.message).toMatch(/non-empty/);
  });

  test('the SDK’s typed errors come out of the error bodies', async () => {
    server.controls.script(['overloaded']);
    await expect(sdk.messages.create(minimal)).rejects.toBeInstanceOf(Anthropic.InternalServerError);
    await expect(sdk.messages.create({ ...minimal, model: 'claude-x' })).rejects.toBeInstanceOf(Anthropic.NotFoundError);
  });

  test('count_tokens and models.list answer like the API', async () => {
    const text = 'x'.repeat(400);
    const older = await sdk.messages.countTokens({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: text }] });
    expect(older.input_tokens).toBe(103); // 400 characters ≈ 100 tokens, plus the block overhead
    // The newer tokenizer (Opus 4.7 and later, the 5.x family) counts about 30% more.
    const newer = await sdk.messages.countTokens({ model: 'claude-haiku-5-5', messages: [{ role: 'user', content: text }] });
    expect(newer.input_tokens).toBe(133);
    const models = [];
    for await (const m of sdk.models.list()) models.push(m.id);
    expect(models).toEqual(expect.arrayContaining(['claude-haiku-5-5', 'claude-sonnet-5-5']));
  });

  test('a plain request (no schema) gets a labelled text answer; a small max_tokens cuts it off', async () => {
    const m = await sdk.messages.create({ ...minimal, messages: [{ role: 'user', content: 'Tell me about volcanoes and tectonic plates.' }] });
    expect(m.content[0]).toMatchObject({ type: 'text', text: expect.stringMatching(/^\[Offline model\].*volcanoes/) });
    expect(m.stop_reason).toBe('end_turn');
    const cut = await sdk.messages.create({ ...minimal, max_tokens: 5 });
    expect(cut.stop_reason).toBe('max_tokens');
    expect((cut.content[0] as Anthropic.TextBlock).text).toHaveLength(15); // 5 tokens × 4/1.3 characters
  });
});

describe('controls', () => {
  test('over HTTP: a scripted fault sequence, then normal answers', async () => {
    const res = await fetch(`${server.url}/_control`, { method: 'POST', body: JSON.stringify({ script: ['overloaded', 'overloaded'] }) });
    expect(await res.json()).toMatchObject({ pendingScript: ['overloaded', 'overloaded'] });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post('/v1/messages', minimal)).status);
    expect(statuses).toEqual([529, 529, 200]);
    const bad = await fetch(`${server.url}/_control`, { method: 'POST', body: JSON.stringify({ script: ['earthquake'] }) });
    expect(bad.status).toBe(400);
  });

  test('fault rates draw from a seeded generator: the same seed gives the same faults', () => {
    const draw = (seed: number) => {
      const c = createControls({ seed, faultRates: { overloaded: 0.3, refusal: 0.1 } });
      return Array.from({ length: 40 }, () => c.nextFault() ?? 'ok');
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    const faults = draw(7).filter((f) => f !== 'ok').length;
    expect(faults).toBeGreaterThan(0);
    expect(faults).toBeLessThan(40);
  });

  test('fault rates add up: one draw per request, so 15% overloaded + 15% server errors fault 30% of requests', () => {
    const c = createControls({ seed: 11, faultRates: { overloaded: 0.15, server_error: 0.15 } });
    const n = 200_000;
    const counts = { overloaded: 0, server_error: 0, ok: 0 };
    for (let i = 0; i < n; i++) counts[(c.nextFault() ?? 'ok') as keyof typeof counts] += 1;
    // ±3 standard deviations of a binomial: ±0.3 points at 30%. Drawing per fault gave 27.75%.
    const sd = (p: number) => Math.sqrt(n * p * (1 - p));
    expect(Math.abs(counts.overloaded + counts.server_error - 0.3 * n)).toBeLessThanOrEqual(3 * sd(0.3));
    expect(Math.abs(counts.overloaded - 0.15 * n)).toBeLessThanOrEqual(3 * sd(0.15));
    expect(Math.abs(counts.server_error - 0.15 * n)).toBeLessThanOrEqual(3 * sd(0.15));
  });

  test('a seeded server serves each fault at its rate over many requests, the same faults for the same seed', async () => {
    const faultRates = { overloaded: 0.3, rate_limit: 0.2, server_error: 0.2, bad_request: 0.1, refusal: 0.1 } as const;
    const n = 2000;
    const run = async (seed: number, requests = n) => {
      server.controls.reset({ seed, faultRates });
      const before = server.served().length;
      for (let i = 0; i < requests; i++) await (await post('/v1/messages', minimal)).arrayBuffer();
      return server.served().slice(before).map((s) => s.outcome);
    };
    const outcomes = await run(5);
    expect(await run(5)).toEqual(outcomes);
    expect(await run(6, 200)).not.toEqual(outcomes.slice(0, 200));
    const expected: Record<string, number> = { ...faultRates, ok: 0.1 };
    for (const [outcome, p] of Object.entries(expected)) {
      const count = outcomes.filter((o) => o === outcome).length;
      // Within ±3 standard deviations (≤ 62 of 2,000). Drawing per fault expects ≈ 726 normal answers and ≈ 81 refusals, not 200 and 200.
      expect({ outcome, withinBound: Math.abs(count - p * n) <= 3 * Math.sqrt(n * p * (1 - p)) }).toEqual({ outcome, withinBound: true });
    }
  });

  test('fault rates adding up to more than 1 are refused', async () => {
    expect(() => createControls({ faultRates: { overloaded: 0.6, server_error: 0.5 } })).toThrow(/add up to more than 1/);
    const res = await fetch(`${server.url}/_control`, { method: 'POST', body: JSON.stringify({ settings: { faultRates: { overloaded: 0.6, refusal: 0.5 } } }) });
    expect(res.status).toBe(400);
    const all = createControls({ seed: 3, faultRates: { overloaded: 0.7, server_error: 0.3 } });
    expect(Array.from({ length: 1000 }, () => all.nextFault()).filter((f) => f === undefined)).toHaveLength(0);
  });

  test('a partial POST /_control merges: settings it does not name keep their values', async () => {
    const post = async (body: unknown) => {
      const res = await fetch(`${server.url}/_control`, { method: 'POST', body: JSON.stringify(body) });
      expect(res.status).toBe(200);
    };
    const settings = async () => ((await (await fetch(`${server.url}/_control`)).json()) as { settings: Record<string, unknown> }).settings;
    try {
      await post({ reset: true, settings: { faultRates: { overloaded: 0.2 }, latency: { default: { meanMs: 50, jitterMs: 0 } }, seed: 9, retryAfterSeconds: 3 } });
      await post({ settings: { fabricatedEvidence: 2 } });
      expect(await settings()).toMatchObject({ faultRates: { overloaded: 0.2 }, latency: { default: { meanMs: 50, jitterMs: 0 } }, seed: 9, retryAfterSeconds: 3, fabricatedEvidence: 2 });
      // Nested maps merge too: one task kind's latency, one fault's rate.
      await post({ settings: { latency: { feedback: { meanMs: 5 } }, faultRates: { refusal: 0.1 } } });
      expect(await settings()).toMatchObject({
        latency: { default: { meanMs: 50, jitterMs: 0 }, feedback: { meanMs: 5, jitterMs: 0 } },
        faultRates: { overloaded: 0.2, refusal: 0.1 },
        seed: 9,
        fabricatedEvidence: 2,
      });
      // The merged result is still checked as a whole.
      const over = await fetch(`${server.url}/_control`, { method: 'POST', body: JSON.stringify({ settings: { faultRates: { server_error: 0.8 } } }) });
      expect(over.status).toBe(400);
      expect((await settings()).faultRates).toEqual({ overloaded: 0.2, refusal: 0.1 });
    } finally {
      server.controls.reset();
    }
  });

  test('latency is drawn per task kind within mean ± jitter', () => {
    const c = createControls({ latency: { default: { meanMs: 100, jitterMs: 0 }, feedback: { meanMs: 5000, jitterMs: 1000 } } });
    expect(c.latencyMs('rubric')).toBe(100);
    for (let i = 0; i < 50; i++) {
      const ms = c.latencyMs('feedback');
      expect(ms).toBeGreaterThanOrEqual(4000);
      expect(ms).toBeLessThanOrEqual(6000);
    }
  });
});

describe('structured output for any schema', () => {
  const Any = z.object({
    name: z.string().min(5).max(40),
    count: z.number().int().min(3).max(9),
    ratio: z.number().min(0.5).max(0.75),
    tags: z.array(z.enum(['red', 'green'])).min(3).max(4),
    when: z.iso.datetime(),
    contact: z.email(),
    nested: z.object({ on: z.boolean(), note: z.string().nullable(), deep: z.array(z.object({ v: z.literal('fixed') })).min(1) }),
    choice: z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]),
  });

  test('the answer is valid for the schema, constraints from descriptions included, and labelled', async () => {
    const m = await sdk.messages.parse({ ...minimal, max_tokens: 2000, output_config: { format: zodOutputFormat(Any) } });
    const out = m.parsed_output!;
    expect(Any.safeParse(out).success).toBe(true);
    expect(out.name).toContain('[Offline model]');
    expect(out.nested.deep[0]!.v).toBe('fixed');
  });
});

describe('pasted rubrics', () => {
  const pasted = [
    '1. Thesis (4 pts): clear and arguable',
    '   - Exemplary: precise, previews the reasons',
    '   - Developing: vague',
    '2. Sources: two or more, cited',
    '3. Counter-argument – addressed and rebutted',
    '4. Organization',
    'Exemplary: every paragraph has one job',
    'Beginning: no order',
    '5. Style: suits the audience',
    '6. Mechanics: few errors',
  ].join('\n');
  const ask = (schema: typeof RubricOutputSchema) =>
    sdk.messages.parse({
      ...minimal,
      max_tokens: 8000,
      messages: [{ role: 'user', content: `${delimit('assignment', 'Persuasive essay on school start times')}\n${delimit('pasted_rubric', pasted)}\nStructure the rubric.` }],
      output_config: { format: zodOutputFormat(schema) },
    });

  test('the teacher’s text is read as criteria with their levels, in order, in the teacher’s words', () => {
    const r = parsePastedRubric(pasted);
    expect(r.map((c) => [c.title, c.description, c.levels.map((l) => l.title)])).toEqual([
      // The criterion's own points are its maximum, not part of its name.
      ['Thesis', 'clear and arguable', ['Exemplary', 'Developing']],
      ['Sources', 'two or more, cited', []],
      ['Counter-argument', 'addressed and rebutted', []],
      ['Organization', null, ['Exemplary', 'Beginning']],
      ['Style', 'suits the audience', []],
      ['Mechanics', 'few errors', []],
    ]);
  });

  test('the pasted-rubric schema gets all 6 criteria and the teacher’s levels; only what is missing is written, and labelled', async () => {
    const out = (await ask(PastedRubricOutputSchema)).parsed_output!;
    expect(PastedRubricOutputSchema.safeParse(out).success).toBe(true);
    expect(out.criteria.map((c) => c.title)).toEqual(['Thesis', 'Sources', 'Counter-argument', 'Organization', 'Style', 'Mechanics']);
    // No points given for these levels: null, never invented.
    expect(out.criteria[0]!.levels).toEqual([
      { title: 'Exemplary', description: 'precise, previews the reasons', points: null },
      { title: 'Developing', description: 'vague', points: null },
    ]);
    expect(out.criteria[1]!.description).toBe('two or more, cited');
    expect(out.criteria[3]!.description).toMatch(/^\[Offline model\]/);
    // No levels pasted for "Sources": the offline model's four, labelled.
    expect(out.criteria[1]!.levels.map((l) => l.title)).toEqual(['Exemplary', 'Proficient', 'Developing', 'Beginning'].map((t) => `[Offline model] ${t}`));
  });

  test('the generated-rubric schema (3–5 criteria) still gets a valid answer from the same prompt', async () => {
    const out = (await ask(RubricOutputSchema)).parsed_output!;
    expect(RubricOutputSchema.safeParse(out).success).toBe(true);
    expect(out.criteria.map((c) => c.title)).toEqual(['Thesis', 'Sources', 'Counter-argument', 'Organization', 'Style']);
  });
});

describe('prompt cache billing', () => {
  const cached = (text: string, ttl?: '1h') =>
    sdk.messages.create({
      model: 'claude-sonnet-5-5',
      max_tokens: 200,
      messages: [{ role: 'user', content: [{ type: 'text', text, cache_control: ttl ? { type: 'ephemeral', ttl } : { type: 'ephemeral' } }, { type: 'text', text: 'And this part varies.' }] }],
    });
  const prefix = (s: string) => `${s} `.repeat(400); // ≥ 1,500 tokens, above Sonnet's 1,024 minimum

  test('write on first sight, read within the TTL (a read refreshes it), write again after it expires', async () => {
    const p = prefix('five-minute');
    const first = await cached(p);
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(1024);
    expect(first.usage.cache_creation).toEqual({ ephemeral_5m_input_tokens: first.usage.cache_creation_input_tokens, ephemeral_1h_input_tokens: 0 });
    clock += 4 * 60_000;
    expect((await cached(p)).usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    clock += 4 * 60_000; // 8 minutes after the write, 4 after the refreshing read
    expect((await cached(p)).usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    clock += 6 * 60_000;
    const expired = await cached(p);
    expect(expired.usage.cache_read_input_tokens).toBe(0);
    expect(expired.usage.cache_creation_input_tokens).toBe(first.usage.cache_creation_input_tokens);
  });

  test('a 1-hour breakpoint outlives five minutes and bills as a 1-hour write', async () => {
    const p = prefix('one-hour');
    const first = await cached(p, '1h');
    expect(first.usage.cache_creation?.ephemeral_1h_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    clock += 50 * 60_000;
    expect((await cached(p, '1h')).usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
  });

  test('a prefix below the model minimum is billed as plain input', async () => {
    const short = await cached('short prefix '.repeat(20));
    const again = await cached('short prefix '.repeat(20));
    expect(again.usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
    expect(again.usage.input_tokens).toBe(short.usage.input_tokens);
  });
});
