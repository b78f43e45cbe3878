import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { DEFAULT_CHART_STYLE, paletteColour } from '../../cloud/stats/chart-png';
import { countWords } from '../../shared/api';
import { type LocalProduct, startLocalProduct } from './support/local-product';
import { essayOfWords } from './support/essays';
import { SidebarDriver } from './support/sidebar-driver';
import { emulatorAddress } from '../support/firestore';

// The teacher's whole journey in a real browser, in the sidebar preview running the built add-on
// against the local stack: create → Picker → grade → review → edit → insert → streak; a Doc over
// the word limit; Retry; the free plan's limit. The tests run in order on one teacher's data.

const SHOTS = join(__dirname, '../../test-artifacts/journey');
/** The README's picture of the preview; written when absent (delete it to take a new one). */
const README_IMAGE = join(__dirname, '../../docs/images/sidebar-preview.png');
const TIME_ZONE = 'America/New_York';
const SAMPLES = ['Maya Chen – Later Start Essay', 'Daniel Okafor – Later Start Essay', 'Olivia Nguyen – Later Start Essay', 'Tyler Brooks – Later Start Essay', 'Ava Patel – Later Start Essay'];
const LONG_DOC = 'Riley Park – Later Start Essay';
/** Markup characters in the title: shown as typed in the card header (plain text) and in the list (escaped HTML). */
const TITLE = 'Should our school start later? <Q&A>';

let product: LocalProduct;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let sb: SidebarDriver;
let assignmentCard: string;

beforeAll(async () => {
  rmSync(SHOTS, { recursive: true, force: true });
  product = await startLocalProduct({ emulatorAddress: emulatorAddress() });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: TIME_ZONE, locale: 'en-US' });
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
  sb = new SidebarDriver(page, SHOTS);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await product?.close();
});

/** Read "X/Y" and the failed count off the detail card's Progress section. */
async function progress(): Promise<{ completed: number; total: number; failed: number; complete: boolean }> {
  const text = await sb.text();
  const m = /Graded\s+(\d+)\/(\d+)(?: · (\d+) failed)?/.exec(text);
  if (!m) throw new Error(`No progress on the card:\n${text}`);
  return { completed: Number(m[1]), total: Number(m[2]), failed: Number(m[3] ?? 0), complete: text.includes('● Complete') };
}

/** Refresh until the assignment is complete (a bounded number of times); the completed counts seen. */
async function refreshUntilComplete(): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < 120; i++) {
    const p = await progress();
    seen.push(p.completed);
    if (p.complete) return seen;
    await page.waitForTimeout(250);
    await sb.click('Refresh');
  }
  throw new Error(`Still not complete after 120 refreshes; completed counts seen: ${seen.join(', ')}`);
}

/**
 * "Select student work" → the add-on's Picker page in its own window (OVERLAY: a pop-up, the web app
 * in Apps Script's sandboxed frame) → the local Picker → back on the form.
 */
async function chooseInPicker(names: string[], shot?: string): Promise<void> {
  const win = await sb.clickForWindow('Select student work');
  const picker = SidebarDriver.webApp(win).frameLocator('iframe');
  for (const name of names) await picker.getByRole('checkbox', { name, exact: true }).check();
  if (shot) await sb.shot(shot, win);
  // The Picker page saves the choice (google.script.run) and closes its window as production does
  // (window.top.close()); the add-on reloads on close (OnClose.RELOAD).
  await Promise.all([win.waitForEvent('close'), picker.getByRole('button', { name: 'Select', exact: true }).click()]);
  await page.locator('.overlay').waitFor({ state: 'detached' });
  await sb.waitForCard('assignment-form');
}

