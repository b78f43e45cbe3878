import { billingCard, limitCardFor, upgradeCard } from '../../addon/cards/billing-cards';
import { confirmDeleteCard, detailCard, RUBRIC_PENDING } from '../../addon/cards/detail-card';
import { driveSelectionCard } from '../../addon/cards/drive-card';
import { editSummaryCard, editWorkCard, insertCard } from '../../addon/cards/edit-cards';
import { errorCard } from '../../addon/cards/error-card';
import { formCard, RUBRIC_HINT } from '../../addon/cards/form-card';
import { homeCard, morePageCard } from '../../addon/cards/home-card';
import { workCard } from '../../addon/cards/work-card';
import { defineHandler } from '../../addon/actions/handler';
import { createFormatter } from '../../addon/context';
import { newDraft } from '../../addon/services/draft-store';
import { act } from '../../addon/ui/widgets';
import {
  button,
  buttonsOf,
  createAppsScriptFakes,
  installAppsScriptFakes,
  paramsOf,
  actionOf,
  textOf,
  widgets,
  type CardJson,
  type SelectionInputJson,
  type TextInputJson,
} from '../../dev/apps-script-fakes';
import { z } from 'zod';
import { DOCUMENT_REASONS } from '../../shared/api';
import { completeDetail, detail, docRef, listItem, me, stats, work } from './support/fixtures';

const fakes = createAppsScriptFakes({ transport: () => ({ status: 500, body: '' }) });
const fmt = createFormatter(fakes.globals.Utilities, 'America/New_York');
let restore: () => void;
beforeAll(() => (restore = installAppsScriptFakes(fakes.globals)));
afterAll(() => restore());

const j = (c: unknown) => c as CardJson;
/** The handler key and parameters a button runs. */
const runs = (c: CardJson, text: string, nth?: number) => {
  const a = actionOf(button(c, text, nth).onClick);
  return a ? { fn: a.function, ...paramsOf(a) } : undefined;
};
const input = (c: CardJson, name: string) => widgets(c).flatMap((w) => ('textInput' in w && w.textInput.name === name ? [w.textInput] : []))[0] as TextInputJson | undefined;
const selection = (c: CardJson, name: string) => widgets(c).flatMap((w) => ('selectionInput' in w && w.selectionInput.name === name ? [w.selectionInput] : []))[0] as SelectionInputJson | undefined;

