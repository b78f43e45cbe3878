import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Firestore } from '@google-cloud/firestore';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createAdminHandler } from '../../cloud/admin/create-admin-handler';
import { type CellKind, formatCell, parseCsvNumber } from '../../cloud/admin/render/format';
import { loadConfig } from '../../cloud/config';
import { loadAdminConfig } from '../../cloud/config/admin';
import { buildDeps } from '../../cloud/deps';
import { hostFunction } from '../../cloud/http/function-host';
import { silentLogger } from '../../cloud/log';
import { createPaths } from '../../cloud/store/paths';
import { freePort } from '../../dev/free-port';
import { type LocalIssuer, startLocalIssuer } from '../../dev/issuer/local-issuer';
import { seedAdminDemo } from '../../dev/seed/admin-demo';
import { testFirestore } from '../support/firestore';

// The dashboard in a real browser: local sign-in like GIS, totals and charts for seeded data,
// drill-down to one request, CSV exports that match the page, 403 for a non-admin.
//
// It is served as Cloud Functions serves it: under https://REGION-PROJECT.cloudfunctions.net/admin
// the browser's paths start with /admin and the function sees them without it. A tiny server in
// front strips the prefix and answers 404 to anything outside it, so a root-relative link, form,
// redirect, stylesheet or CSV link fails here as it would in production.

const ADMIN = 'ops@gradebot.example';
const SHOTS = join(__dirname, '../../test-artifacts/admin');

let issuer: LocalIssuer;
let server: Server;
let front: Server;
/** Requests the browser made outside /admin (each one a link that would 404 in production). */
const strays: string[] = [];
let db: Firestore;
let browser: Browser;
let adminUrl: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  issuer = await startLocalIssuer({ port: 0 });
  const adminPort = await freePort();
  const frontPort = await freePort();
  const env = { GRADEBOT_ENV: 'test', ISSUER_PORT: new URL(issuer.url).port, ADMIN_PORT: String(adminPort), ADMIN_URL: `http://127.0.0.1:${frontPort}/admin`, ADMIN_EMAILS: ADMIN };
  const config = { ...loadConfig(env), admin: loadAdminConfig(env, { local: true }) };
  db = testFirestore();
  const deps = { ...buildDeps(config, { db, logger: silentLogger }), config };
  await seedAdminDemo({ paths: createPaths(db), now: new Date(), assignmentsPerTeacher: 4, maxWorks: 14 });
  http('admin', hostFunction(createAdminHandler(deps), { name: 'admin', logger: silentLogger, projectId: config.projectId }));
  server = getTestServer('admin');
  await new Promise<void>((resolve) => server.listen(adminPort, '127.0.0.1', resolve));
  front = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/admin' || url.startsWith('/admin/') || url.startsWith('/admin?')) {
      req.url = url.slice('/admin'.length).replace(/^(?!\/)/, '/');
      server.emit('request', req, res);
      return;
    }
    // The browser asks the host for /favicon.ico by itself; that is not a link of ours.
    if (url !== '/favicon.ico') strays.push(`${req.method} ${url}`);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not the admin function');
  });
  await new Promise<void>((resolve) => front.listen(frontPort, '127.0.0.1', resolve));
  adminUrl = config.urls.admin;
  expect(adminUrl).toBe(`http://127.0.0.1:${frontPort}/admin`);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (front ? front.close(() => resolve()) : resolve()));
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await issuer?.close();
  await db?.terminate();
});

/** Through the local issuer's page, as a person would: type the email, continue. */
async function signIn(page: Page, email: string) {
  await page.goto(`${adminUrl}/`);
  await page.getByRole('link', { name: 'Sign in with the local issuer' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Next' }).click();
  const [response] = await Promise.all([page.waitForResponse((r) => r.url() === `${adminUrl}/auth/callback`), page.getByRole('button', { name: `Continue as ${email}` }).click()]);
  await page.waitForLoadState();
  return response;
}

/** The page's table as text cells, and the CSV the table's link downloads, parsed. */
async function tableAndCsv(page: Page, id: string) {
  const table = page.locator(`table#${id}`);
  // A table that backs a chart is folded under "Data: …": unfold it, as a reader would.
  await table.evaluate((t) => t.closest('details')?.setAttribute('open', ''));
  const kinds = (await table.locator('thead th').evaluateAll((ths) => ths.map((th) => th.textContent ?? ''))) as string[];
  const pageRows = await table.locator('tbody tr, tfoot tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th,td')].map((c) => c.textContent ?? '')));
  const [download] = await Promise.all([page.waitForEvent('download'), table.getByRole('link', { name: 'Download CSV' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  const csvRows = csv.trim().split('\r\n').map(splitCsv);
  return { header: kinds, pageRows, csvHeader: csvRows[0]!, csvRows: csvRows.slice(1) };
}

function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted && ch === '"' && line[i + 1] === '"') (cur += '"'), i++;
    else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) out.push(cur), (cur = '');
    else cur += ch;
  }
  return [...out, cur];
}

