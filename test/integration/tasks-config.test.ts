import { loadCoreConfig } from '../../cloud/config/core';
import type { Env } from '../../cloud/config/env';
import { loadTasksConfig } from '../../cloud/config/tasks';

const load = (env: Env) => loadTasksConfig(env, loadCoreConfig(env));

test('local defaults: queue in the core project and region, local server on TASKS_PORT', () => {
  const c = load({});
  expect(c.queuePath).toBe('projects/gradebot-local/locations/us-central1/queues/gradebot-pipeline');
  expect(c.emulatorHost).toBe('127.0.0.1:8091');
  expect(c.serviceAccountEmail).toBe('gradebot-tasks@gradebot-local.iam.gserviceaccount.com');
  expect(c.workerUrl).toBe('http://127.0.0.1:8082');
  expect(c.retry).toEqual({ maxAttempts: 8, minBackoffMs: 5000, maxBackoffMs: 300_000, maxDoublings: 4 });
  expect(c.rateLimits).toEqual({ maxConcurrentDispatches: 35, maxDispatchesPerSecond: 35 });
  expect(c.dispatchDeadlineMs).toBe(600_000);
});

test('production talks to Google unless an emulator host is given', () => {
  const prod = { GRADEBOT_ENV: 'production', GCP_PROJECT_ID: 'gb-prod', GCP_REGION: 'europe-west1' };
  expect(load(prod).emulatorHost).toBeUndefined();
  expect(load(prod).queuePath).toBe('projects/gb-prod/locations/europe-west1/queues/gradebot-pipeline');
  expect(load({ ...prod, TASKS_EMULATOR_HOST: 'localhost:9999' }).emulatorHost).toBe('localhost:9999');
});

test.each([
  ['TASKS_QUEUE', 'gradebot', { queue: 'gradebot' }],
  ['TASKS_LOCATION', 'asia-east1', { location: 'asia-east1' }],
  ['TASKS_PROJECT_ID', 'other', { projectId: 'other' }],
  ['TASKS_MAX_ATTEMPTS', '-1', { retry: expect.objectContaining({ maxAttempts: -1 }) }],
  ['TASKS_MIN_BACKOFF_SECONDS', '0.5', { retry: expect.objectContaining({ minBackoffMs: 500 }) }],
  ['TASKS_MAX_CONCURRENT_DISPATCHES', '3', { rateLimits: expect.objectContaining({ maxConcurrentDispatches: 3 }) }],
  ['TASKS_DISPATCH_DEADLINE_SECONDS', '60', { dispatchDeadlineMs: 60_000 }],
])('%s=%s is applied', (name, value, expected) => {
  expect(load({ [name]: value })).toMatchObject(expected);
});

test.each([
  ['TASKS_QUEUE', 'has space'],
  ['TASKS_EMULATOR_HOST', 'no-port'],
  ['TASKS_MAX_ATTEMPTS', '-2'],
  ['TASKS_MAX_CONCURRENT_DISPATCHES', '0'],
  ['TASKS_DISPATCH_DEADLINE_SECONDS', '5'],
  ['TASKS_MAX_BACKOFF_SECONDS', 'soon'],
])('%s=%s is rejected, naming the variable', (name, value) => {
  expect(() => load({ [name]: value })).toThrow(name);
});

test('a minimum backoff above the maximum is rejected', () => {
  expect(() => load({ TASKS_MIN_BACKOFF_SECONDS: '600' })).toThrow('TASKS_MIN_BACKOFF_SECONDS');
});