test('the journey: new assignment → Picker → grading → edit a strength → insert into the Doc → streak and chart', async () => {
  const long = product.stack.drive.addDocument({ name: LONG_DOC, text: essayOfWords(2001), owner: { name: 'Riley Park', email: 'riley.park@students.westbrook.example' } });
  expect(countWords(product.stack.drive.exportText(long.id))).toBe(2001);

  await page.goto(product.preview.url);
  await sb.waitForCard('home');
  expect(await sb.text()).toContain('No assignments yet');
  await sb.shot('home-empty', true);

  await sb.click('New assignment');
  await sb.waitForCard('assignment-form');
  await sb.fill('Title', TITLE);
  await sb.fill('Subject', 'English Language Arts');
  await sb.card().getByLabel('Grade level', { exact: true }).selectOption('Grade 8');
  await sb.fill('Instructions', 'Write a persuasive essay of 500–800 words: take a side on a later school start, support it with two sources, and answer one counterargument.');
  await sb.card().getByRole('radio', { name: 'Objective' }).check();
  await sb.shot('form');

  await chooseInPicker([...SAMPLES, LONG_DOC], 'picker');
  const form = await sb.text();
  expect(form).toContain('6 of 35 Docs chosen');
  for (const name of [...SAMPLES, LONG_DOC]) expect(form).toContain(name);
  // The form came back as the teacher left it.
  await expect(sb.card().getByLabel('Title', { exact: true }).inputValue()).resolves.toBe(TITLE);
  await expect(sb.card().getByRole('radio', { name: 'Objective' }).isChecked()).resolves.toBe(true);
  await sb.shot('form-with-docs');

  // Hold the queue so the first detail card shows the assignment before anything is graded.
  await product.queue('pause');
  await product.scriptModel(['ok', 'refusal']);
  await sb.click('Submit for grading');
  await sb.waitForCard(/^assignment-/);
  assignmentCard = await sb.settled();
  expect(await sb.toast()).toContain('Submitted for grading.');
  // The header shows the title as typed: not escaped by the add-on, not parsed as HTML by the panel.
  expect(await sb.card().locator('.card-header .title').innerText()).toBe(TITLE);
  const first = await sb.text();
  expect(first).toContain('GradeBot is creating your rubric…');
  expect((await progress()).completed).toBe(0);
  await sb.shot('detail-submitted');

  await product.queue('resume');
  const counts = await refreshUntilComplete();
  expect(counts[0]).toBe(0);
  counts.forEach((c, i) => i > 0 && expect(c).toBeGreaterThanOrEqual(counts[i - 1]!));
  const done = await progress();
  expect(done).toEqual({ completed: 4, total: 6, failed: 2, complete: true });
  const detail = await sb.text();
  expect(detail).not.toContain('GradeBot is creating your rubric…');
  // The rubric has replaced "creating your rubric…": criteria, each with its level descriptors.
  const criteria = sb.card().locator('section', { has: page.getByRole('heading', { name: 'Rubric', exact: true }) }).locator('.decorated');
  expect(await criteria.count()).toBeGreaterThanOrEqual(2);
  const levels = (await criteria.first().locator('.label.bottom').innerText()).split('\n').filter((l) => l.includes(': '));
  expect(levels.length).toBeGreaterThanOrEqual(2);
  expect(detail).toContain(`${LONG_DOC}\nFailed: Longer than 2,000 words`);
  expect(detail).toContain('Failed: Claude declined to give feedback on this work.');
  expect(detail).toContain('Class summary');
  await sb.shot('detail-complete');

  // Open Maya's work, edit her first strength, save.
  await sb.click('View feedback', 'Maya Chen');
  await sb.waitForCard(/^work-/);
  // The AI-use check is worded for a teacher, with its caution, as the stored check types come.
  expect(await sb.text()).toMatch(/AI-generated likelihood\n\d+%[\s\S]+This is a signal, not proof/);
  await sb.shot('work');
  await sb.card().locator('section', { hasText: 'Strengths' }).getByRole('button', { name: 'Edit' }).first().click();
  await sb.waitForCard('edit-feedback');
  const edited = 'You state your position in the first sentence and keep returning to it — edited by the teacher.';
  await sb.fill('Description', edited);
  await sb.shot('edit-strength');
  await sb.click('Save');
  await sb.waitForCard(/^work-/);
  expect(await sb.toast()).toBe('Saved. The original AI text is kept.');
  expect(await sb.text()).toContain(edited);

  await sb.click('Insert into Doc');
  await sb.waitForCard('insert-into-doc');
  await sb.shot('insert');
  await sb.click('Insert');
  await sb.waitForCard(/^work-/);
  expect(await sb.toast()).toBe('Inserted into "Maya Chen – Later Start Essay".');
  expect(await sb.text()).toMatch(/Inserted .+: qualitative feedback, strengths and opportunities, rubric levels/);

  // "Open Doc" opens the student's Doc in a new tab: the feedback is at its end, as edited.
  const [docTab] = await Promise.all([context.waitForEvent('page'), sb.button('Open Doc').click()]);
  await docTab.waitForLoadState();
  const docText = await docTab.locator('body').innerText();
  expect(docText).toContain(edited);
  expect(docText.indexOf(edited)).toBeGreaterThan(docText.indexOf('Feedback'));
  await docTab.getByText(edited).scrollIntoViewIfNeeded();
  await docTab.screenshot({ path: join(SHOTS, 'doc-with-feedback.png') });
  await docTab.close();

  // Back to the assignment (the work was pushed over it), then its "All assignments": a fresh list
  // with a one-day streak, and today's square in the chart is shaded.
  await sb.back();
  await sb.waitForCard(assignmentCard);
  // "Your standard": Maya's work is reviewed (edited and inserted) and she kept every level.
  await sb.click('Refresh');
  await sb.waitForCard(assignmentCard);
  const standard = await sb.text();
  expect(standard).toMatch(/You kept (\d+) of \1 levels on this assignment/);
  expect(standard).toContain('Examples of my standard');
  expect(standard).toContain('English · Standard length');
  await sb.card().locator('section', { hasText: 'Your standard' }).scrollIntoViewIfNeeded();
  await sb.shot('detail-your-standard');
  await sb.click('Choose');
  await sb.waitForCard('choose-examples');
  await sb.shot('choose-examples');
  await sb.back();
  await sb.waitForCard(assignmentCard);
  await sb.click('All assignments');
  await sb.waitForCard('home');
  const home = await sb.text();
  expect(home).toContain('1-day streak');
  expect(home).toMatch(/Streak\s+1 day/);
  expect(home).toContain(TITLE);
  await sb.shot('home-streak');
  await expectTodayShaded();
}, 150_000);

