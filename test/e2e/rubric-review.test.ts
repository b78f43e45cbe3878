import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { emulatorAddress } from '../support/firestore';
import { pastedRubric } from '../support/pasted-rubrics';
import { type LocalProduct, startLocalProduct } from './support/local-product';
import { SidebarDriver } from './support/sidebar-driver';

// A new teacher approves a pasted rubric in the sidebar preview (the built add-on on the local
// stack): paste the messy 4-criterion rubric → the review card shows 4 criteria with their
// own levels and words → edit one level → Start grading → complete → edit a criterion → re-grade →
// the works follow the new rubric. Every card is photographed and checked to fit the 300 px panel.

const SHOTS = join(__dirname, '../../test-artifacts/rubric-review');
const DOCS = ['Maya Chen – Later Start Essay', 'Daniel Okafor – Later Start Essay'];

let product: LocalProduct;
let browser: Browser;
let page: Page;
let sb: SidebarDriver;

beforeAll(async () => {
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

/** The card fits the 300 px panel: nothing scrolls sideways. */
async function expectFits(): Promise<void> {
  const body = sb.panel.locator('.card-body');
  const { scroll, client, width } = await body.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, width: el.getBoundingClientRect().width }));
  expect(width).toBeLessThanOrEqual(300);
  expect(scroll).toBeLessThanOrEqual(client);
}

async function shot(name: string): Promise<void> {
  await expectFits();
  await sb.shot(name);
}

async function refreshUntil(text: string): Promise<string> {
  for (let i = 0; i < 120; i++) {
    const t = await sb.text();
    if (t.includes(text)) return t;
    await page.waitForTimeout(250);
    await sb.click('Refresh');
  }
  throw new Error(`"${text}" never showed:\n${await sb.text()}`);
}

/** The sections of the rubric card, one per criterion. */
const criterionRows = () => sb.card().locator('.decorated', { hasText: /^Criterion \d/ });

/** Edit on the criterion whose name is `title` (names also occur in other criteria's level text). */
async function editCriterion(title: string): Promise<void> {
  await criterionRows().filter({ has: page.locator('b', { hasText: new RegExp(`^${title}$`) }) }).getByRole('button', { name: 'Edit', exact: true }).click();
  await sb.settled();
}

