import * as main from '../../addon/main';
import { criterionFromDraft } from '../../addon/actions/rubric-actions';
import { notificationOf, shownCard, textOf, widgets, type CardJson, type RenderActionsJson } from '../../dev/apps-script-fakes';
import type { AssignmentDetail } from '../../shared/api';
import { AddonHarness } from './support/harness';
import { completeDetail, detail, docRef, rubric } from './support/fixtures';

/** The rubric review and edit cards, Start grading and re-grade, and the form's remembered review choice. */

let h: AddonHarness;
beforeEach(() => (h = new AddonHarness().install()));
afterEach(() => h.uninstall());

const card = (res: RenderActionsJson): CardJson => {
  const c = shownCard(res);
  if (!c) throw new Error(`no card shown; notification: ${notificationOf(res)}`);
  return c;
};
const navs = (res: RenderActionsJson) => (res.renderActions.action?.navigations ?? []).map((n) => Object.keys(n)[0]);

const scored = { ...rubric, criteria: rubric.criteria.map((c) => ({ ...c, levels: c.levels.map((l, i) => ({ ...l, points: 4 - i })) })), maxPoints: 8 };
const inReview = (): AssignmentDetail => detail({ status: 'review', rubric: scored, reviewRubric: true, estimate: { text: 'Waiting for you: review the rubric, then press Start grading. Nothing is graded until then.', remainingSeconds: null } });

function openDetail(d: AssignmentDetail): CardJson {
  h.on('getAssignment', () => d);
  return card(h.run('onAction', { handler: 'assignment.open', assignmentId: 'a1' }));
}

test('in review the assignment says so at the top, with Start grading; it starts with one call', () => {
  const c = openDetail(inReview());
  const text = textOf(c);
  expect(text.indexOf('Rubric ready for review')).toBeLessThan(text.indexOf('Status'));
  expect(text).toContain('GradeBot read your rubric as <b>2 criteria · 8 points</b>');
  h.on('startGrading', () => detail({ status: 'processing', rubric: scored }));
  const before = h.apiRoundTrips;
  const res = h.click(c, 'Start grading');
  expect(h.apiRoundTrips - before).toBe(1);
  expect(h.calls('startGrading')[0]!.body).toEqual({});
  expect(navs(res)).toEqual(['updateCard']);
  expect(notificationOf(res)).toBe('Grading started.');
  expect(textOf(card(res))).toContain('● In progress');
});

test('the rubric card: each criterion with its levels and points, Edit, reorder and delete; the editor saves one change', () => {
  const review = card(h.click(openDetail(inReview()), 'Review and edit'));
  expect(review.name).toBe('rubric-a1');
  const t = textOf(review);
  expect(t).toContain('<b>Exemplary</b> (4 pts): Precise and arguable');
  expect(t).toContain('Criterion 2');

  const edit = card(h.click(review, 'Edit', {}, 0));
  expect(edit.name).toBe('edit-criterion');
  expect(widgets(edit)).toContainEqual({ textInput: expect.objectContaining({ name: 'l0title', value: 'Exemplary' }) });
  expect(widgets(edit)).toContainEqual({ textInput: expect.objectContaining({ name: 'l0points', value: '4' }) });

  // Add a level on the card (no call), then a mistake: the card comes back with the field messages.
  const before = h.calls('editRubric').length;
  const added = card(h.click(edit, 'Add level', { l0desc: 'Precise, arguable, previews the reasons' }));
  expect(widgets(added)).toContainEqual({ textInput: expect.objectContaining({ name: 'l2title' }) });
  expect(widgets(added)).toContainEqual({ textInput: expect.objectContaining({ name: 'l0desc', value: 'Precise, arguable, previews the reasons' }) });
  const refused = card(h.click(added, 'Save', { l2title: '', l1points: 'three' }));
  expect(h.calls('editRubric')).toHaveLength(before);
  expect(textOf(refused)).toContain('Level 2 points: Points must be a number from 0 to 1,000, like 4 or 2.5');
  expect(textOf(refused)).toContain('Level 3 name: Enter a name for the level');

  h.on('editRubric', () => inReview());
  const saved = h.click(refused, 'Save', { l2title: 'Missing', l2points: '0', l1points: '2' });
  expect(h.calls('editRubric').at(-1)!.body).toEqual({
    op: 'update',
    criterionId: 'c1',
    criterion: {
      title: 'Thesis',
      description: 'States a clear, arguable claim',
      levels: [
        { id: 'c1l1', title: 'Exemplary', description: 'Precise, arguable, previews the reasons', points: 4 },
        { id: 'c1l2', title: 'Developing', description: 'Present but vague', points: 2 },
        { title: 'Missing', description: '', points: 0 },
      ],
    },
  });
  expect(navs(saved)).toEqual(['pop', 'updateCard']);
  expect(notificationOf(saved)).toContain("The AI's original wording is kept");

  h.on('editRubric', () => inReview());
  h.click(review, 'Move down');
  expect(h.calls('editRubric').at(-1)!.body).toEqual({ op: 'move', criterionId: 'c1', direction: 'down' });
  h.click(review, 'Delete', {}, 1);
  expect(h.calls('editRubric').at(-1)!.body).toEqual({ op: 'delete', criterionId: 'c2' });
});

