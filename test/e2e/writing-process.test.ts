import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { emulatorAddress } from '../support/firestore';
import { type LocalProduct, startLocalProduct } from './support/local-product';
import { SidebarDriver } from './support/sidebar-driver';

// Writing-process evidence in a real browser, on the local stack: the sample Docs carry revision
// histories in the local Drive (one written over four sessions, one pasted at once, one with a
// second editor, one with a single revision). After grading, the class list flags only the pasted
// one, and each work card explains what the history shows. Screenshots in test-artifacts/writing-process/
// (docs/images/writing-process-*.png are crops of them).

const SHOTS = join(__dirname, '../../test-artifacts/writing-process');
const MAYA = 'Maya Chen – Later Start Essay';
const ETHAN = 'Ethan Novak – Later Start Essay';
const OLIVIA = 'Olivia Nguyen – Later Start Essay';
const TYLER = 'Tyler Brooks – Later Start Essay';

let product: LocalProduct;
let browser: Browser;
let page: Page;
let sb: SidebarDriver;

beforeAll(async () => {
  rmSync(SHOTS, { recursive: true, force: true });
  product = await startLocalProduct({ emulatorAddress: emulatorAddress() });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'America/New_York', locale: 'en-US' });
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
  sb = new SidebarDriver(page, SHOTS);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await product?.close();
});

test('the pasted Doc is flagged in the class list and its card says why; the one written over sessions is not', async () => {
  await page.goto(product.preview.url);
  await sb.waitForCard('home');
  await sb.click('New assignment');
  await sb.waitForCard('assignment-form');
  await sb.fill('Title', 'Later start');
  await sb.fill('Subject', 'English Language Arts');
  await sb.card().getByLabel('Grade level', { exact: true }).selectOption('Grade 8');
  await sb.fill('Instructions', 'Write a persuasive essay on a later school start.');
  const win = await sb.clickForWindow('Select student work');
  const picker = SidebarDriver.webApp(win).frameLocator('iframe');
  for (const name of [MAYA, ETHAN, OLIVIA, TYLER]) await picker.getByRole('checkbox', { name, exact: true }).check();
  await Promise.all([win.waitForEvent('close'), picker.getByRole('button', { name: 'Select', exact: true }).click()]);
  await sb.waitForCard('assignment-form');

  await sb.click('Submit for grading');
  await sb.waitForCard(/^assignment-/);
  for (let i = 0; i < 120 && !(await sb.text()).includes('● Complete'); i++) {
    await page.waitForTimeout(250);
    await sb.click('Refresh');
  }
  const works = sb.card().locator('section', { has: page.getByRole('heading', { name: 'Student work', exact: true }) });
  const row = (name: string) => works.locator('.decorated', { hasText: name }).innerText();
  expect(await row(ETHAN)).toMatch(/⚑ One addition brought 9\d% of the text: see Writing process/);
  for (const name of [MAYA, OLIVIA, TYLER]) expect(await row(name)).not.toContain('⚑');
  await sb.shot('class-list');

  await sb.click('View feedback', 'Ethan Novak');
  await sb.waitForCard(/^work-/);
  const ethan = await sb.text();
  // The sample's history in New York time: a title at 16:51, then the paste at 17:04 (21:04 UTC).
  expect(ethan).toMatch(/Writing process\nWritten in one session on Mar 13 at 16:51 \(3 revisions\)\.\n9\d% of the text appeared in one revision on Mar 13 at 17:04\./);
  expect(ethan).toContain('Evidence to look at, not a verdict');
  await sb.card().getByText('Writing process').scrollIntoViewIfNeeded();
  await sb.shot('work-pasted');
  await sb.back();

  await sb.click('View feedback', 'Maya Chen');
  await sb.waitForCard(/^work-/);
  const maya = await sb.text();
  expect(maya).toMatch(/Written over 4 sessions on 3 days, Mar 10 at 14:02 to Mar 13 at 18:41 \(11 revisions\)\./);
  // Sessions of a few revisions each: no addition near most of the text.
  expect(maya).toMatch(/(The largest single addition was|No single addition was more than) [1-3]\d% of the text\./);
  expect(maya).toContain('Only the owner edited it.');
  // Part 3: the quotes shown are verified in the text.
  expect(maya).toContain("✓ Every quote shown was found word for word in the student's text.");
  await sb.shot('work-sessions');
  await sb.back();

  await sb.click('View feedback', 'Olivia Nguyen');
  await sb.waitForCard(/^work-/);
  expect(await sb.text()).toContain('Also edited by Lena Nguyen (1 revision).');
  await sb.back();

  await sb.click('View feedback', 'Tyler Brooks');
  await sb.waitForCard(/^work-/);
  expect(await sb.text()).toContain('Not enough history to say: Drive lists only 1 revision of this Doc by its writer.');
  await sb.shot('work-one-revision');
}, 120_000);