describe('home card', () => {
  test('streak and totals up top, usage, chart, assignments that open, New assignment', () => {
    const c = j(homeCard({ me: me({ usage: { ...me().usage, used: 0 } }), stats: stats(), page: { items: [listItem(1), listItem(2, { status: 'processing', progress: { total: 10, completed: 3, failed: 0, rubricDone: true, summaryDone: false } })], nextCursor: 'c2' } }, fmt));
    expect(c.name).toBe('home');
    // One count in one wording: the header and Totals both say works graded.
    expect(c.header).toEqual({ title: 'GradeBot', subtitle: '🔥 4-day streak · 52 works graded' });
    const text = textOf(c);
    expect(text).toContain('3 assignments · 52 works graded');
    expect(text).not.toContain('grading task');
    expect(text).toContain('0 of 1 assignment used');
    expect(text).toContain('Free plan · September 2025');
    expect(text).toContain('<b>Assignment 2</b>');
    expect(text).toContain('● In progress</font> · 3/10 graded');
    expect(text).toContain('● Complete</font> · 24/25 graded · 1 failed');
    expect(widgets(c)).toContainEqual({ image: { imageUrl: stats().chart.imageUrl, altText: 'Works graded per day from 2024-09-03 to 2025-09-02' } });
    const open = widgets(c).flatMap((w) => ('decoratedText' in w && w.decoratedText.onClick ? [paramsOf(actionOf(w.decoratedText.onClick)!)] : []));
    expect(open).toEqual([{ handler: 'assignment.open', assignmentId: 'a1' }, { handler: 'assignment.open', assignmentId: 'a2' }]);
    expect(runs(c, 'New assignment')).toEqual({ fn: 'onAction', handler: 'form.open' });
    expect(runs(c, 'More assignments')).toEqual({ fn: 'onAction', handler: 'home.more', cursor: 'c2' });
    expect(runs(c, 'Refresh')).toEqual({ fn: 'onAction', handler: 'home.show' });
  });

  test('a free teacher at the limit is offered the upgrade; a paid one sees the reset date', () => {
    const free = j(homeCard({ me: me({ usage: { ...me().usage, used: 1, remaining: 0 } }), stats: stats(), page: { items: [], nextCursor: null } }, fmt));
    expect(textOf(free)).toContain('Upgrade to create more this month');
    expect(button(free, 'Upgrade').onClick).toEqual({ openDynamicLinkAction: expect.objectContaining({ function: 'onAction', parameters: [{ key: 'handler', value: 'billing.checkout' }] }) });
    expect(textOf(free)).toContain('No assignments yet');
    // New assignment asks /me again instead of opening a form that cannot be submitted.
    expect(runs(free, 'New assignment')).toEqual({ fn: 'onAction', handler: 'form.open', checkLimit: 'yes' });
    const paid = j(homeCard({ me: me({ plan: 'paid', usage: { ...me().usage, used: 300, limit: 300, remaining: 0 } }), stats: stats(), page: { items: [], nextCursor: null } }, fmt));
    expect(textOf(paid)).toContain('Resets October 1, 2025');
    expect(buttonsOf(paid).map((b) => b.text)).not.toContain('Upgrade');
  });

  test('the usage meter says which month counts: the calendar month in the teacher’s zone', () => {
    const c = j(homeCard({ me: me(), stats: stats(), page: { items: [], nextCursor: null } }, fmt));
    const texts = widgets(c).flatMap((w) => ('decoratedText' in w ? [w.decoratedText.text] : 'textParagraph' in w ? [w.textParagraph.text] : []));
    const meter = texts.indexOf('0 of 1 assignment used');
    expect(meter).toBeGreaterThanOrEqual(0);
    expect(texts[meter + 1]).toContain('Your monthly allowance follows the calendar month in your time zone (America/New_York) and resets at midnight on the 1st.');
    expect(textOf(j(billingCard(me(), fmt)))).toContain('calendar month in your time zone (America/New_York)');
  });

  test('in Docs without access to the open Doc: a notice and "Allow"', () => {
    const c = j(homeCard({ me: me(), stats: stats(), page: { items: [], nextCursor: null }, offerDocAccess: true }, fmt));
    expect(textOf(c)).toContain('See feedback for this Doc');
    expect(runs(c, 'Allow')).toEqual({ fn: 'onAction', handler: 'docs.grant' });
  });

  test('more assignments page', () => {
    const c = j(morePageCard({ items: [listItem(21)], nextCursor: null }, fmt));
    expect(textOf(c)).toContain('Assignment 21');
    expect(buttonsOf(c)).toHaveLength(0);
  });
});