test('paste → review 4 criteria → edit a level → Start grading → complete → edit a criterion → re-grade → the works follow', async () => {
  await page.goto(product.preview.url);
  await sb.waitForCard('home');
  await sb.click('New assignment');
  await sb.waitForCard('assignment-form');
  await sb.fill('Title', 'Later start: argument essay');
  await sb.fill('Subject', 'English');
  await sb.card().getByLabel('Grade level', { exact: true }).selectOption('Grade 8');
  await sb.fill('Instructions', 'Argue for or against a later school start, with evidence.');
  await sb.card().getByRole('radio', { name: 'I have a rubric' }).check();
  await sb.settled();
  await sb.fill('Your rubric', pastedRubric('01-argument-essay-messy'));
  // On by default for a pasted rubric.
  await expect(sb.card().getByRole('checkbox', { name: 'Review the rubric before grading' }).isChecked()).resolves.toBe(true);

  const win = await sb.clickForWindow('Select student work');
  const picker = SidebarDriver.webApp(win).frameLocator('iframe');
  for (const name of DOCS) await picker.getByRole('checkbox', { name, exact: true }).check();
  await Promise.all([win.waitForEvent('close'), picker.getByRole('button', { name: 'Select', exact: true }).click()]);
  await page.locator('.overlay').waitFor({ state: 'detached' });
  await sb.waitForCard('assignment-form');
  await shot('form-pasted-review-on');

  await sb.click('Submit for grading');
  await sb.waitForCard(/^assignment-/);
  const assignment = await sb.settled();
  let text = await refreshUntil('● Rubric ready for review');
  expect(text).toContain('GradeBot read your rubric as 4 criteria · 16 points');
  expect(text).toContain('Waiting for you: review the rubric, then press Start grading.');
  expect(text).toMatch(/Graded\s+0\/2/);
  await shot('detail-review');

  // The review card: the teacher's 4 criteria, each with its own four levels in the teacher's words.
  await sb.click('Review and edit');
  await sb.waitForCard(/^rubric-/);
  expect(await criterionRows().count()).toBe(4);
  const rows = await criterionRows().allInnerTexts();
  expect(rows.map((r) => r.split('\n')[1])).toEqual(['Claim', 'Evidence', 'Reasoning', 'Conventions']);
  expect(rows[3]).toContain('4: Few or no errors');
  expect(rows[3]).toContain('1: Errors make it hard to read');
  expect(rows[0]).not.toContain('ARGUMENT ESSAY RUBRIC');
  await shot('rubric-review');

  // Edit one level of "Claim", with a mistake first: the field message, then the fix.
  await editCriterion('Claim');
  await sb.waitForCard('edit-criterion');
  await shot('edit-criterion');
  const describe = sb.card().getByLabel('What work at this level looks like', { exact: true });
  await describe.first().fill('A precise, arguable claim that previews the reasons');
  await sb.card().getByLabel('Points (optional)', { exact: true }).first().fill('four');
  await sb.click('Save');
  await sb.waitForCard('edit-criterion');
  expect(await sb.text()).toContain('Level 1 points: Points must be a number from 0 to 1,000, like 4 or 2.5');
  await shot('edit-criterion-error');
  await sb.card().getByLabel('Points (optional)', { exact: true }).first().fill('4');
  await sb.click('Save');
  await sb.waitForCard(/^rubric-/);
  expect(await sb.toast()).toContain("The AI's original wording is kept");
  text = await sb.text();
  expect(text).toContain('4: A precise, arguable claim that previews the reasons');
  expect(text).toContain("AI's original: 4 (4 pts) — Clear, arguable claim that takes a position on the issue");
  await shot('rubric-edited');

  await sb.click('Start grading');
  await sb.waitForCard(assignment);
  expect(await sb.toast()).toBe('Grading started.');
  text = await refreshUntil('● Complete');
  for (const name of DOCS) expect(text).toMatch(new RegExp(`${name}\\nFeedback ready · \\d+ / 16`));
  await shot('detail-complete');

  // After grading: rename a criterion, then re-grade the works graded with the old rubric.
  await sb.click('Edit rubric');
  await sb.waitForCard(/^rubric-/);
  await editCriterion('Evidence');
  await sb.waitForCard('edit-criterion');
  await sb.fill('Criterion name', 'Evidence and citations');
  await sb.click('Save');
  await sb.waitForCard(/^rubric-/);
  expect(await sb.text()).toContain('2 works were graded with an earlier version of this rubric.');
  await sb.click('Done');
  await sb.waitForCard(assignment);
  text = await sb.text();
  expect(text).toContain('Graded with an earlier rubric');
  await sb.click('Re-grade changed (2)');
  await sb.waitForCard('confirm-regrade');
  text = await sb.text();
  expect(text).toContain('Re-grade 2 works?');
  expect(text).toContain('Your own edits to the feedback on these 2 works will be replaced.');
  await shot('confirm-regrade');
  await sb.click('Re-grade 2 works');
  await sb.waitForCard(assignment);
  expect(await sb.toast()).toContain('Re-grading started.');
  text = await refreshUntil('● Complete');
  expect(text).not.toContain('Graded with an earlier rubric');
  expect(text).toContain('Class summary');
  await shot('detail-regraded');

  // The works follow the new rubric: the renamed criterion on the work, with its total.
  await sb.click('View feedback', DOCS[0]);
  await sb.waitForCard(/^work-/);
  text = await sb.text();
  expect(text).toContain('Evidence and citations');
  expect(text).toMatch(/Rubric · \d+ \/ 16/);
  await shot('work-regraded');
}, 180_000);
