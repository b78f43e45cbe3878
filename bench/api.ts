/**
 * The detail card under load: GET /assignments/:id polled by 50 concurrent clients for 20 s over
 * loopback, against 1,000 assignments of 35 works in the Firestore emulator, then 1,000 of 10 works.
 * Prints p50/p99 latency and document reads per request, counted two ways: what the route reports
 * (`x-gradebot-doc-reads`) and every document the process asked Firestore for. The goal is at most
 * two reads per request, flat in the number of works and of assignments.
 *
 *   npx tsx bench/api.ts [--seconds 20] [--clients 50] [--runs 1000x35,1000x10]
 *
 * The API server and the clients share this process (and the machine with the emulator), so the
 * latencies include loopback and client overhead: read them as an upper bound of the server's.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DocumentReference, type Firestore } from '@google-cloud/firestore';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { createApiHandler } from '../cloud/api/create-api-handler';
import type { ApiServices } from '../cloud/api/services';
import { loadConfig } from '../cloud/config';
import { loadApiConfig } from '../cloud/config/api';
import { buildDeps } from '../cloud/deps';
import { GradeBotError } from '../cloud/errors';
import { hostFunction } from '../cloud/http/function-host';
import { silentLogger } from '../cloud/log';
import { createFirestore } from '../cloud/store/firestore';
import { createPaths, type Paths } from '../cloud/store/paths';
import { startFirestoreEmulator } from '../dev/firestore/emulator';
import { freePort } from '../dev/free-port';
import { startLocalIssuer } from '../dev/issuer/local-issuer';
import { aiText, type Assignment, type StudentWork } from '../shared/domain';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const SECONDS = Number(arg('seconds', '20'));
const CLIENTS = Number(arg('clients', '50'));
const RUNS = arg('runs', '1000x35,1000x10').split(',').map((r) => r.split('x').map(Number) as [number, number]);
const TEACHERS = 50;
const AUDIENCE = 'gradebot-addon.bench';

/** What the route never needs here: the bench only reads. */
const readOnly: ApiServices = {
  admitAssignment: () => Promise.reject(new GradeBotError('unavailable', 'not part of the bench')),
  retryWork: () => Promise.reject(new GradeBotError('unavailable', 'not part of the bench')),
  startGrading: () => Promise.reject(new GradeBotError('unavailable', 'not part of the bench')),
  regrade: () => Promise.reject(new GradeBotError('unavailable', 'not part of the bench')),
  createCheckoutUrl: () => Promise.reject(new GradeBotError('unavailable', 'not part of the bench')),
  createPortalUrl: () => Promise.reject(new GradeBotError('unavailable', 'not part of the bench')),
  setExamples: () => Promise.reject(new GradeBotError('unavailable', 'not part of the bench')),
  regradeLikeExamples: () => Promise.reject(new GradeBotError('unavailable', 'not part of the bench')),
  saveExamples: () => Promise.reject(new GradeBotError('unavailable', 'not part of the bench')),
};

function assignmentDoc(id: string, userId: string, works: number, complete: boolean, at: Date): Assignment {
  const levels = ['Exceeds', 'Meets', 'Approaching', 'Beginning'].map((title, position) => ({ id: `l${position}`, title, description: `${title} the standard.`, position }));
  return {
    id, userId, title: `Essay ${id}`, subject: 'English', gradeLevel: 'Grade 9', instructions: 'Argue for or against a later school start.',
    rubricMode: 'generate', rawRubricText: null, feedbackTone: 'neutral', status: complete ? 'complete' : 'processing',
    rubric: { source: 'generated', createdAt: at, criteria: ['Claim', 'Evidence', 'Reasoning', 'Organization'].map((title, position) => ({ id: `c${position}`, title, description: `${title} of the essay.`, position, levels })) },
    progress: { total: works, completed: complete ? works : Math.floor(works / 2), failed: 0, rubricDone: true, summaryDone: complete },
    works: Array.from({ length: works }, (_, i) => ({ id: `w${i + 1}`, title: `Student ${i + 1}`, googleDocId: `doc${id}w${i + 1}`.padEnd(20, 'x'), status: complete || i < works / 2 ? 'completed' : 'pending', failureReason: null })),
    costUsd: 0.1, totalProcessingMs: complete ? 300_000 : null, quotaMonth: '2026-03', createdAt: at, updatedAt: at,
    processingStartedAt: at, completedAt: complete ? at : null, purgeTextAt: null,
  };
}

function workDoc(a: Assignment, i: number): StudentWork {
  const e = a.works[i]!;
  return {
    id: e.id, assignmentId: a.id, userId: a.userId, position: i,
    selectedDocument: { googleDocId: e.googleDocId, title: e.title, url: `https://docs.google.com/document/d/${e.googleDocId}/edit` },
    wordCount: 208, status: e.status, failureReason: null, feedback: null, writingProcess: null, sent: [], attempts: 1, createdAt: a.createdAt, updatedAt: a.createdAt, completedAt: null,
  };
}

