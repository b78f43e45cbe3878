import Anthropic from '@anthropic-ai/sdk';
import type { Firestore } from '@google-cloud/firestore';
import { loadLlmConfig } from '../../cloud/config/llm';
import { createLlmLayer, type LlmLayer } from '../../cloud/llm/create-llm';
import { LlmError, toLlmError } from '../../cloud/llm/errors';
import { silentLogger } from '../../cloud/log';
import { createPaths, type Paths } from '../../cloud/store/paths';
import { type ModelServer, startModelServer } from '../../dev/model-server/server';
import { delimit, RubricOutputSchema } from '../../prompts/schemas';
import type { Env } from '../../cloud/config/env';
import { testFirestore } from '../support/firestore';

// Retries, the circuit breaker, error classification and the repair attempt: the real SDK against
// the local model server's scripted faults. Calls are counted only where the count is the behaviour.

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

function layer(env: Env = {}): LlmLayer {
  const l = createLlmLayer({ config: loadLlmConfig({ LLM_MAX_RETRIES: '2', ...env }, server.url), paths, logger: silentLogger });
  layers.push(l);
  return l;
}

const rubricCall = (assignmentId: string, check?: (o: unknown) => string[]) => ({
  kind: 'rubric' as const,
  schema: RubricOutputSchema,
  prompt: { system: 'Create a rubric.', prefix: delimit('assignment', 'Explain how volcanoes form, using evidence about tectonic plates.'), input: '' },
  context: { callId: `rubric-${assignmentId}`, userId: 'teacher-1', assignmentId, workId: null },
  ...(check ? { check } : {}),
});

async function failure(p: Promise<unknown>): Promise<LlmError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof LlmError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

const recordsOf = async (assignmentId: string) =>
  (await paths.llmRequests().where('assignmentId', '==', assignmentId).get()).docs.map((d) => d.data()).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

test('529 then 200: retried inline, and exactly one cost record carries the successful call’s tokens', async () => {
  const llm = layer();
  server.controls.script(['overloaded']);
  const before = server.served().length;
  const result = await llm.client.generate(rubricCall('a-529'));
  const served = server.served().slice(before);
  expect(served.map((s) => s.outcome)).toEqual(['overloaded', 'ok']);
  const records = await recordsOf('a-529');
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({ status: 'succeeded', inputTokens: served[1]!.usage!.inputTokens, outputTokens: served[1]!.usage!.outputTokens, costUsd: result.costUsd });
});

test('a 400 is permanent: not retried, recorded as failed with no cost', async () => {
  const llm = layer();
  server.controls.script(['bad_request', 'ok']);
  const before = server.served().length;
  const err = await failure(llm.client.generate(rubricCall('a-400')));
  expect(err).toMatchObject({ kind: 'bad_request', retryable: false, status: 400 });
  expect(server.served().length - before).toBe(1);
  const [record] = await recordsOf('a-400');
  expect(record).toMatchObject({ status: 'failed', costUsd: 0, totalTokens: 0 });
  expect(record!.providerRequestId).toMatch(/^req_local_/);
});

test('the circuit opens after N consecutive failures, fails fast without calling the API, half-opens and closes', async () => {
  const llm = layer({ LLM_MAX_RETRIES: '0', LLM_BREAKER_FAILURES: '3', LLM_BREAKER_RESET_MS: '200' });
  server.controls.script(['server_error', 'server_error', 'server_error']);
  for (let i = 0; i < 3; i++) expect(await failure(llm.client.generate(rubricCall('a-breaker')))).toMatchObject({ kind: 'server_error', retryable: true });
  expect(llm.client.breakerState()).toBe('open');

  const served = server.served().length;
  expect(await failure(llm.client.generate(rubricCall('a-breaker')))).toMatchObject({ kind: 'circuit_open', retryable: true });
  expect(server.served().length).toBe(served); // rejected without a request
  expect(await recordsOf('a-breaker')).toHaveLength(3); // and without a cost record

  await until(() => llm.client.breakerState() === 'halfOpen');
  server.controls.script(['server_error']); // the probe fails: open again
  expect(await failure(llm.client.generate(rubricCall('a-breaker')))).toMatchObject({ kind: 'server_error' });
  expect(llm.client.breakerState()).toBe('open');

  await until(() => llm.client.breakerState() === 'halfOpen');
  await llm.client.generate(rubricCall('a-breaker')); // the probe succeeds
  expect(llm.client.breakerState()).toBe('closed');
});

