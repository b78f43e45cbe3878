import type { Firestore } from '@google-cloud/firestore';
import { admitAssignment } from '../../cloud/pipeline/admission';
import { taskUrl } from '../../cloud/pipeline/payloads';
import { ensureUser } from '../../cloud/store/users-repo';
import { startLocalIssuer } from '../../dev/issuer/local-issuer';
import { testFirestore } from '../support/firestore';
import { admission, essay } from './pipeline-fixtures';
import { type PipelineStack, startPipelineStack } from './pipeline-harness';

/**
 * The worker runs tasks only for Cloud Tasks: the queue's service account, with an OIDC token from
 * the trusted issuer for this worker. Anything else is refused (401/403) and changes nothing.
 */

let db: Firestore;
let stack: PipelineStack;
let assignmentId: string;
const serviceAccount = 'gradebot-tasks@gradebot-local.iam.gserviceaccount.com';

beforeAll(async () => {
  db = testFirestore();
  stack = await startPipelineStack({ db });
  // Admitted with a queue that drops the task, so only the requests below can move it.
  await ensureUser(stack.deps.paths, { id: 'teacher-1', email: 'teacher-1@school.example', timeZone: 'UTC' }, new Date());
  ({ assignmentId } = await admitAssignment({ ...stack.deps, queue: { enqueue: async () => 'created' } }, admission([essay(1), essay(2)])));
});
afterAll(async () => {
  await stack.close();
  await db.terminate();
});

const body = () => JSON.stringify({ kind: 'rubric', assignmentId, round: 1 });
const post = (headers: Record<string, string>, path = '/tasks/rubric', payload = body()) =>
  fetch(`${stack.workerUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: payload });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const queueToken = (audience = stack.workerUrl, email = serviceAccount) => stack.issuer.signOidcToken({ audience, serviceAccountEmail: email });

async function unchanged() {
  const a = (await stack.deps.paths.assignment(assignmentId).get()).data()!;
  expect(a.status).toBe('pending');
  expect(a.rubric).toBeNull();
  expect(stack.model.served()).toHaveLength(0);
}

test.each([
  ['no Authorization header', () => ({})],
  ['a malformed header', () => ({ authorization: 'Basic abc' })],
  ['a garbage bearer', () => bearer('not-a-jwt')],
  ['a token for another audience', () => bearer(queueToken('https://other-service.example'))],
  ['a teacher’s add-on ID token', () => bearer(stack.issuer.signIdToken({ sub: 'teacher-1', email: 'teacher-1@school.example', aud: 'gradebot-addon.local' }))],
])('401 for %s, and nothing changes', async (_name, headers) => {
  const res = await post(headers());
  expect(res.status).toBe(401);
  await unchanged();
});

test('401 for a token signed by an issuer the worker does not trust', async () => {
  const rogue = await startLocalIssuer({ port: 0 });
  try {
    const res = await post(bearer(rogue.signOidcToken({ audience: stack.workerUrl, serviceAccountEmail: serviceAccount })));
    expect(res.status).toBe(401);
    await unchanged();
  } finally {
    await rogue.close();
  }
});

test('403 for a valid token of another service account, and nothing changes', async () => {
  const res = await post(bearer(queueToken(stack.workerUrl, 'someone-else@gradebot-local.iam.gserviceaccount.com')));
  expect(res.status).toBe(403);
  await unchanged();
});

test('any other path or method is refused before routing', async () => {
  expect((await fetch(`${stack.workerUrl}/tasks/rubric`)).status).toBe(401);
  expect((await post({}, '/admin')).status).toBe(401);
  expect((await post(bearer(queueToken()), '/admin')).status).toBe(404);
  await unchanged();
});

test('the watchdog route is the queue’s alone too: 401 without a token, 403 for another account, 400 for a bad payload', async () => {
  const sweep = JSON.stringify({ kind: 'sweep', task: { kind: 'rubric', assignmentId, round: 1 } });
  expect((await post({}, '/tasks/sweep', sweep)).status).toBe(401);
  expect((await post(bearer(queueToken(stack.workerUrl, 'someone-else@gradebot-local.iam.gserviceaccount.com')), '/tasks/sweep', sweep)).status).toBe(403);
  expect((await post(bearer(queueToken()), '/tasks/sweep', body())).status).toBe(400);
  await unchanged();
});

test('400 for a queue-signed request whose payload is invalid or does not match its URL', async () => {
  expect((await post(bearer(queueToken()), '/tasks/rubric', '{"kind":"rubric","assignmentId":"../x","round":1}')).status).toBe(400);
  expect((await post(bearer(queueToken()), '/tasks/rubric', 'not json')).status).toBe(400);
  expect((await post(bearer(queueToken()), '/tasks/feedback', body())).status).toBe(400);
  await unchanged();
});

test('the same request from the queue runs the task (audience: the worker, or the task URL)', async () => {
  const res = await post(bearer(queueToken(taskUrl(stack.workerUrl, 'rubric'))));
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'completed' });
  const a = (await stack.deps.paths.assignment(assignmentId).get()).data()!;
  expect(a.rubric).not.toBeNull();
  expect(a.status).toBe('processing');
  await stack.settled();
});