describe('new assignment form', () => {
  const draft = { ...newDraft('draft-123456'), title: 'Essay <1>', gradeLevel: 'Grade 8', documents: [docRef(1), docRef(2)] };

  test('fields, "Generate with AI" (default) / "I have a rubric", Google-branded picker button, chosen Docs, tone, Submit', () => {
    const c = j(formCard({ draft, errors: [] }));
    expect(c.header?.title).toBe('New assignment');
    expect(input(c, 'title')).toEqual({ name: 'title', label: 'Title', value: 'Essay <1>', type: 'SINGLE_LINE' });
    expect(input(c, 'instructions')?.type).toBe('MULTIPLE_LINE');
    expect(selection(c, 'gradeLevel')?.items.find((i) => i.selected)).toEqual({ text: 'Grade 8', value: 'Grade 8', selected: true });
    expect(selection(c, 'gradeLevel')?.type).toBe('DROPDOWN');
    // Two named choices, the chosen one marked: no switch whose "off" means the other option.
    expect(selection(c, 'rubricMode')).toEqual({
      name: 'rubricMode',
      label: 'Where does the rubric come from?',
      type: 'RADIO_BUTTON',
      items: [
        { text: 'Generate with AI', value: 'generate', selected: true },
        { text: 'I have a rubric', value: 'paste', selected: false },
      ],
      onChangeAction: expect.objectContaining({ parameters: [{ key: 'handler', value: 'form.toggleRubric' }] }),
    });
    expect(widgets(c).some((w) => 'decoratedText' in w && w.decoratedText.switchControl)).toBe(false);
    expect(input(c, 'pastedRubric')).toBeUndefined();
    expect(textOf(c)).toContain('GradeBot writes the rubric from your instructions');
    const pick = button(c, 'Select student work');
    expect(pick.onClick).toEqual({ openDynamicLinkAction: expect.objectContaining({ function: 'onAction', parameters: [{ key: 'handler', value: 'form.openPicker' }] }) });
    const driveRow = widgets(c).flatMap((w) => ('decoratedText' in w && w.decoratedText.button?.text === 'Select student work' ? [w.decoratedText] : []))[0]!;
    expect(driveRow.startIcon).toEqual({ iconUrl: expect.stringContaining('drive'), altText: 'Google Drive' });
    expect(textOf(c)).toContain('2 of 35 Docs chosen');
    expect(runs(c, 'Remove', 1)).toEqual({ fn: 'onAction', handler: 'form.removeDoc', googleDocId: docRef(2).googleDocId });
    expect(selection(c, 'feedbackTone')).toEqual({
      name: 'feedbackTone',
      label: 'How should the feedback sound?',
      type: 'RADIO_BUTTON',
      items: [
        { text: 'Encouraging', value: 'encouraging', selected: true },
        { text: 'Objective', value: 'neutral', selected: false },
        { text: 'Critical', value: 'critical', selected: false },
      ],
    });
    expect(c.fixedFooter?.primaryButton.text).toBe('Submit for grading');
    expect(runs(c, 'Submit for grading')).toEqual({ fn: 'onAction', handler: 'form.submit' });
    expect(runs(c, 'Cancel')).toEqual({ fn: 'onAction', handler: 'nav.back' });
  });

  test('"I have a rubric" shows the rubric text area with its placeholder hint', () => {
    const c = j(formCard({ draft: { ...draft, rubricMode: 'paste', pastedRubric: 'A: great' }, errors: [] }));
    expect(input(c, 'pastedRubric')).toEqual({ name: 'pastedRubric', label: 'Your rubric', value: 'A: great', hintText: RUBRIC_HINT, type: 'MULTIPLE_LINE' });
    expect(RUBRIC_HINT).toBe("Paste your rubric here, don't worry about formatting.");
    expect(selection(c, 'rubricMode')?.items.map((i) => [i.text, i.selected])).toEqual([
      ['Generate with AI', false],
      ['I have a rubric', true],
    ]);
  });

  test('validation errors at the top, escaped; 36 Docs are flagged', () => {
    const many = Array.from({ length: 36 }, (_, i) => docRef(i + 1));
    const c = j(formCard({ draft: { ...draft, documents: many }, errors: ['Enter a <title>'] }));
    const first = c.sections[0]!.widgets[0]!;
    expect(first).toEqual({ textParagraph: { text: expect.stringContaining('Please fix:</b><br>• Enter a &lt;title&gt;') } });
    expect(textOf(c)).toContain('36 Docs chosen.</b> GradeBot grades at most 35 per assignment: remove 1.');
  });

  test('after the Picker reloads the add-on, Cancel goes home', () => {
    expect(runs(j(formCard({ draft, errors: [], asRoot: true })), 'Cancel')).toEqual({ fn: 'onAction', handler: 'home.show' });
  });
});