test('an edited level shows the AI original beside it', () => {
  const edited = {
    ...scored,
    criteria: scored.criteria.map((c, i) => (i === 0 ? { ...c, levels: c.levels.map((l, j) => (j === 0 ? { ...l, description: 'Mine', original: { title: 'Exemplary', description: 'Precise and arguable', points: 4 } } : l)) } : c)),
  };
  const t = textOf(card(h.click(openDetail(detail({ status: 'review', rubric: edited })), 'Review and edit')));
  expect(t).toContain('Criterion 1 · edited');
  expect(t).toContain("AI's original: Exemplary (4 pts) — Precise and arguable");
});

test('after a change, re-grade: the confirmation names the count and the replaced edits; the re-grade carries its id', () => {
  const done = completeDetail();
  const changed: AssignmentDetail = { ...done, rubric: scored, regrade: { all: 2, changed: 1 }, works: done.works.map((w, i) => (i === 0 ? { ...w, outdated: true, total: { earned: 6, possible: 8 } } : w)) };
  const d = openDetail(changed);
  const t = textOf(d);
  expect(t).toContain('Feedback ready</font> · <b>6 / 8</b>');
  expect(t).toContain('Graded with an earlier rubric');
  expect(t).toContain('1 work was graded with an earlier version of this rubric.');
  const confirm = card(h.click(d, 'Re-grade changed (1)'));
  expect(confirm.name).toBe('confirm-regrade');
  expect(textOf(confirm)).toContain('Your own edits to the feedback on this work will be replaced.');
  h.on('regrade', () => ({ ...changed, status: 'processing' as const }));
  const res = h.click(confirm, 'Re-grade 1 work');
  const body = h.calls('regrade')[0]!.body as { scope: string; regradeId: string };
  expect(body.scope).toBe('changed');
  expect(body.regradeId).toMatch(/^[A-Za-z0-9_-]+$/);
  // A second click on the same card sends the same id: the API starts nothing more.
  h.click(confirm, 'Re-grade 1 work');
  expect((h.calls('regrade')[1]!.body as { regradeId: string }).regradeId).toBe(body.regradeId);
  expect(navs(res)).toEqual(['pop', 'updateCard']);
});

test('the points a teacher types: blank is none, "2.5" and "3 pts" read, words refused', () => {
  const d = { title: 'T', description: '', levels: [{ id: 'a', title: 'A', description: '', points: ' 2,5 ' }, { id: '', title: 'B', description: '', points: '3 pts' }, { id: '', title: 'C', description: '', points: '' }] };
  expect(criterionFromDraft(d)).toEqual({ ok: true, criterion: { title: 'T', description: '', levels: [{ id: 'a', title: 'A', description: '', points: 2.5 }, { title: 'B', description: '', points: 3 }, { title: 'C', description: '', points: null }] } });
  expect(criterionFromDraft({ ...d, levels: [{ id: '', title: 'A', description: '', points: 'lots' }] })).toEqual({ ok: false, errors: ['Level 1 points: Points must be a number from 0 to 1,000, like 4 or 2.5'] });
});

describe('the form’s "Review the rubric before grading"', () => {
  const reviewBox = (c: CardJson) => widgets(c).flatMap((w) => ('selectionInput' in w && w.selectionInput.name === 'reviewRubric' ? [w.selectionInput.items[0]!.selected] : []))[0];
  const openForm = () => card(h.click(h.homepage(), 'New assignment'));
  const filled = { title: 'Essay', subject: 'English', gradeLevel: 'Grade 8', instructions: 'Write.' };

  test('off for an AI rubric, on for a pasted one; sent with the request and remembered for the teacher', () => {
    const form = openForm();
    expect(reviewBox(form)).toBe(false);
    const pasted = card(h.click(form, 'Submit for grading', { ...filled, rubricMode: 'paste' }));
    // Submitting without Docs only re-renders the form: the pasted mode shows its default, on.
    expect(reviewBox(pasted)).toBe(true);
    main.savePickerSelection([{ id: docRef(1).googleDocId, name: docRef(1).title, url: docRef(1).url, mimeType: 'application/vnd.google-apps.document' }]);
    h.docs.set(docRef(1).googleDocId, { text: 'An essay with words.' });
    // The teacher unticks it for their pasted rubric and submits.
    h.click(h.homepage(), 'Submit for grading', { ...filled, rubricMode: 'paste', pastedRubric: 'Claim: clear', reviewRubric: [] });
    expect(h.calls('createAssignment')[0]!.body).toMatchObject({ rubricMode: 'paste', reviewRubric: false });
    // Next time, a pasted rubric starts unticked (their choice); the AI rubric keeps its default.
    const next = card(h.click(openForm(), 'Submit for grading', { ...filled, rubricMode: 'paste' }));
    expect(reviewBox(next)).toBe(false);
  });
});