test('permanent errors do not count towards opening the circuit', async () => {
  const llm = layer({ LLM_BREAKER_FAILURES: '2' });
  server.controls.script(['bad_request', 'bad_request', 'bad_request']);
  for (let i = 0; i < 3; i++) await failure(llm.client.generate(rubricCall('a-permanent')));
  expect(llm.client.breakerState()).toBe('closed');
});

test('a permanent error between retryable failures neither counts nor resets the streak: 529, 400, 529, 529 opens at 3', async () => {
  const llm = layer({ LLM_MAX_RETRIES: '0', LLM_BREAKER_FAILURES: '3', LLM_BREAKER_RESET_MS: '60000' });
  server.controls.script(['overloaded', 'bad_request', 'overloaded']);
  const kinds = [];
  for (let i = 0; i < 3; i++) kinds.push((await failure(llm.client.generate(rubricCall('a-streak')))).kind);
  expect(kinds).toEqual(['overloaded', 'bad_request', 'overloaded']);
  expect(llm.client.breakerState()).toBe('closed'); // 2 of 3: the 400 did not count
  server.controls.script(['overloaded']);
  await failure(llm.client.generate(rubricCall('a-streak')));
  expect(llm.client.breakerState()).toBe('open'); // 3 of 3: nor did it reset the streak
});

test('a half-open probe answered 400 leaves the circuit half-open: the next call is the probe, and only a success closes it', async () => {
  const llm = layer({ LLM_MAX_RETRIES: '0', LLM_BREAKER_FAILURES: '2', LLM_BREAKER_RESET_MS: '200' });
  server.controls.script(['overloaded', 'overloaded']);
  for (let i = 0; i < 2; i++) await failure(llm.client.generate(rubricCall('a-probe-400')));
  expect(llm.client.breakerState()).toBe('open');

  await until(() => llm.client.breakerState() === 'halfOpen');
  server.controls.script(['bad_request']);
  expect(await failure(llm.client.generate(rubricCall('a-probe-400')))).toMatchObject({ kind: 'bad_request', status: 400 });
  expect(llm.client.breakerState()).toBe('halfOpen');

  // Still half-open, so this call reaches the API as the next probe; its 529 reopens the circuit.
  server.controls.script(['overloaded']);
  const before = server.served().length;
  expect(await failure(llm.client.generate(rubricCall('a-probe-400')))).toMatchObject({ kind: 'overloaded' });
  expect(server.served().length - before).toBe(1);
  expect(llm.client.breakerState()).toBe('open');

  await until(() => llm.client.breakerState() === 'halfOpen');
  server.controls.script(['bad_request']);
  await failure(llm.client.generate(rubricCall('a-probe-400')));
  expect(llm.client.breakerState()).toBe('halfOpen');
  await llm.client.generate(rubricCall('a-probe-400'));
  expect(llm.client.breakerState()).toBe('closed');
});

test('malformed output gets exactly one repair attempt, then a permanent failure with a clear message', async () => {
  const llm = layer();
  server.controls.script(['malformed_json', 'malformed_json']);
  const before = server.served().length;
  const err = await failure(llm.client.generate(rubricCall('a-malformed')));
  expect(err).toMatchObject({ kind: 'invalid_output', retryable: false });
  expect(err.message).toBe("Claude's answer did not have the expected form, even after one correction. Please retry this work.");
  expect(err.detail).toMatch(/still invalid after one repair attempt: not valid JSON/);
  expect(server.served().length - before).toBe(2);
  // Both answers were billed, so both are recorded with their cost.
  const records = await recordsOf('a-malformed');
  expect(records.map((r) => r.status)).toEqual(['failed', 'failed']);
  for (const r of records) expect(r.costUsd).toBeGreaterThan(0);
});

