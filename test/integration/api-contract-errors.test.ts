import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createApiHandler } from '../../cloud/api/create-api-handler';
import type { ApiServices } from '../../cloud/api/services';
import { hostFunction } from '../../cloud/http/function-host';
import { createLogger } from '../../cloud/log';
import type { CreateAssignmentResponse } from '../../shared/api';
import { type ApiHarness, createBody, docId, seedGraded, startApiHarness } from './api-harness';

/**
 * An answer that fails its own contract schema is our bug, not the caller's: 500 `internal`, logged
 * at ERROR with the route and the failing paths — never 400 `validation_failed`, which tells the
 * add-on the teacher typed something wrong. The API is served a second time here with a logger
 * whose lines the test reads.
 */

let h: ApiHarness;
let server: Server;
let url: string;
const lines: Array<Record<string, unknown>> = [];

const unused = () => {
  throw new Error('not used by these reads');
};
const services: ApiServices = { admitAssignment: unused, retryWork: unused, startGrading: unused, regrade: unused, createCheckoutUrl: unused, createPortalUrl: unused, setExamples: unused, regradeLikeExamples: unused, saveExamples: unused };

beforeAll(async () => {
  h = await startApiHarness();
  const logger = createLogger({ write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  http('apiContractErrors', hostFunction(createApiHandler({ ...h.deps, logger }, services), { name: 'api', logger, projectId: 'test' }));
  server = getTestServer('apiContractErrors');
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await h.close();
});
beforeEach(() => {
  lines.length = 0;
});

async function get(path: string, sub: string) {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${h.token(sub)}` } });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
}

async function paidTeacherWith(sub: string, assignments: number): Promise<string[]> {
  const token = h.token(sub);
  await h.call('GET', '/me', { token });
  await h.paths.user(sub).update({ plan: 'paid', 'subscription.status': 'active', 'subscription.currentPeriodEnd': new Date(Date.now() + 30 * 86_400_000) });
  const ids: string[] = [];
  for (let i = 0; i < assignments; i++) {
    h.clock.set(new Date(Date.now() - (assignments - i) * 60_000));
    const res = await h.call<CreateAssignmentResponse>('POST', '/assignments', { token, body: createBody(1) });
    expect(res.status).toBe(201);
    ids.push(res.body.assignment.id);
  }
  h.clock.set(undefined);
  return ids;
}

/** The lines logged at ERROR about a broken answer. */
const contractErrors = () => lines.filter((l) => l.severity === 'ERROR' && String(l.message).includes('contract'));

describe('answers that break the contract', () => {
  it('a stored non-http Doc URL is a 500 logged at ERROR (the store and the contract share one URL schema, so the read refuses it)', async () => {
    const [id] = await paidTeacherWith('broken-url', 1);
    await seedGraded(h, id!, ['w01']);
    await h.paths.work(id!, 'w01').update({ 'selectedDocument.url': 'ftp://files.school.test/essay' });
    const res = await get(`/assignments/${id}/works/w01`, 'broken-url');
    expect(res.status).toBe(500);
    expect(res.body.error).toMatchObject({ code: 'internal' });
    const line = lines.find((l) => l.severity === 'ERROR');
    expect(JSON.stringify(line)).toContain('selectedDocument.url');
    // Ids and paths only: the stored value is not logged.
    expect(JSON.stringify(lines)).not.toContain('ftp://files.school.test');
  });

  it('a listed assignment the list schema refuses is a 500, not a 400', async () => {
    const [id] = await paidTeacherWith('broken-list', 1);
    await h.paths.assignment(id!).withConverter(null).update({ status: 'archived' });
    const res = await get('/assignments', 'broken-list');
    expect(res.status).toBe(500);
    expect(res.body.error?.code).toBe('internal');
    expect(contractErrors()).toEqual([expect.objectContaining({ severity: 'ERROR', route: 'listAssignments' })]);
  });

  it('an older match for a Doc with a status the contract does not know is a 500, not a 400', async () => {
    const [older] = await paidTeacherWith('broken-doc', 2);
    await h.paths.work(older!, 'w01').withConverter(null).update({ status: 'archived' });
    const res = await get(`/works/by-doc/${docId('student0')}`, 'broken-doc');
    expect(res.status).toBe(500);
    expect(res.body.error?.code).toBe('internal');
    expect(contractErrors()).toEqual([expect.objectContaining({ severity: 'ERROR', route: 'findWorksByDoc' })]);
  });

  it('the caller’s own mistakes stay 400 validation_failed', async () => {
    await paidTeacherWith('careless', 0);
    const res = await get('/assignments?limit=0', 'careless');
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('validation_failed');
    expect(contractErrors()).toEqual([]);
  });
});