describe('assignment detail card', () => {
  test('in progress: badge, truncated instructions, "GradeBot is creating your rubric…", 0/3 and the estimate, Refresh', () => {
    const c = j(detailCard(detail(), fmt));
    const text = textOf(c);
    expect(text).toContain('● In progress');
    expect(text).toContain(RUBRIC_PENDING);
    expect(RUBRIC_PENDING).toBe('GradeBot is creating your rubric…');
    expect(text).toContain('<b>0/3</b>');
    expect(text).toContain('□□□□□□□□□□ 0%');
    expect(text).toContain('Calculating estimated completion time...');
    expect(text).toMatch(/Write a persuasive essay about school uniforms\..{100,200}…/);
    expect(text).not.toContain('View feedback');
    expect(runs(c, 'Refresh')).toEqual({ fn: 'onAction', handler: 'assignment.refresh', assignmentId: 'a1' });
  });

  test('complete: rubric criteria with levels, works with View feedback, class summary with Edit, All assignments', () => {
    const c = j(detailCard(completeDetail(), fmt));
    const text = textOf(c);
    expect(text).toContain('● Complete');
    // A criterion's title first, then its description, then its levels.
    expect(text).toContain('<b>Thesis</b><br>States a clear, arguable claim\n<b>Exemplary</b>: Precise and arguable<br><b>Developing</b>: Present but vague');
    expect(text).toContain('<b>2/3</b>');
    expect(text).toContain('1 failed');
    // The bar counts graded works only (2 of 3), not the failed one.
    expect(text).toContain('■■■■■■■□□□ 67%');
    expect(text).toContain('Failed: Longer than 2,000 words');
    expect(runs(c, 'View feedback', 1)).toEqual({ fn: 'onAction', handler: 'work.open', assignmentId: 'a1', workId: 'w2' });
    expect(runs(c, 'All assignments')).toEqual({ fn: 'onAction', handler: 'home.show' });
    expect(text).toContain('Class summary (2 works)');
    expect(text).toContain('The class argued with energy');
    expect(text).toContain('<b>Common strengths</b><br>• <b>Clear claims</b>');
    expect(text).toContain('<b>Next steps</b><br>• Model how to embed a quotation');
    expect(runs(c, 'Edit')).toEqual({ fn: 'onAction', handler: 'assignment.editSummary', assignmentId: 'a1' });
    expect(runs(c, 'Delete assignment')).toEqual({ fn: 'onAction', handler: 'assignment.confirmDelete', assignmentId: 'a1' });
  });

  test('a failed work: Retry only when retrying can help; a Doc over the limit or empty says what to do instead', () => {
    const failed = (id: string, failureReason: string) => ({ id, title: `Essay ${id}`, googleDocId: docRef(9).googleDocId, status: 'failed' as const, failureReason });
    const d = detail({ works: [failed('w1', DOCUMENT_REASONS.tooLong()), failed('w2', DOCUMENT_REASONS.empty), failed('w3', 'Claude declined to give feedback on this work.')] });
    const c = j(detailCard(d, fmt));
    const rows = widgets(c).flatMap((w) => ('decoratedText' in w && w.decoratedText.text.startsWith('Essay w') ? [w.decoratedText] : []));
    expect(rows.map((r) => r.button?.text)).toEqual([undefined, undefined, 'Retry']);
    expect(rows[0]!.bottomLabel).toContain('Failed: Longer than 2,000 words</font><br>');
    expect(rows[0]!.bottomLabel).toContain('Shorten the Doc to 2,000 words or fewer and grade it in a new assignment.');
    expect(rows[1]!.bottomLabel).toContain("Add the student's writing to the Doc and grade it in a new assignment.");
    expect(rows[2]!.bottomLabel).not.toContain('new assignment');
    expect(runs(c, 'Retry')).toEqual({ fn: 'onAction', handler: 'assignment.retryWork', assignmentId: 'a1', workId: 'w3' });
  });

  test('confirm delete says what goes, with Cancel', () => {
    const c = j(confirmDeleteCard(completeDetail()));
    expect(textOf(c)).toContain('the feedback for 3 student works');
    expect(runs(c, 'Delete')).toEqual({ fn: 'onAction', handler: 'assignment.delete', assignmentId: 'a1' });
    expect(runs(c, 'Cancel')).toEqual({ fn: 'onAction', handler: 'nav.back' });
  });

  test('header title and subtitle are plain text (Workspace shows them as typed); widget text is escaped', () => {
    const title = 'Essays <draft> & "notes"';
    const c = j(detailCard(detail({ title, subject: 'R&D <lab>' }), fmt));
    expect(c.header).toEqual({ title, subtitle: 'R&D <lab> · Grade 8' });
    expect(textOf(c)).toContain('R&amp;D &lt;lab&gt; · Grade 8 · Encouraging tone');
    expect(j(confirmDeleteCard(detail({ title }))).header?.subtitle).toBe(title);
    const w = j(workCard(work({ title: 'Ana & <Bo>', assignmentTitle: title }), fmt));
    expect(w.header).toEqual({ title: 'Ana & <Bo>', subtitle: title });
    const home = j(homeCard({ me: me(), stats: stats(), page: { items: [listItem(1, { title })], nextCursor: null } }, fmt));
    expect(textOf(home)).toContain('<b>Essays &lt;draft&gt; &amp; "notes"</b>');
  });
});