/** Every CSV cell, formatted as the page formats it, equals the page's text (totals row included). */
function expectCsvMatchesPage(t: Awaited<ReturnType<typeof tableAndCsv>>) {
  expect(t.csvRows).toHaveLength(t.pageRows.length);
  t.csvRows.forEach((row, i) => {
    row.forEach((cell, j) => {
      const shown = t.pageRows[i]![j];
      const h = t.csvHeader[j]!;
      const unit: CellKind | undefined = h.endsWith('(USD)') ? 'usd' : h.endsWith('(%)') ? 'percent' : h.endsWith('(ms)') ? 'ms' : undefined;
      if (cell === '') expect(shown).toBe('—');
      else if (/^>-?\d/.test(cell)) expect(formatCell(unit ?? 'int', { over: parseCsvNumber(unit ?? 'int', cell.slice(1))! })).toBe(shown);
      else if (/^-?\d+(\.\d+)?$/.test(cell)) {
        const kind = unit ?? (/\.\d{3}$/.test(cell) ? 'decimal' : 'int');
        expect(formatCell(kind, parseCsvNumber(kind, cell))).toBe(shown);
      } else if (/^\d{4}-\d\d-\d\dT/.test(cell)) expect(formatCell('datetime', new Date(cell))).toBe(shown);
      else expect(cell).toBe(shown);
    });
  });
}

/**
 * Every link, form and stylesheet of the page stays under /admin (or is an in-page anchor), and
 * no column header overflows its cell (long labels wrap instead of running into the next column).
 */