/** The chart PNG the card shows: today's square (last column, today's weekday row) is not blank. */
async function expectTodayShaded(): Promise<void> {
  const src = await sb.card().locator('.image img').getAttribute('src');
  const res = await page.request.get(src!);
  expect(res.status()).toBe(200);
  const png = PNG.sync.read(await res.body());
  const { cell, gap, margin } = DEFAULT_CHART_STYLE;
  const pitch = cell + gap;
  const weekday = new Date().toLocaleDateString('en-US', { timeZone: TIME_ZONE, weekday: 'short' });
  const row = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(weekday);
  const columns = (png.width - 2 * margin + gap) / pitch;
  const at = (col: number, r: number) => {
    const i = ((margin + r * pitch + cell / 2) * png.width + margin + col * pitch + cell / 2) * 4;
    return [png.data[i], png.data[i + 1], png.data[i + 2]];
  };
  expect(at(columns - 1, row)).toEqual(paletteColour(4));
  expect(at(columns - 2, row)).toEqual(paletteColour(0));
}

test('a Doc over 2,000 words cannot be retried; Retry grades a work Claude declined', async () => {
  await sb.card().locator('.decorated', { hasText: 'Should our school start later?' }).click();
  await sb.waitForCard(assignmentCard);

  // No Retry where retrying cannot help: the row says what to do instead.
  const long = sb.card().locator('.decorated', { hasText: LONG_DOC });
  expect(await long.getByRole('button', { name: 'Retry', exact: true }).count()).toBe(0);
  expect(await long.innerText()).toContain('Failed: Longer than 2,000 words\nShorten the Doc to 2,000 words or fewer and grade it in a new assignment.');

  const declined = sb.card().locator('.decorated', { hasText: 'Claude declined' });
  const title = (await declined.locator('.main').innerText()).trim();
  await sb.shot('detail-failed-works');
  await declined.getByRole('button', { name: 'Retry', exact: true }).click();
  await sb.settled();
  expect(await sb.toast()).toBe(`Retrying "${title}".`);
  await refreshUntilComplete();
  expect(await progress()).toEqual({ completed: 5, total: 6, failed: 1, complete: true });
  await sb.click('View feedback', title);
  expect(await sb.text()).toContain('Feedback ready');
  await sb.shot('retried-work');
}, 90_000);