describe('student work card', () => {
  test('every feedback section with Edit, checks as percentages with the AI caution, grade level, Insert and Open Doc', () => {
    const c = j(workCard(work(), fmt));
    const text = textOf(c);
    for (const s of ['Feedback', 'Strengths', 'Opportunities', 'Rubric', 'Summary', 'Question for the student', 'Checks']) expect(c.sections.map((x) => x.header)).toContain(s);
    expect(text).toContain('A confident essay with a clear position.');
    expect(text).toContain('<b>Strong hook</b>');
    expect(text).toContain('<i>“Have you ever worn a tie in July?”</i>');
    expect(text).toContain('<b>Exemplary</b>');
    expect(text).toContain('Only one quotation.');
    expect(text).toContain('Which source could support your second claim?');
    expect(text).toContain('AI-generated likelihood');
    expect(text).toContain('<b>12%</b>');
    expect(text).toContain('a signal, not proof');
    expect(text).toContain('<b>8.4</b>');
    const edits = buttonsOf(c).filter((b) => b.text === 'Edit').map((b) => paramsOf(actionOf(b.onClick)!));
    expect(edits).toEqual([
      { handler: 'work.edit', assignmentId: 'a1', workId: 'w1', target: 'qualitativeFeedback' },
      { handler: 'work.edit', assignmentId: 'a1', workId: 'w1', target: 'feedbackItem', itemId: 'i1' },
      { handler: 'work.edit', assignmentId: 'a1', workId: 'w1', target: 'feedbackItem', itemId: 'i2' },
      { handler: 'work.edit', assignmentId: 'a1', workId: 'w1', target: 'criterionLevel', criterionId: 'c1' },
      { handler: 'work.edit', assignmentId: 'a1', workId: 'w1', target: 'criterionLevel', criterionId: 'c2' },
      { handler: 'work.edit', assignmentId: 'a1', workId: 'w1', target: 'summary' },
      { handler: 'work.edit', assignmentId: 'a1', workId: 'w1', target: 'question' },
    ]);
    expect(runs(c, 'Insert into Doc')).toEqual({ fn: 'onAction', handler: 'work.chooseSections', assignmentId: 'a1', workId: 'w1' });
    expect(button(c, 'Open Doc').onClick).toEqual({ openLink: { url: docRef(1).url, openAs: 'FULL_SIZE', onClose: 'NOTHING' } });
  });

  test('edited pieces are marked, sent history shown; a failed work offers Retry', () => {
    const w = work();
    w.feedback!.question = { original: 'Q?', current: 'Mine?', editedAt: '2025-09-03T10:00:00.000Z' };
    w.sent = [{ sections: ['qualitativeFeedback', 'criterionLevels'], at: '2025-09-03T10:00:00.000Z' }];
    const text = textOf(j(workCard(w, fmt)));
    expect(text).toContain('Ask the student · edited');
    expect(text).toContain('Inserted Sep 3, 2025: qualitative feedback, rubric levels');
    const failed = j(workCard(work({ status: 'failed', failureReason: 'The feedback service timed out.', feedback: null }), fmt));
    expect(textOf(failed)).toContain('Failed: The feedback service timed out.');
    expect(runs(failed, 'Retry')).toEqual({ fn: 'onAction', handler: 'assignment.retryWork', assignmentId: 'a1', workId: 'w1', from: 'work' });
    const empty = j(workCard(work({ status: 'failed', failureReason: DOCUMENT_REASONS.empty, feedback: null }), fmt));
    expect(textOf(empty)).toContain("Failed: This Doc is empty.</font><br><font color=\"#5F6368\">Add the student's writing to the Doc");
    expect(buttonsOf(empty).map((b) => b.text)).not.toContain('Retry');
  });
});