async function expectPageFits(page: Page) {
  const targets = await page.$$eval('a[href], form[action], link[href]', (els) => els.map((e) => e.getAttribute('href') ?? e.getAttribute('action') ?? ''));
  expect(targets.length).toBeGreaterThan(3);
  for (const t of targets) expect(t).toMatch(/^(\/admin\/|#)/);
  // The stylesheet loaded (from /admin/assets/admin.css): the header has its background.
  expect(await page.locator('header').evaluate((h) => getComputedStyle(h).backgroundColor)).toBe('rgb(246, 248, 250)');
  const overflowing = await page.locator('thead th').evaluateAll((ths) =>
    ths.flatMap((th) => {
      const label = th.firstElementChild ?? th;
      const cell = th.getBoundingClientRect();
      const text = label.getBoundingClientRect();
      return th.scrollWidth > th.clientWidth || text.right > cell.right + 0.5 || label.scrollWidth > label.clientWidth ? [th.textContent] : [];
    }),
  );
  expect(overflowing).toEqual([]);
}

test('no sign-in → the sign-in page', async () => {
  const page = await browser.newPage();
  const res = await page.goto(`${adminUrl}/teachers`);
  expect(page.url()).toBe(`${adminUrl}/signin?expired=1`);
  expect(res!.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
  await page.screenshot({ path: join(SHOTS, 'signin.png') });
  const csv = await page.request.get(`${adminUrl}/?format=csv&table=totals`, { maxRedirects: 0 });
  expect(csv.status()).toBe(303);
  await page.close();
});

test('a non-admin who signs in gets 403', async () => {
  const page = await browser.newPage();
  const res = await signIn(page, 'someone.else@school.example');
  expect(res.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Not allowed' }).isVisible()).resolves.toBe(true);
  await page.screenshot({ path: join(SHOTS, 'forbidden.png') });
  expect((await page.request.get(`${adminUrl}/`, { maxRedirects: 0 })).status()).toBe(303);
  await page.close();
});

test('an admin sees totals and charts, exports CSVs that match the page, and drills down to one request', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const res = await signIn(page, ADMIN);
  expect(res.status()).toBe(303);
  expect(page.url()).toBe(`${adminUrl}/`);

  await expect(page.getByRole('heading', { name: 'Overview' }).isVisible()).resolves.toBe(true);
  const thirty = await page.locator('table#totals tbody tr', { hasText: 'Last 30 days' }).locator('td').allTextContents();
  expect(thirty[1]).toMatch(/^\$\d/);
  expect(Number(thirty[2]!.replace(/,/g, ''))).toBeGreaterThan(100);
  for (const name of ['LLM cost per day by model, last 30 days', 'LLM cost per day by request type, last 30 days', 'Cache-read share of prompt tokens per day, last 30 days', 'Processing time p50 and p95 against the targets, last 30 days']) {
    await expect(page.getByRole('img', { name }).isVisible()).resolves.toBe(true);
  }
  expect(await page.locator('svg rect title').count()).toBeGreaterThan(30);
  await expectPageFits(page);
  await page.screenshot({ path: join(SHOTS, 'overview.png'), fullPage: true });
  expectCsvMatchesPage(await tableAndCsv(page, 'totals'));
  expectCsvMatchesPage(await tableAndCsv(page, 'processing'));

  await page.getByRole('link', { name: 'Margins' }).click();
  await expect(page.locator('table#plan-margins').isVisible()).resolves.toBe(true);
  await expectPageFits(page);
  await page.screenshot({ path: join(SHOTS, 'margins.png'), fullPage: true });
  expectCsvMatchesPage(await tableAndCsv(page, 'plan-margins'));
  await page.getByRole('link', { name: 'Product usage' }).click();
  await expectPageFits(page);
  await page.screenshot({ path: join(SHOTS, 'usage.png'), fullPage: true });
  expectCsvMatchesPage(await tableAndCsv(page, 'weekly-usage'));

  // Feedback quality: agreement over time, by model / prompt version / tone, a teacher drill-down.
  await page.getByRole('link', { name: 'Feedback quality' }).click();
  await expect(page.getByRole('heading', { name: 'Feedback quality' }).isVisible()).resolves.toBe(true);
  await expect(page.getByRole('img', { name: 'Level agreement per day, last 30 days' }).isVisible()).resolves.toBe(true);
  const byModel = await tableAndCsv(page, 'quality-by-model');
  expectCsvMatchesPage(byModel);
  // The demo's switch from Haiku 4.5 to 5.5 shows as two rows, each with some reviewed works.
  expect(byModel.pageRows.map((r) => r[0]).sort()).toEqual(['Total', 'claude-haiku-4-5', 'claude-haiku-5-5']);
  expect(byModel.pageRows.at(-1)![4]).toMatch(/^\d+\.\d%$/);
  expectCsvMatchesPage(await tableAndCsv(page, 'quality-by-prompt'));
  expectCsvMatchesPage(await tableAndCsv(page, 'quality-by-tone'));
  await expectPageFits(page);
  await page.screenshot({ path: join(SHOTS, 'quality.png'), fullPage: true });
  await page.locator('table#quality-by-teacher tbody tr').first().getByRole('link').click();
  const perAssignment = await tableAndCsv(page, 'teacher-quality');
  expectCsvMatchesPage(perAssignment);
  expect(perAssignment.pageRows.length).toBeGreaterThan(1);
  await expectPageFits(page);
  await page.screenshot({ path: join(SHOTS, 'quality-teacher.png'), fullPage: true });
  await page.getByRole('link', { name: 'Product usage' }).click();
  await page.getByRole('link', { name: 'Unit costs' }).click();
  await expectPageFits(page);
  await page.screenshot({ path: join(SHOTS, 'unit-costs.png'), fullPage: true });
  expectCsvMatchesPage(await tableAndCsv(page, 'unit-costs'));
  expectCsvMatchesPage(await tableAndCsv(page, 'work-distribution'));
  // The per-work row counts graded works, and so does the per-work distribution.
  const summary = await tableAndCsv(page, 'unit-costs');
  const works = await tableAndCsv(page, 'work-distribution');
  expect(summary.pageRows[1]![0]).toMatch(/^Per graded student work/);
  expect(works.pageRows.at(-1)![1]).toBe(summary.pageRows[1]![1]);

  // Teachers by cost → the top teacher → their first assignment → its first request.
  await page.getByRole('link', { name: 'Teachers' }).click();
  const teachers = await tableAndCsv(page, 'teachers');
  expectCsvMatchesPage(teachers);
  await page.locator('table#teachers tbody tr').first().getByRole('link').click();
  await expect(page.locator('table#assignments').isVisible()).resolves.toBe(true);
  await expectPageFits(page);
  await page.screenshot({ path: join(SHOTS, 'teacher.png'), fullPage: true });
  await page.locator('table#assignments tbody tr').first().getByRole('link').click();
  const requests = await tableAndCsv(page, 'requests');
  expectCsvMatchesPage(requests);
  const total = requests.pageRows.at(-1)!;
  expect(total[0]).toBe('Total');
  await expectPageFits(page);
  await page.screenshot({ path: join(SHOTS, 'assignment.png'), fullPage: true });
  const firstCost = requests.pageRows[0]![requests.header.indexOf('Cost')]!;
  await page.locator('table#requests tbody tr').first().getByRole('link').click();
  await expect(page.getByRole('heading', { name: /^Request / }).isVisible()).resolves.toBe(true);
  expect(await page.locator('table#request tr', { hasText: /^Cost\$/ }).locator('td').textContent()).toBe(firstCost);
  await expectPageFits(page);
  await page.screenshot({ path: join(SHOTS, 'request.png'), fullPage: true });

  // Sign out: the next page load is the sign-in page again.
  await page.getByRole('button', { name: 'Sign out' }).click();
  expect(page.url()).toBe(`${adminUrl}/signin?signed_out=1`);
  await expect(page.getByText('You are signed out.').isVisible()).resolves.toBe(true);
  await page.close();
  expect(strays).toEqual([]);
  // Nine pages, each with its CSVs, in one browser session: minutes on a loaded machine.
}, 180_000);
