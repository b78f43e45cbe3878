/**
 * What reading writing-process evidence adds to a 35-Doc Submit, on the local stack: the add-on's
 * own code (drive-export + writing-process-read) over the fake UrlFetchApp with real HTTP, against
 * the local Drive stand-in in its own process, 35 Docs of ~600 words written over four sessions
 * (12 revisions each). Prints the Google API calls per Doc and per submit, fetchAll round trips, and
 * the median wall time of the text export alone vs. export + history, over --runs runs.
 *
 *   npx tsx bench/writing-process.ts [--runs 5] [--docs 35]
 *
 * The fake's fetchAll sends its requests one after another (Apps Script's runs them concurrently),
 * so the local times are an upper bound for the same number of requests; over the internet each
 * fetchAll round trip costs about one Google latency (≈0.3–1 s), not one per request.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportDocs } from '../addon/services/drive-export';
import { createGoogleHttp } from '../addon/services/google-http';
import { readWritingProcesses } from '../addon/services/writing-process-read';
import { createSyncHttp, createUrlFetchApp } from '../dev/apps-script-fakes';
import { freePort } from '../dev/free-port';
import { PROCESS_READ_LIMITS } from '../shared/rules/writing-process';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const RUNS = Number(arg('runs', '5'));
const DOCS = Number(arg('docs', '35'));
const TEACHER = 'bench.teacher@school.example';

async function startDrive(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../dev/drive-server/main.ts')], {
    env: { ...process.env, DRIVE_PORT: String(port), GRADEBOT_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`drive stand-in exited with ${code}`)));
    child.stdout!.on('data', (b: Buffer) => {
      if (b.toString().includes('Local Drive + Docs')) resolve();
    });
  });
  return child;
}

/** ~600 distinct-ish words: an essay-sized text whose runs of words are unique. */
function essay(n: number): string {
  const words = Array.from({ length: 600 }, (_, i) => `w${n}_${i}${i % 17 === 16 ? '.' : ''}`);
  return Array.from({ length: 6 }, (_, p) => words.slice(p * 100, (p + 1) * 100).join(' ')).join('\n');
}

/** Twelve revisions in four sessions on three days. */
function history(): Array<{ at: string; upTo: number }> {
  const starts = ['2025-03-10T18:00:00Z', '2025-03-11T19:00:00Z', '2025-03-11T21:00:00Z', '2025-03-13T20:00:00Z'];
  return starts.flatMap((s, k) => [0, 1, 2].map((j) => ({ at: new Date(Date.parse(s) + j * 20 * 60_000).toISOString(), upTo: Math.min(1, (k * 3 + j + 1) / 12) })));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'gradebot-bench-wp-'));
  const child = await startDrive(port, dataDir);
  const base = `http://127.0.0.1:${port}`;
  const sync = createSyncHttp();
  try {
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const token = String((await post('/_dev/tokens', { email: TEACHER })).access_token);
    const ids: string[] = [];
    for (let i = 0; i < DOCS; i++) ids.push(String((await post('/_dev/documents', { name: `Essay ${i + 1}`, text: essay(i), history: history() })).id));
    await post('/_dev/grants', { email: TEACHER, fileIds: ids });
    const refs = ids.map((id, i) => ({ googleDocId: id, title: `Essay ${i + 1}`, url: `${base}/document/d/${id}/edit` }));

    const exportMs: number[] = [];
    const processMs: number[] = [];
    const computeMs: number[] = [];
    let calls = { list: 0, exports: 0, roundTrips: 0 };
    let summaries: ReturnType<typeof readWritingProcesses> = [];
    for (let r = 0; r < RUNS; r++) {
      const urlFetch = createUrlFetchApp({ transport: sync.transport });
      const http = createGoogleHttp(urlFetch, () => token);
      const t0 = performance.now();
      const outcomes = exportDocs(refs, { http, driveApiBaseUrl: base, batchSize: 10 });
      const t1 = performance.now();
      const docs = outcomes.flatMap((o) => (o.ok ? [{ googleDocId: o.document.googleDocId, text: o.document.text }] : []));
      const trips = urlFetch.roundTrips;
      const before = urlFetch.requests.length;
      // The network part of the history read, to tell it from the metrics computed on it.
      let networkMs = 0;
      const timed = { ...http, getAll: (urls: string[]) => { const s = performance.now(); try { return http.getAll(urls); } finally { networkMs += performance.now() - s; } } };
      summaries = readWritingProcesses(docs, { http: timed, driveApiBaseUrl: base, docsExportBaseUrl: base, now: () => Date.now(), startedAt: Date.now() });
      const t2 = performance.now();
      exportMs.push(t1 - t0);
      processMs.push(t2 - t1);
      computeMs.push(t2 - t1 - networkMs);
      const made = urlFetch.requests.slice(before);
      calls = { list: made.filter((q) => q.url.includes('/drive/v3/')).length, exports: made.filter((q) => q.url.includes('/feeds/download/')).length, roundTrips: urlFetch.roundTrips - trips };
    }
    const summarized = summaries.filter((s) => s.status === 'summarized').length;
    console.log(`${DOCS} Docs, ~600 words, 12 revisions each in 4 sessions; ${RUNS} runs; caps ${PROCESS_READ_LIMITS.samplesPerDoc}/Doc, ${PROCESS_READ_LIMITS.samplesPerSubmit}/submit`);
    console.log(`Google API calls per Doc: 1 text export (before) + ${calls.list / DOCS} (files.get owners, revisions.list) + ${(calls.exports / DOCS).toFixed(1)} revision exports = ${(1 + (calls.list + calls.exports) / DOCS).toFixed(1)}`);
    console.log(`per submit: ${DOCS} text exports + ${calls.list} list calls + ${calls.exports} revision exports = ${DOCS + calls.list + calls.exports} UrlFetchApp calls; history read in ${calls.roundTrips} fetchAll round trips (text export: ${Math.ceil(DOCS / 10)})`);
    console.log(`summaries: ${summarized}/${DOCS} summarized`);
    console.log(`wall time, median of ${RUNS}: text export ${median(exportMs).toFixed(0)} ms; writing-process read adds ${median(processMs).toFixed(0)} ms (min ${Math.min(...processMs).toFixed(0)}, max ${Math.max(...processMs).toFixed(0)}), of which computing the summaries ${median(computeMs).toFixed(0)} ms`);
  } finally {
    await sync.close();
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
