import { notificationOf, shownCard, textOf, type CardJson, type RenderActionsJson } from '../../dev/apps-script-fakes';
import type { AssignmentDetail } from '../../shared/api';
import { AddonHarness } from './support/harness';
import { completeDetail } from './support/fixtures';

let h: AddonHarness;
beforeEach(() => (h = new AddonHarness().install()));
afterEach(() => h.uninstall());

const card = (res: RenderActionsJson): CardJson => {
  const c = shownCard(res);
  if (!c) throw new Error(`no card shown; notification: ${notificationOf(res)}`);
  return c;
};
const navs = (res: RenderActionsJson) => (res.renderActions.action?.navigations ?? []).map((n) => Object.keys(n)[0]);

function calibrated(): AssignmentDetail {
  return {
    ...completeDetail(),
    agreement: { reviewedWorks: 2, levels: 4, kept: 3, text: 'You kept 3 of 4 levels on this assignment' },
    gradingSettings: { language: 'student', chosenLanguage: null, length: 'brief', focus: [] },
    calibration: {
      examples: [{ workId: 'w1', title: 'Essay 1' }],
      round: 1,
      fromSaved: false,
      regraded: 1,
      before: { kept: 1, levels: 2 },
      after: { kept: 2, levels: 2 },
      checking: 0,
      savedAt: null,
      text: 'On your 2 examples, GradeBot matched 1 of 2 of your levels before and 2 of 2 after (each example graded with the others as anchors).',
    },
  };
}

const openDetail = () => card(h.run('onAction', { handler: 'assignment.open', assignmentId: 'a1' }));

describe('"Your standard" on the detail card', () => {
  test('shows the levels kept, the examples with before/after, and the settings', () => {
    h.on('getAssignment', calibrated);
    const text = textOf(openDetail());
    expect(text).toContain('You kept 3 of 4 levels on this assignment');
    expect(text).toContain('Essay 1');
    expect(text).toContain('matched 1 of 2 of your levels before and 2 of 2 after');
    expect(text).toContain("The student's language · Brief length");
  });

  test('no examples yet: choose them, one call, back to the updated detail', () => {
    h.on('getAssignment', completeDetail);
    const detail = openDetail();
    expect(textOf(detail)).toContain('None yet: choose up to 3 works whose levels you set.');
    const choose = card(h.click(detail, 'Choose'));
    h.on('setExamples', () => calibrated());
    const res = h.click(choose, 'Save', { examples: ['w1', 'w2'] });
    expect(h.calls('setExamples').map((c) => [c.params, c.body])).toEqual([[{ assignmentId: 'a1' }, { workIds: ['w1', 'w2'] }]]);
    expect(navs(res)).toEqual(['pop', 'updateCard']);
  });

  test('"Re-grade the rest like my examples": reviewed works only when ticked', () => {
    h.on('getAssignment', calibrated);
    const confirm = card(h.click(openDetail(), 'Re-grade the rest like my examples'));
    expect(textOf(confirm)).toContain('Works you edited or inserted keep their feedback unless you tick them below.');
    h.on('calibrate', () => calibrated());
    const res = h.click(confirm, 'Re-grade', { also: ['w2'] });
    expect(h.calls('calibrate').map((c) => c.body)).toEqual([{ alsoWorkIds: ['w2'], useSaved: false }]);
    expect(notificationOf(res)).toBe('Re-grading 1 work like your examples. Refresh to see progress.');
  });

  test('grading settings: saved for the assignment and as defaults in one round trip', () => {
    h.on('getAssignment', calibrated);
    const settings = card(h.click(openDetail(), 'Change', {}, 1));
    h.on('editAssignmentSettings', () => calibrated());
    h.on('saveGradingSettings', (c) => ({ settings: c.body as never }));
    const before = h.apiRoundTrips;
    const res = h.click(settings, 'Save', { language: 'chosen', chosenLanguage: 'Spanish', length: 'detailed', asDefault: ['yes'] });
    const body = { language: 'chosen', chosenLanguage: 'Spanish', length: 'detailed', focus: [] };
    expect(h.calls('editAssignmentSettings').map((c) => c.body)).toEqual([body]);
    expect(h.calls('saveGradingSettings').map((c) => c.body)).toEqual([body]);
    expect(h.apiRoundTrips - before).toBe(1);
    expect(navs(res)).toEqual(['pop', 'updateCard']);
  });

  test('a chosen language without a name is refused on the card, before any call', () => {
    h.on('getAssignment', calibrated);
    const settings = card(h.click(openDetail(), 'Change', {}, 1));
    const res = h.click(settings, 'Save', { language: 'chosen', chosenLanguage: '' });
    expect(notificationOf(res)).toBe('Name the language for the feedback');
    expect(h.calls('editAssignmentSettings')).toHaveLength(0);
  });
});