describe('edit and insert cards', () => {
  test('text edit: the current text in a multi-line input, Save names the target', () => {
    const c = j(editWorkCard(work(), { target: 'question' }));
    expect(input(c, 'text')).toEqual({ name: 'text', label: 'Question for the student', value: 'Which source could support your second claim?', type: 'MULTIPLE_LINE' });
    expect(runs(c, 'Save')).toEqual({ fn: 'onAction', handler: 'work.save', assignmentId: 'a1', workId: 'w1', target: 'question' });
    expect(runs(c, 'Cancel')).toEqual({ fn: 'onAction', handler: 'nav.back' });
  });

  test('feedback item: title and description; the AI original when edited', () => {
    const w = work();
    w.feedback!.feedbackItems[0]!.title = { original: 'Strong hook', current: 'Great hook', editedAt: '2025-09-03T10:00:00.000Z' };
    const c = j(editWorkCard(w, { target: 'feedbackItem', itemId: 'i1' }));
    expect(input(c, 'title')?.value).toBe('Great hook');
    expect(input(c, 'description')?.value).toBe('Your opening question draws the reader in.');
    expect(textOf(c)).toContain("AI's original: Strong hook");
    expect(runs(c, 'Save')).toMatchObject({ target: 'feedbackItem', itemId: 'i1' });
  });

  test("criterion level: a dropdown of the criterion's levels, the AI's marked", () => {
    const c = j(editWorkCard(work(), { target: 'criterionLevel', criterionId: 'c2' }));
    expect(selection(c, 'levelId')?.items).toEqual([
      { text: 'Strong', value: 'c2l1', selected: false },
      { text: 'Weak (AI)', value: 'c2l2', selected: true },
    ]);
    expect(input(c, 'explanation')?.value).toBe('Only one quotation.');
    expect(editWorkCard(work(), { target: 'criterionLevel', criterionId: 'nope' })).toBeUndefined();
  });

  test('summary insights edit', () => {
    const c = j(editSummaryCard(completeDetail()));
    expect(input(c, 'text')?.value).toBe('The class argued with energy but cited little evidence.');
    expect(runs(c, 'Save')).toEqual({ fn: 'onAction', handler: 'assignment.saveSummary', assignmentId: 'a1' });
    expect(editSummaryCard(detail())).toBeUndefined();
  });

  test('insert: the three sections, all chosen by default', () => {
    const c = j(insertCard(work()));
    expect(selection(c, 'sections')).toEqual({
      name: 'sections',
      label: 'Sections to insert',
      type: 'CHECK_BOX',
      items: [
        { text: 'Qualitative feedback', value: 'qualitativeFeedback', selected: true },
        { text: 'Strengths and opportunities', value: 'feedbackItems', selected: true },
        { text: 'Rubric levels', value: 'criterionLevels', selected: true },
      ],
    });
    expect(runs(c, 'Insert')).toEqual({ fn: 'onAction', handler: 'work.insert', assignmentId: 'a1', workId: 'w1' });
    // The insertion's id travels with the card, so Insert clicked again is the same insertion.
    expect(runs(j(insertCard(work(), 'ins-1')), 'Insert')).toEqual({ fn: 'onAction', handler: 'work.insert', assignmentId: 'a1', workId: 'w1', insertId: 'ins-1' });
  });
});

