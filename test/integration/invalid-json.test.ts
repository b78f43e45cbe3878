import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Firestore } from '@google-cloud/firestore';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { loadConfig } from '../../cloud/config';
import { FUNCTION_NAMES, type FunctionName } from '../../cloud/config/core';
import { buildDeps } from '../../cloud/deps';
import { FUNCTIONS } from '../../cloud/functions/registry';
import { registerFunction } from '../../cloud/functions/serve';
import { silentLogger } from '../../cloud/log';
import { ApiErrorBodySchema } from '../../shared/api';
import { testFirestore, uniqueProjectId } from '../support/firestore';

/**
 * A body that is not JSON is refused by functions-framework's body parser before any of our code
 * runs; left to express it answered an HTML page with the stack trace and server paths, to anyone.
 * Each of the five functions, served as production serves it (registerFunction), in development
 * and production modes, answers the JSON error contract instead: 400 `invalid_json`.
 */

let db: Firestore;
beforeAll(() => {
  db = testFirestore(uniqueProjectId('json'));
});
afterAll(async () => {
  await db.terminate();
});

async function serve(name: FunctionName): Promise<{ url: string; close: () => Promise<void> }> {
  const deps = buildDeps(loadConfig({ GRADEBOT_ENV: 'test', GCP_PROJECT_ID: 'invalid-json-test' }), { db, logger: silentLogger });
  registerFunction(name, FUNCTIONS[name], deps);
  const server: Server = getTestServer(name);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

const BODIES: Array<[string, string]> = [
  ['application/json', '{"title": "Essay", '],
  ['application/json', "{'single': 'quotes'}"],
  ['application/cloudevents+json', '{not json'],
];

/** A path each function routes (the API's create, the worker's task, the webhook, the dashboard, a page). */
const PATHS: Record<FunctionName, string> = { api: '/assignments', worker: '/tasks/feedback', stripeWebhook: '/', admin: '/', pages: '/privacy' };

describe.each(['development', 'production'])('NODE_ENV=%s', (mode) => {
  const saved = process.env.NODE_ENV;
  beforeAll(() => {
    process.env.NODE_ENV = mode;
  });
  afterAll(() => {
    process.env.NODE_ENV = saved;
  });

  test.each([...FUNCTION_NAMES])('%s answers malformed JSON with 400 invalid_json, never a stack trace', async (name) => {
    const fn = await serve(name);
    try {
      for (const [type, body] of BODIES) {
        const res = await fetch(`${fn.url}${PATHS[name]}`, { method: 'POST', headers: { 'content-type': type }, body });
        const text = await res.text();
        expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({ status: 400, type: expect.stringMatching(/^application\/json/) });
        expect(text).not.toMatch(/<html|<pre>|SyntaxError|node_modules|at JSON\.parse/i);
        const parsed = ApiErrorBodySchema.parse(JSON.parse(text));
        expect(parsed.error).toMatchObject({ code: 'invalid_json', message: 'The request body is not valid JSON.' });
      }
    } finally {
      await fn.close();
    }
  });
});
