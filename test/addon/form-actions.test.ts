import { CreateAssignmentRequestSchema } from '../../shared/api';
import { button, clickableText, notificationOf, shownCard, textOf, widgets, type CardJson, type RenderActionsJson } from '../../dev/apps-script-fakes';
import { AddonHarness } from './support/harness';
import { detail, docRef, me } from './support/fixtures';
import * as main from '../../addon/main';

let h: AddonHarness;
beforeEach(() => (h = new AddonHarness().install()));
afterEach(() => h.uninstall());

const filled = { title: 'Persuasive essay', subject: 'English', gradeLevel: 'Grade 8', instructions: 'Argue for or against uniforms.' };
const card = (res: RenderActionsJson): CardJson => {
  const c = shownCard(res);
  if (!c) throw new Error(`no card shown; notification: ${notificationOf(res)}`);
  return c;
};

/** The form as the teacher reaches it: after the Picker the add-on reloads into it, else Home → New assignment. */
function openForm(): CardJson {
  const first = h.homepage();
  return first.name === 'assignment-form' ? first : card(h.click(first, 'New assignment'));
}

/** What the Picker page does: hand the chosen Docs to the script (at most 35 per Picker session). */
function choose(n: number): void {
  const docs = Array.from({ length: n }, (_, i) => ({ id: docRef(i + 1).googleDocId, name: docRef(i + 1).title, url: docRef(i + 1).url, mimeType: 'application/vnd.google-apps.document' }));
  for (let i = 1; i <= n; i++) h.docs.set(docRef(i).googleDocId, { text: `Essay number ${i} has words.` });
  for (let i = 0; i < docs.length; i += 35) main.savePickerSelection(docs.slice(i, i + 35));
}