test.each(['malformed_json', 'schema_violation'] as const)('%s once: the repair attempt succeeds', async (fault) => {
  const llm = layer();
  server.controls.script([fault]);
  const result = await llm.client.generate(rubricCall(`a-repair-${fault}`));
  expect(result.repaired).toBe(true);
  expect(result.records.map((r) => r.status)).toEqual(['failed', 'succeeded']);
  expect(result.costUsd).toBeCloseTo(result.records[0]!.costUsd + result.records[1]!.costUsd, 12);
});

test('issues from a context check also get the one repair attempt', async () => {
  const llm = layer();
  let calls = 0;
  const result = await llm.client.generate(rubricCall('a-check', () => (++calls === 1 ? ['criterion 2 repeats criterion 1'] : [])));
  expect(calls).toBe(2);
  expect(result.repaired).toBe(true);
});

test('a refusal is permanent and not repaired', async () => {
  const llm = layer();
  server.controls.script(['refusal']);
  const before = server.served().length;
  expect(await failure(llm.client.generate(rubricCall('a-refusal')))).toMatchObject({ kind: 'refusal', retryable: false });
  expect(server.served().length - before).toBe(1);
});

test('a 429 asking for a long wait is handed back to the pipeline with retryAfterMs instead of sleeping', async () => {
  const llm = layer({ LLM_MAX_INLINE_RETRY_AFTER_MS: '1000' });
  server.controls.update({ retryAfterSeconds: 30 });
  server.controls.script(['rate_limit', 'ok']);
  const before = server.served().length;
  expect(await failure(llm.client.generate(rubricCall('a-429-long')))).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 30_000 });
  expect(server.served().length - before).toBe(1);
});

test('a 429 asking for a short wait is waited out inline', async () => {
  const llm = layer();
  server.controls.update({ retryAfterMs: 20 });
  server.controls.script(['rate_limit']);
  const result = await llm.client.generate(rubricCall('a-429-short'));
  expect(result.records).toHaveLength(1);
});

test('a request that hangs times out and is retryable', async () => {
  const llm = layer({ LLM_MAX_RETRIES: '0', LLM_TIMEOUT_MS: '1000' });
  server.controls.script(['timeout']);
  expect(await failure(llm.client.generate(rubricCall('a-timeout')))).toMatchObject({ kind: 'timeout', retryable: true });
});

test('a request past its attempt deadline is abandoned, retried at once and counted; only the answer is recorded', async () => {
  // The deadline is capped at LLM_TIMEOUT_MS: here 5 s, far below the call's expected latency and
  // far above what the local server takes to answer, however loaded the machine.
  const llm = layer({ LLM_MAX_RETRIES: '2', LLM_TIMEOUT_MS: '5000', LLM_MIN_ATTEMPT_MS: '100' });
  server.controls.script(['timeout']);
  const before = server.served().length;
  const result = await llm.client.generate(rubricCall('a-abandoned'));
  expect(server.served().slice(before).map((s) => s.outcome)).toEqual(['timeout', 'ok']);
  expect(result.attempts).toMatchObject({ requests: 2, abandoned: 1, retries: 1, hedged: false });
  expect(llm.client.stats()).toMatchObject({ abandoned: 1, retries: 1 });
  expect((await recordsOf('a-abandoned')).map((r) => r.status)).toEqual(['succeeded']);
});

test('529s are retried inline until an answer; the failures cost no record', async () => {
  const llm = layer({ LLM_MAX_RETRIES: '4' });
  server.controls.script(['overloaded', 'overloaded', 'overloaded']);
  const result = await llm.client.generate(rubricCall('a-529s'));
  expect(result.attempts).toMatchObject({ requests: 4, retries: 3, abandoned: 0 });
  expect((await recordsOf('a-529s')).map((r) => r.status)).toEqual(['succeeded']);
});

