import type { Server } from 'node:http';
import type { Firestore } from '@google-cloud/firestore';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { buildDeps } from '../../cloud/deps';
import { api } from '../../cloud/functions/api';
import { hostFunction } from '../../cloud/http/function-host';
import { createLogger } from '../../cloud/log';
import { testFirestore } from '../support/firestore';
import { doc, essay } from './pipeline-fixtures';
import { startPipelineStack } from './pipeline-harness';

/**
 * Logs carry ids and counts, never student text: an assignment created through the api function,
 * graded by the worker (with the model's answers quoting the essays), read back through the api —
 * every line any of them wrote (api, admission, worker, pipeline, LLM client, task queue) is
 * captured, and no sentence of any essay is in one. Pipeline lines carry the worker request's id.
 */

let db: Firestore;
beforeAll(() => {
  db = testFirestore();
});
afterAll(async () => {
  await db.terminate();
});

test('no sentence of any essay reaches a log line; pipeline lines carry the request id', async () => {
  const lines: string[] = [];
  const logger = createLogger({ level: 'DEBUG', write: (l) => lines.push(l) });
  const stack = await startPipelineStack({ db, logger, model: { fabricatedEvidence: 1 } });
  let server: Server | undefined;
  try {
    // The api function, built as deployed from the same configuration, logging to the same place.
    const apiDeps = buildDeps(stack.config, { db, logger });
    http('logsTestApi', hostFunction(api(apiDeps), { name: 'api', logger, projectId: stack.config.projectId }));
    server = getTestServer('logsTestApi');
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const apiUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const token = stack.issuer.signIdToken({ sub: 'teacher-logs', email: 'teacher-logs@school.test', aud: stack.config.auth.addonAudience });
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${apiUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };

    const texts = Array.from({ length: 4 }, (_, i) => essay(i + 130, 160));
    const created = await call('POST', '/assignments', {
      clientRequestId: 'logs-request-1',
      title: 'Later school start: persuasive essay',
      subject: 'English',
      gradeLevel: 'Grade 8',
      instructions: 'Argue for or against a later school start time.',
      rubricMode: 'generate',
      pastedRubric: null,
      feedbackTone: 'encouraging',
      documents: texts.map((t, i) => doc(i, t)),
    });
    expect(created.status).toBe(201);
    const assignmentId = (created.body.assignment as { id: string }).id;
    await stack.settled();
    const detail = await call('GET', `/assignments/${assignmentId}`);
    expect(detail.body).toMatchObject({ status: 'complete' });
    const work = await call('GET', `/assignments/${assignmentId}/works/w01`);
    expect(work.status).toBe(200);

    expect(lines.length).toBeGreaterThan(20);
    const sentences = new Set(texts.flatMap((t) => t.match(/[^.!?]+[.!?]/g) ?? []).map((s) => s.trim()));
    expect(sentences.size).toBeGreaterThan(5);
    const all = lines.join('\n');
    for (const s of sentences) expect(all).not.toContain(s);
    // Nor in JSON-escaped or lower-cased form.
    for (const s of sentences) expect(all.toLowerCase()).not.toContain(JSON.stringify(s).slice(1, -1).toLowerCase());

    // The pipeline wrote through the worker request's logger: its lines carry that request's id.
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const completed = entries.filter((e) => e.message === 'task completed' && typeof e.runId === 'string');
    expect(completed.length).toBe(texts.length + 2);
    for (const e of completed) expect(e).toMatchObject({ function: 'worker', requestId: expect.any(String) });
    const accessLines = entries.filter((e) => e.function === 'worker' && typeof e.message === 'string' && /^POST \/tasks\/\w+ 200$/.test(e.message));
    expect(new Set(completed.map((e) => e.requestId))).toEqual(new Set(accessLines.map((e) => e.requestId)));
  } finally {
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
    }
    await stack.close();
  }
});