describe('upgrade, billing and error cards', () => {
  test('free limit: Stripe Checkout link that reloads the add-on when closed', () => {
    const c = j(upgradeCard({ kind: 'free', month: '2025-09', used: 1, limit: 1, checkoutUrl: 'https://checkout.stripe.com/c/pay/cs_1' }, fmt));
    expect(textOf(c)).toContain("You've used your free assignment for September 2025 (1 of 1).");
    expect(textOf(c)).toContain('up to 300 assignments a month');
    expect(button(c, 'Upgrade').onClick).toEqual({ openLink: { url: 'https://checkout.stripe.com/c/pay/cs_1', openAs: 'FULL_SIZE', onClose: 'RELOAD' } });
    const noUrl = j(upgradeCard({ kind: 'free', month: '2025-09', used: 1, limit: 1, checkoutUrl: null }, fmt));
    expect(runs(noUrl, 'Upgrade')).toEqual({ fn: 'onAction', handler: 'billing.checkout' });
  });

  test('from New assignment at the limit (no draft): no draft promise; when the next free one comes', () => {
    const c = j(limitCardFor(me({ usage: { ...me().usage, used: 1, remaining: 0 } }), fmt, false));
    expect(c.name).toBe('upgrade');
    expect(textOf(c)).toContain("You've used your free assignment for September 2025 (1 of 1).");
    expect(textOf(c)).toContain('Or wait: your next free assignment is available on October 1, 2025.');
    expect(textOf(c)).not.toContain('draft');
    expect(runs(c, 'Upgrade')).toEqual({ fn: 'onAction', handler: 'billing.checkout' });
    expect(textOf(j(limitCardFor(me({ usage: { ...me().usage, used: 1, remaining: 0 } }), fmt, true)))).toContain('saved as a draft');
    const paid = j(limitCardFor(me({ plan: 'paid', usage: { ...me().usage, used: 300, limit: 300, remaining: 0 } }), fmt, false));
    expect(paid.name).toBe('limit-reached');
    expect(textOf(paid)).not.toContain('draft');
  });

  test('paid limit: when the teacher can create assignments again, and which month counts', () => {
    const note = 'Your monthly allowance follows the calendar month in your time zone (Asia/Tokyo) and resets at midnight on the 1st.';
    const c = j(upgradeCard({ kind: 'paid', month: '2025-09', limit: 300, resetsOn: '2025-10-01', note }, fmt));
    expect(textOf(c)).toContain('You have created 300 assignments in September 2025');
    expect(textOf(c)).toContain('<b>October 1, 2025</b>');
    expect(textOf(c)).toContain(note);
    expect(buttonsOf(c).map((b) => b.text)).toEqual(['Back']);
  });

  test('billing: free → Upgrade; paid → Manage subscription, with cancellation noted', () => {
    expect(runs(j(billingCard(me(), fmt)), 'Upgrade')).toEqual({ fn: 'onAction', handler: 'billing.checkout' });
    const paid = j(billingCard(me({ plan: 'paid', subscription: { status: 'active', cancelAtPeriodEnd: true, currentPeriodEnd: '2025-09-30T00:00:00.000Z' } }), fmt));
    expect(runs(paid, 'Manage subscription')).toEqual({ fn: 'onAction', handler: 'billing.portal' });
    expect(textOf(paid)).toContain('Your subscription ends on Sep 29, 2025.');
  });

  test('error card: message, Try again repeats the action, Back to assignments', () => {
    const c = j(errorCard({ title: 'Sign-in needed', message: 'Close <GradeBot>', retry: fakes.globals.CardService.newAction().setFunctionName('onAction').setParameters({ handler: 'assignment.open', assignmentId: 'a1' }) }));
    expect(textOf(c)).toContain('Close &lt;GradeBot&gt;');
    expect(runs(c, 'Try again')).toEqual({ fn: 'onAction', handler: 'assignment.open', assignmentId: 'a1' });
    expect(runs(c, 'Back to assignments')).toEqual({ fn: 'onAction', handler: 'home.show' });
  });
});

test('Drive selection: ready Docs, Docs needing access (Allow per item), skipped non-Docs', () => {
  const doc = 'application/vnd.google-apps.document';
  const c = j(
    driveSelectionCard([
      { id: 'd1abcdefghij', title: 'Essay A', mimeType: doc, addonHasFileScopePermission: true },
      { id: 'd2abcdefghij', title: 'Essay B', mimeType: doc, addonHasFileScopePermission: false },
      { id: 'p1', title: 'photo.png', mimeType: 'image/png', addonHasFileScopePermission: true },
    ]),
  );
  expect(c.sections.map((s) => s.header)).toEqual(['Ready (1)', 'GradeBot needs access (1)', 'Skipped (1)']);
  expect(runs(c, 'Allow')).toEqual({ fn: 'onAction', handler: 'drive.grant', itemId: 'd2abcdefghij' });
  expect(runs(c, 'Add 1 Doc to a new assignment')).toEqual({ fn: 'onAction', handler: 'drive.use' });
  expect(textOf(c)).toContain('Not a Google Doc');
});

test('a handler missing from the registry fails when the card is built, not when clicked', () => {
  const stray = defineHandler('stray.handler', z.object({}), () => ({ notify: 'x' }));
  expect(() => act(stray, {})).toThrow(/not in the add-on's registry/);
});