test('inline retries stop when they are spent: the error goes to the queue, recorded once', async () => {
  const llm = layer({ LLM_MAX_RETRIES: '1' });
  server.controls.script(['overloaded', 'server_error', 'ok']);
  expect(await failure(llm.client.generate(rubricCall('a-spent')))).toMatchObject({ kind: 'server_error', retryable: true });
  expect((await recordsOf('a-spent')).map((r) => r.status)).toEqual(['failed']);
});

/** Twenty fast answers of `kind`: the client's latency measurements for it exist from then on. */
async function warm(llm: LlmLayer, kind: 'rubric' | 'feedback') {
  for (let i = 0; i < 20; i++) await llm.client.generate({ ...rubricCall(`a-warm-${kind}`), kind });
}

test('a hung call is hedged past its p95 when the caller allows: the hedge answers, one record', async () => {
  // Measured answers are fast, so the hedge time is its floor: 2 s, which a healthy answer never takes here.
  const llm = layer({ LLM_HEDGE_MIN_MS: '2000', LLM_MIN_ATTEMPT_MS: '20000', LLM_TIMEOUT_MS: '30000' });
  await warm(llm, 'rubric');
  server.controls.script(['timeout', 'ok']);
  const before = server.served().length;
  let asked = 0;
  const result = await llm.client.generate({ ...rubricCall('a-hedged'), mayHedge: async () => (++asked, true) });
  expect(asked).toBe(1);
  expect(server.served().slice(before).map((s) => s.outcome)).toEqual(['timeout', 'ok']);
  expect(result.attempts).toMatchObject({ requests: 2, hedged: true, hedgeWon: true, abandoned: 0, retries: 0, extraAnswers: 0 });
  // The hung request was cancelled unanswered: nothing billed, nothing recorded.
  expect((await recordsOf('a-hedged')).map((r) => r.status)).toEqual(['succeeded']);
});

test('no hedge while the caller says no (not among the last works): the hung call waits for its deadline', async () => {
  const llm = layer({ LLM_HEDGE_MIN_MS: '1000', LLM_MIN_ATTEMPT_MS: '5000', LLM_TIMEOUT_MS: '5000' });
  await warm(llm, 'rubric');
  server.controls.script(['timeout', 'ok']);
  let asked = 0;
  const result = await llm.client.generate({ ...rubricCall('a-not-hedged'), mayHedge: async () => (++asked, false) });
  expect(asked).toBeGreaterThanOrEqual(1);
  expect(result.attempts).toMatchObject({ requests: 2, hedged: false, abandoned: 1, retries: 1 });
});

test.each([
  [400, 'invalid_request_error', 'bad_request', false],
  [401, 'authentication_error', 'auth', false],
  [403, 'permission_error', 'auth', false],
  [404, 'not_found_error', 'not_found', false],
  [429, 'rate_limit_error', 'rate_limited', true],
  [500, 'api_error', 'server_error', true],
  [503, 'api_error', 'server_error', true],
  [529, 'overloaded_error', 'overloaded', true],
] as const)('an SDK %i (%s) is classified as %s, retryable: %s', (status, type, kind, retryable) => {
  const sdkError = Anthropic.APIError.generate(status, { type: 'error', error: { type, message: 'x' } }, undefined, new Headers({ 'request-id': 'req_1', 'retry-after': '2' }));
  expect(toLlmError(sdkError)).toMatchObject({ kind, retryable, status, providerRequestId: 'req_1', retryAfterMs: 2000 });
});

test('connection errors are retryable', () => {
  expect(toLlmError(new Anthropic.APIConnectionError({ message: 'ECONNREFUSED' }))).toMatchObject({ kind: 'connection', retryable: true });
  expect(toLlmError(new Anthropic.APIConnectionTimeoutError())).toMatchObject({ kind: 'timeout', retryable: true });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!condition()) throw new Error('condition not reached');
}