test("at the free limit New assignment reaches the upgrade card; Checkout in a new tab reloads the add-on on the paid plan", async () => {
  // Back down the stack (work → assignment → the list at the root).
  await sb.back();
  await sb.waitForCard(assignmentCard);
  await sb.back();
  await sb.waitForCard('home');
  expect(await sb.text()).toContain('1 of 1 assignment used');
  // The limit is reached: New assignment goes straight to the upgrade, not to a form.
  await sb.click('New assignment');
  await sb.waitForCard('upgrade');
  const text = await sb.text();
  expect(text).toContain("You've used your free assignment for");
  expect(text).toContain('(1 of 1)');
  expect(text).toContain('Or wait: your next free assignment is available on');
  await sb.shot('upgrade');
  await sb.click('Not now');
  await sb.waitForCard('home');

  // Upgrade from home: Checkout opens in a new tab; closing it reloads the add-on (OnClose.RELOAD).
  const [checkout] = await Promise.all([context.waitForEvent('page'), sb.button('Upgrade').click()]);
  const payPage = checkout.url();
  // The stand-in delivers the signed webhooks before it redirects to the success page.
  await Promise.all([checkout.waitForURL((u) => u.href !== payPage), checkout.getByRole('button', { name: 'Pay and subscribe' }).click()]);
  await checkout.close();
  await sb.card().getByText('Paid plan', { exact: false }).waitFor();
  expect(await sb.text()).toMatch(/Paid plan · .+\n1 of 300 assignments used/);
  await sb.shot('home-paid');

  // On the paid plan New assignment opens the form: the next assignment, left as a draft.
  await sb.click('New assignment');
  await sb.waitForCard('assignment-form');
  await sb.fill('Title', 'Letter to the principal');
  await sb.fill('Subject', 'English Language Arts');
  await sb.card().getByLabel('Grade level', { exact: true }).selectOption('Grade 8');
  await sb.fill('Instructions', 'Write a one-page letter to the principal about the start time.');
  await chooseInPicker(['Sofia Ramirez – Later Start Essay']);
  expect(await sb.text()).toContain('1 of 35 Docs chosen');
}, 90_000);