/** 1,000 × 35 works is 36,000 documents: BulkWriter keeps many writes in flight. */
async function seed(paths: Paths, db: Firestore, assignments: number, works: number): Promise<Map<string, string[]>> {
  const owned = new Map<string, string[]>();
  const writer = db.bulkWriter();
  const at = new Date('2026-03-10T12:00:00Z');
  for (let n = 0; n < assignments; n += 1) {
    const userId = `teacher-${n % TEACHERS}`;
    const a = assignmentDoc(`a${String(n).padStart(5, '0')}`, userId, works, n % 2 === 0, at);
    void writer.set(paths.assignment(a.id), a);
    for (let i = 0; i < works; i += 1) void writer.set(paths.work(a.id, a.works[i]!.id), workDoc(a, i));
    if (a.progress.summaryDone) {
      void writer.set(paths.summary(a.id), { assignmentId: a.id, studentWorkCount: works, qualitativeInsights: aiText('Most claims were clear.'), feedbackItems: [], nextSteps: ['Cite sources.'], createdAt: at, updatedAt: at });
    }
    owned.set(userId, [...(owned.get(userId) ?? []), a.id]);
  }
  await writer.close();
  return owned;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function run(emulatorHost: string, issuerUrl: string, sign: (sub: string) => string, assignments: number, works: number) {
  const projectId = `bench-api-${assignments}x${works}-${Date.now()}`;
  const env = { GRADEBOT_ENV: 'test', GCP_PROJECT_ID: projectId, FIRESTORE_EMULATOR_HOST: emulatorHost, AUTH_ISSUERS: issuerUrl, AUTH_CERTS_URL: `${issuerUrl}/oauth2/v1/certs`, ADDON_OAUTH_CLIENT_ID: AUDIENCE };
  const base = loadConfig(env);
  const config = { ...base, api: loadApiConfig(env, base) };
  const db = createFirestore({ projectId, databaseId: '(default)', emulatorHost });
  const paths = createPaths(db);

  const seeded = performance.now();
  const owned = await seed(paths, db, assignments, works);
  const seedSeconds = (performance.now() - seeded) / 1000;

  // Every document the process asks for goes through Firestore#getAll (DocumentReference#get too).
  let docsRead = 0;
  const getAll = db.getAll.bind(db);
  db.getAll = ((...args: Parameters<Firestore['getAll']>) => {
    docsRead += args.filter((a) => a instanceof DocumentReference).length;
    return getAll(...args);
  }) as Firestore['getAll'];

  const deps = { ...buildDeps(config, { db, paths, logger: silentLogger }), config };
  const name = `benchApi${assignments}x${works}`;
  http(name, hostFunction(createApiHandler(deps, readOnly), { name: 'api', logger: silentLogger, projectId }));
  const server: Server = getTestServer(name);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const teachers = [...owned.keys()];
  const tokens = new Map(teachers.map((t) => [t, sign(t)]));
  const poll = async (teacher: string) => {
    const ids = owned.get(teacher)!;
    const started = performance.now();
    const res = await fetch(`${url}/assignments/${ids[Math.floor(Math.random() * ids.length)]}`, { headers: { authorization: `Bearer ${tokens.get(teacher)}` } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET detail answered ${res.status}`);
    return { ms: performance.now() - started, reads: Number(res.headers.get('x-gradebot-doc-reads')) };
  };
  // Warm-up: each teacher's first request ensures their user document once per instance.
  await Promise.all(teachers.map((t) => poll(t)));

  const latencies: number[] = [];
  const routeReads: number[] = [];
  docsRead = 0;
  const deadline = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      const teacher = teachers[c % teachers.length]!;
      while (performance.now() < deadline) {
        const r = await poll(teacher);
        latencies.push(r.ms);
        routeReads.push(r.reads);
      }
    }),
  );
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await db.terminate();

  latencies.sort((a, b) => a - b);
  const n = latencies.length;
  return {
    run: `${assignments} × ${works} works`,
    seeded: `${(assignments * (works + 1) + Math.ceil(assignments / 2)).toLocaleString('en-US')} docs in ${seedSeconds.toFixed(1)} s`,
    requests: n,
    'req/s': Math.round(n / SECONDS),
    'p50 ms': percentile(latencies, 50).toFixed(1),
    'p99 ms': percentile(latencies, 99).toFixed(1),
    'max ms': (latencies[n - 1] ?? 0).toFixed(1),
    'reads/req (route)': (routeReads.reduce((s, r) => s + r, 0) / n).toFixed(2),
    'max reads (route)': Math.max(...routeReads),
    'reads/req (process)': (docsRead / n).toFixed(2),
  };
}

async function main(): Promise<void> {
  const emulator = await startFirestoreEmulator({ port: await freePort(), jarPath: process.env.FIRESTORE_EMULATOR_JAR });
  const issuer = await startLocalIssuer({ port: 0 });
  try {
    const rows = [];
    for (const [assignments, works] of RUNS) {
      console.log(`seeding and polling ${assignments} assignments × ${works} works (${CLIENTS} clients, ${SECONDS} s)…`);
      rows.push(await run(emulator.address, issuer.url, (sub) => issuer.signIdToken({ sub, email: `${sub}@school.test`, aud: AUDIENCE }), assignments, works));
    }
    console.table(rows);
  } finally {
    await issuer.close();
    await emulator.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