describe('new assignment form actions', () => {
  test('the homepage takes one round trip; opening the form none', () => {
    const home = h.homepage();
    expect(h.apiRoundTrips).toBe(1);
    const res = h.click(home, 'New assignment');
    expect(res.renderActions.action?.navigations?.[0]).toHaveProperty('pushCard');
    expect(card(res).name).toBe('assignment-form');
    expect(h.apiRoundTrips).toBe(1);
  });

  test('choosing "I have a rubric" keeps what was typed and shows the text area; "Generate with AI" hides it', () => {
    const form = openForm();
    const choice = widgets(form).flatMap((w) => ('selectionInput' in w && w.selectionInput.name === 'rubricMode' ? [w.selectionInput] : []))[0]!;
    const onChange = Object.fromEntries(choice.onChangeAction!.parameters.map((p) => [p.key, p.value]));
    const res = h.run('onAction', onChange, { ...filled, rubricMode: 'paste' });
    expect(res.renderActions.action?.navigations?.[0]).toHaveProperty('updateCard');
    const next = card(res);
    expect(widgets(next)).toContainEqual({ selectionInput: expect.objectContaining({ name: 'rubricMode', items: [expect.objectContaining({ value: 'generate', selected: false }), expect.objectContaining({ value: 'paste', selected: true })] }) });
    expect(widgets(next)).toContainEqual({ textInput: expect.objectContaining({ name: 'pastedRubric', hintText: "Paste your rubric here, don't worry about formatting." }) });
    expect(widgets(next)).toContainEqual({ textInput: expect.objectContaining({ name: 'title', value: 'Persuasive essay' }) });
    const back = card(h.run('onAction', onChange, { ...filled, rubricMode: 'generate', pastedRubric: 'A: great' }));
    expect(widgets(back).some((w) => 'textInput' in w && w.textInput.name === 'pastedRubric')).toBe(false);
  });

  test('Select student work saves the form and opens the Picker as an overlay that reloads on close; the reload returns to the form', () => {
    const form = openForm();
    const res = h.click(form, 'Select student work', filled);
    expect(res.renderActions.action?.link).toEqual({ url: 'https://script.google.com/macros/s/FAKE_DEPLOYMENT/exec?page=picker', openAs: 'OVERLAY', onClose: 'RELOAD' });
    choose(3);
    const reloaded = h.homepage();
    expect(reloaded.name).toBe('assignment-form');
    expect(widgets(reloaded)).toContainEqual({ textInput: expect.objectContaining({ name: 'title', value: 'Persuasive essay' }) });
    expect(textOf(reloaded)).toContain('3 of 35 Docs chosen');
    expect(textOf(reloaded)).toContain('Essay 3');
    // Only once: the next open of the add-on is home again.
    expect(h.homepage().name).toBe('home');
  });

  test('Remove takes one Doc off the list', () => {
    choose(2);
    const form = openForm();
    const next = card(h.click(form, 'Remove', filled, 0));
    expect(textOf(next)).toContain('1 of 35 Docs chosen');
    expect(textOf(next)).not.toContain('Essay 1');
  });

  test('Submit with 35 Docs: Drive export in batches, one create request with all texts, then the detail card', () => {
    h.homepage(); // the add-on opened on home before the Picker reloaded it into the form
    choose(35);
    h.docs.set(docRef(35).googleDocId, { text: 'x '.repeat(40_000) });
    const form = openForm();
    const before = h.apiRoundTrips;
    const exportsBefore = h.fakes.urlFetch.roundTrips;
    const res = h.click(form, 'Submit for grading', filled);
    expect(h.apiRoundTrips - before).toBe(1);
    // 35 exports in batches of 10: 4 fetchAll round trips; the 34 gradable Docs' owners and revision
    // lists, 68 requests in batches of 35: 2 more (no history here, so no revision export); the API call.
    expect(h.fakes.urlFetch.roundTrips - exportsBefore).toBe(7);
    const exportsSeen = h.googleRequests().filter((r) => r.url.includes('/export?mimeType=text%2Fplain'));
    expect(exportsSeen).toHaveLength(35);
    expect(exportsSeen[0]!.headers.Authorization).toBe('Bearer fake-oauth-token');
    const [create] = h.calls('createAssignment');
    const body = CreateAssignmentRequestSchema.parse(create!.body);
    expect(body).toMatchObject({ ...filled, rubricMode: 'generate', pastedRubric: null, feedbackTone: 'encouraging', clientRequestId: 'uuid-0000-1111-2222' });
    expect(body.documents).toHaveLength(35);
    expect(body.documents[0]).toEqual({ ...docRef(1), text: 'Essay number 1 has words.', truncated: false, writingProcess: { status: 'unavailable', reason: 'no_access' } });
    // A Doc that will not be graded: its history is not read.
    expect(body.documents[34]).toMatchObject({ truncated: true, writingProcess: null });
    expect(body.documents[34]!.text).toHaveLength(60_000);
    expect(create!.headers.Authorization).toBe('Bearer fake-identity-token');
    expect(create!.headers['x-gradebot-time-zone']).toBe('America/New_York');
    // The list (from the home data read when the add-on opened) goes to the root with the new
    // assignment in it, and the assignment over it: back leads home. Still one call.
    expect(res.renderActions.action?.navigations).toEqual([{ popToRoot: true }, { updateCard: expect.objectContaining({ name: 'home' }) }, { pushCard: expect.objectContaining({ name: 'assignment-a1' }) }]);
    expect(notificationOf(res)).toBe("Submitted for grading. 1 Doc can't be graded (empty or over 2,000 words): see the reasons below.");
    // The draft is gone: a new form is empty.
    expect(widgets(card(h.click(h.homepage(), 'New assignment')))).toContainEqual({ textInput: { name: 'title', label: 'Title', type: 'SINGLE_LINE' } });
  });

  test("Submit reads each Doc's revision history and sends only the summaries: no revision text leaves the add-on", () => {
    choose(3);
    const student = { name: 'Maya Chen', email: 'maya@students.example' };
    const sentence = (n: number) => Array.from({ length: 12 }, (_, i) => `word${n}x${i}`).join(' ');
    const final = [1, 2, 3, 4].map(sentence).join(' ');
    // Essay 1: written over two sessions. Essay 2: a title, then everything pasted at once. Essay 3: Drive refuses its history.
    h.docs.set(docRef(1).googleDocId, {
      text: final,
      owner: student,
      revisions: [
        { id: '1', modifiedTime: '2025-03-10T18:00:00.000Z', editor: student, text: sentence(1) },
        { id: '2', modifiedTime: '2025-03-10T18:20:00.000Z', editor: student, text: [1, 2].map(sentence).join(' ') },
        { id: '3', modifiedTime: '2025-03-11T19:00:00.000Z', editor: student, text: [1, 2, 3].map(sentence).join(' ') },
        { id: '4', modifiedTime: '2025-03-11T19:20:00.000Z', editor: student, text: final },
      ],
    });
    h.docs.set(docRef(2).googleDocId, {
      text: `Title ${final}`,
      owner: student,
      revisions: [
        { id: '1', modifiedTime: '2025-03-12T20:50:00.000Z', editor: student, text: 'Title' },
        { id: '2', modifiedTime: '2025-03-12T21:04:00.000Z', editor: student, text: `Title ${final}` },
      ],
    });
    h.docs.set(docRef(3).googleDocId, { text: final, revisionsStatus: 403 });
    const before = h.googleRequests().length;
    h.click(openForm(), 'Submit for grading', filled);
    const google = h.googleRequests().slice(before);
    // Per Doc: the text export, the owner, the revision list; then the sampled revision texts: every one
    // but the newest (the current text stands for it) while the budget allows.
    expect(google.filter((r) => r.url.includes('/revisions?'))).toHaveLength(3);
    expect(google.filter((r) => r.url.includes('?fields=owners'))).toHaveLength(3);
    expect(google.filter((r) => r.url.startsWith('https://docs.google.com/feeds/')).map((r) => new URL(r.url).searchParams.get('revision'))).toEqual(['1', '2', '3', '1']);
    const body = CreateAssignmentRequestSchema.parse(h.calls('createAssignment')[0]!.body);
    expect(body.documents[0]!.writingProcess).toMatchObject({ status: 'summarized', revisionCount: 4, sessionCount: 2, sampledCount: 3, firstRevisionShare: 0.25, largestAddition: { share: 0.25 }, otherEditors: [] });
    expect(body.documents[1]!.writingProcess).toMatchObject({ status: 'summarized', sessionCount: 1, largestAddition: { share: 0.98, at: '2025-03-12T21:04:00.000Z', revisions: 1 } });
    expect(body.documents[2]!.writingProcess).toEqual({ status: 'unavailable', reason: 'no_access' });
    // The revision texts themselves never reach the API: only the current text, once per Doc.
    const raw = JSON.stringify(h.calls('createAssignment')[0]!.body);
    expect(raw.split(sentence(1)).length - 1).toBe(3);
  });

  test('after the Picker reloaded the add-on into the form (the only card), Submit puts home under the assignment', () => {
    h.on('createAssignment', () => ({ assignment: detail({ id: 'a9' }), created: true }));
    h.homepage(); // the add-on opened on home: its data is cached
    h.click(openForm(), 'Select student work', filled);
    choose(2);
    const form = h.homepage();
    expect(form.name).toBe('assignment-form');
    const before = h.apiRoundTrips;
    const res = h.click(form, 'Submit for grading', filled);
    expect(h.apiRoundTrips - before).toBe(1);
    const navs = res.renderActions.action?.navigations ?? [];
    expect(navs.map((n) => Object.keys(n)[0])).toEqual(['popToRoot', 'updateCard', 'pushCard']);
    const home = (navs[1] as { updateCard: CardJson }).updateCard;
    const detailCard = (navs[2] as { pushCard: CardJson }).pushCard;
    // The new assignment is first in the list and counted in this month's usage.
    expect(textOf(home)).toMatch(/<b>Persuasive essay<\/b>[\s\S]+<b>Assignment 1<\/b>/);
    expect(clickableText(home, 'Persuasive essay')).toEqual({ action: expect.objectContaining({ parameters: [{ key: 'handler', value: 'assignment.open' }, { key: 'assignmentId', value: 'a9' }] }) });
    expect(textOf(home)).toContain('1 of 1 assignment used');
    expect(button(home, 'New assignment').onClick).toEqual({ action: expect.objectContaining({ parameters: expect.arrayContaining([{ key: 'checkLimit', value: 'yes' }]) }) });
    // The detail's own way home: one fetchAll, back to a fresh list at the root.
    const all = h.click(detailCard, 'All assignments');
    expect(all.renderActions.action?.navigations).toEqual([{ popToRoot: true }, { updateCard: expect.objectContaining({ name: 'home' }) }]);
    expect(h.apiRoundTrips - before).toBe(2);
  });

  test('without cached home data, Submit shows the assignment in place of the form (one call)', () => {
    choose(1);
    h.fakes.cache.getUserCache().remove('home');
    const form = h.homepage();
    h.fakes.cache.getUserCache().remove('home');
    const res = h.click(form, 'Submit for grading', filled);
    expect(res.renderActions.action?.navigations).toEqual([{ updateCard: expect.objectContaining({ name: 'assignment-a1' }) }]);
  });

  test('Submit with 36 Docs: the form says remove 1; nothing is read or sent', () => {
    choose(36);
    const form = openForm();
    expect(textOf(form)).toContain('36 Docs chosen.</b> GradeBot grades at most 35 per assignment: remove 1.');
    const googleBefore = h.googleRequests().length;
    const res = h.click(form, 'Submit for grading', filled);
    const next = card(res);
    expect(textOf(next)).toContain('You chose 36 Docs; GradeBot grades at most 35 per assignment. Remove 1.');
    expect(h.calls('createAssignment')).toHaveLength(0);
    expect(h.googleRequests().length).toBe(googleBefore);
  });

  test('missing fields and a missing pasted rubric are listed at the top; nothing is sent', () => {
    const form = openForm();
    const next = card(h.click(form, 'Submit for grading', { title: '', subject: 'English' }));
    const top = textOf(next);
    for (const m of ['Enter a title', 'Choose a grade level', 'Enter the instructions', 'Select at least one student Doc']) expect(top).toContain(m);
    expect(h.calls('createAssignment')).toHaveLength(0);
    const paste = card(h.run('onAction', { handler: 'form.toggleRubric' }, { ...filled, rubricMode: 'paste' }));
    expect(textOf(card(h.click(paste, 'Submit for grading', { pastedRubric: '' })))).toContain('Paste your rubric, or choose "Generate with AI"');
  });

  test('a Doc Drive will not export is named with what to do; nothing is sent', () => {
    choose(2);
    h.docs.set(docRef(2).googleDocId, { exportStatus: 403 });
    const next = card(h.click(openForm(), 'Submit for grading', filled));
    expect(textOf(next)).toContain('"Essay 2": GradeBot has no access to it. Remove it and choose it again with "Select student work".');
    expect(h.calls('createAssignment')).toHaveLength(0);
  });

  test("the API's field errors come back on the form, Docs named by title", () => {
    choose(2);
    h.fail('createAssignment', 400, { code: 'validation_failed', message: 'Invalid', fields: [{ path: 'documents.1.googleDocId', message: 'is not a Google Doc' }, { path: 'title', message: 'Too long' }] });
    const text = textOf(card(h.click(openForm(), 'Submit for grading', filled)));
    expect(text).toContain('"Essay 2": is not a Google Doc');
    expect(text).toContain('Too long');
  });

  test('free limit: the upgrade card with the Checkout link; the draft survives', () => {
    choose(1);
    h.fail('createAssignment', 402, { code: 'free_limit', message: 'Upgrade', month: '2025-09', used: 1, limit: 1, checkoutUrl: 'https://checkout.stripe.com/c/pay/cs_1' });
    const res = h.click(openForm(), 'Submit for grading', filled);
    const up = card(res);
    expect(res.renderActions.action?.navigations?.[0]).toHaveProperty('pushCard');
    expect(up.name).toBe('upgrade');
    expect(button(up, 'Upgrade').onClick).toEqual({ openLink: { url: 'https://checkout.stripe.com/c/pay/cs_1', openAs: 'FULL_SIZE', onClose: 'RELOAD' } });
    const again = card(h.click(h.homepage(), 'New assignment'));
    expect(widgets(again)).toContainEqual({ textInput: expect.objectContaining({ name: 'title', value: 'Persuasive essay' }) });
  });

  test('New assignment at the free limit opens the upgrade card, not the form; a draft is kept', () => {
    h.on('getMe', () => me({ usage: { ...me().usage, used: 1, remaining: 0 } }));
    const home = h.homepage();
    const before = h.apiRoundTrips;
    const res = h.click(home, 'New assignment');
    expect(h.apiRoundTrips - before).toBe(1);
    expect(h.calls('getMe')).toHaveLength(2);
    const up = card(res);
    expect(up.name).toBe('upgrade');
    expect(textOf(up)).toContain('Or wait: your next free assignment is available on October 1, 2025.');
    expect(button(up, 'Upgrade').onClick).toEqual({ openDynamicLinkAction: expect.objectContaining({ parameters: [{ key: 'handler', value: 'billing.checkout' }] }) });
    expect(h.click(up, 'Not now').renderActions.action?.navigations).toEqual([{ pop: true }]);
    // A draft (from the Picker) is kept and said so.
    choose(1);
    const withDraft = card(h.click(home, 'New assignment'));
    expect(textOf(withDraft)).toContain('Your new assignment is saved as a draft');
    expect(h.calls('createAssignment')).toHaveLength(0);
    // Upgraded meanwhile (/me no longer at the limit): the form, with the draft.
    h.on('getMe', () => me({ plan: 'paid', usage: { ...me().usage, used: 1, limit: 300, remaining: 299 } }));
    const form = card(h.click(home, 'New assignment'));
    expect(form.name).toBe('assignment-form');
    expect(textOf(form)).toContain('1 of 35 Docs chosen');
  });

  test('New assignment at the paid limit shows when creating works again', () => {
    h.on('getMe', () => me({ plan: 'paid', usage: { ...me().usage, used: 300, limit: 300, remaining: 0 } }));
    const c = card(h.click(h.homepage(), 'New assignment'));
    expect(c.name).toBe('limit-reached');
    expect(textOf(c)).toContain('<b>October 1, 2025</b>');
  });

  test('paid limit: when creating works again', () => {
    choose(1);
    h.fail('createAssignment', 429, { code: 'paid_limit', message: 'Limit', month: '2025-09', used: 300, limit: 300, resetsOn: '2025-10-01' });
    const c = card(h.click(openForm(), 'Submit for grading', filled));
    expect(c.name).toBe('limit-reached');
    expect(textOf(c)).toContain('<b>October 1, 2025</b>');
  });

  test('a timeout tells the teacher to try again; the retry reuses the same request id', () => {
    choose(1);
    let first = true;
    h.on('createAssignment', () => {
      if (first) {
        first = false;
        throw new Error('Exception: Timeout: https://api.gradebot.app/assignments');
      }
      return { assignment: detail(), created: false };
    });
    const form = openForm();
    const res = h.click(form, 'Submit for grading', filled);
    expect(notificationOf(res)).toBe('GradeBot took too long to answer. Try again in a moment.');
    expect(res.renderActions.action?.navigations).toBeUndefined();
    h.click(form, 'Submit for grading', filled);
    const ids = h.fakes.urlFetch.requests.filter((r) => r.url.endsWith('/assignments') && r.method === 'POST').map((r) => JSON.parse(r.payload!).clientRequestId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  test('a gateway error page (not the API) reads as "having trouble"', () => {
    choose(1);
    h.on('createAssignment', () => ({ status: 502, raw: '<html>Bad gateway</html>' }));
    expect(notificationOf(h.click(openForm(), 'Submit for grading', filled))).toBe('GradeBot is having trouble right now. Try again in a minute.');
  });

  test('Start over clears the draft', () => {
    choose(2);
    const next = card(h.click(openForm(), 'Start over', filled));
    expect(textOf(next)).toContain('No Docs chosen yet.');
  });
});