test('the Docs and Drive variants: the open Doc’s feedback, file access on request, the Drive selection', async () => {
  await page.getByRole('button', { name: 'Google Docs', exact: true }).click();
  await sb.settled();
  await page.getByLabel('Open Doc', { exact: true }).selectOption({ label: 'Maya Chen – Later Start Essay' });
  await sb.waitForCard(/^work-/);
  expect(await sb.text()).toContain(`This Doc is student work in ${TITLE}`);
  // Beside the panel, the Doc itself, with the feedback inserted earlier.
  const inserted = page.frameLocator('iframe[data-host="doc"]').getByText('edited by the teacher');
  await inserted.waitFor();
  await inserted.scrollIntoViewIfNeeded();
  const window = await sb.shot('docs-host-work', true);
  if (!existsSync(README_IMAGE)) {
    mkdirSync(join(README_IMAGE, '..'), { recursive: true });
    copyFileSync(window, README_IMAGE);
  }

  // A Doc GradeBot may not open yet: the list, and "Allow" asks Docs for access to it.
  await page.getByLabel('Open Doc', { exact: true }).selectOption({ label: 'Jayden Williams – Later Start Essay' });
  await sb.card().getByText('GradeBot needs your permission to look at the open Doc.').waitFor();
  await sb.click('Allow', 'See feedback for this Doc');
  await page.locator('[data-overlay="consent"]').getByRole('button', { name: 'Allow', exact: true }).click();
  await sb.card().getByText("This Doc isn't student work in any of your assignments.").waitFor();
  await sb.settled();

  // Drive: select files; the panel sorts them into ready, needing access, and not Docs.
  await page.getByRole('button', { name: 'Google Drive', exact: true }).click();
  await sb.waitForCard('home');
  for (const name of ['Jayden Williams – Later Start Essay', 'Noah Kim – Later Start Essay', 'Source Packet – School Start Times.pdf']) {
    await page.getByRole('checkbox', { name: `Select ${name}`, exact: true }).check();
    await sb.settled();
  }
  await sb.card().getByText('3 items selected').waitFor();
  expect(await sb.text()).toMatch(/Ready \(1\)\nJayden Williams[\s\S]+GradeBot needs access \(1\)\nNoah Kim[\s\S]+Skipped \(1\)\nSource Packet/);
  await sb.click('Allow', 'Noah Kim');
  await page.locator('[data-overlay="consent"]').getByRole('button', { name: 'Allow', exact: true }).click();
  await sb.card().getByText('Ready (2)').waitFor();
  await sb.shot('drive-selection', true);
  await sb.click('Add 2 Docs to a new assignment');
  await sb.waitForCard('assignment-form');
  expect(await sb.text()).toMatch(/3 of 35 Docs chosen[\s\S]+Jayden Williams[\s\S]+Noah Kim/);
}, 60_000);

test('a restart keeps the teacher’s draft (User Properties), as Apps Script does', async () => {
  await product.restartPreview();
  await page.goto(product.preview.url);
  await sb.waitForCard('home');
  await sb.click('New assignment');
  await sb.waitForCard('assignment-form');
  const form = await sb.text();
  expect(form).toMatch(/3 of 35 Docs chosen[\s\S]+Sofia Ramirez[\s\S]+Jayden Williams[\s\S]+Noah Kim/);
  await expect(sb.card().getByLabel('Title', { exact: true }).inputValue()).resolves.toBe('Letter to the principal');
}, 60_000);

test('the preview refuses action posts that are not Apps Script events, naming what is wrong', async () => {
  const event = { hostApp: 'DRIVE', platform: 'WEB', timeZone: { id: TIME_ZONE, offset: -18_000_000 }, userLocale: 'en' };
  const post = (data: unknown) => page.request.post(`${product.preview.url}/_preview/run`, { data, failOnStatusCode: false });
  const bad = [
    [{ fn: 'onHomepage()', host: { app: 'DRIVE' }, commonEventObject: event }, 'fn: is not a function name'],
    [{ fn: 'onAction', host: { app: 'DOCS' }, commonEventObject: event }, 'commonEventObject.hostApp and host.app differ'],
    [{ fn: 'onAction', host: { app: 'DRIVE' }, commonEventObject: { ...event, formInputs: { title: { stringInputs: { value: 'x' } } } } }, 'commonEventObject.formInputs.title.stringInputs.value'],
  ] as const;
  for (const [body, message] of bad) {
    const res = await post(body);
    expect(res.status()).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(message);
  }
  const ok = await post({ fn: 'onHomepage', host: { app: 'DRIVE' }, commonEventObject: event });
  expect(((await ok.json()) as { ok: boolean; value: { name: string } }).value.name).toBe('home');
});
