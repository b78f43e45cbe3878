import { notificationOf, shownCard, textOf, type CardJson, type RenderActionsJson } from '../../dev/apps-script-fakes';
import * as main from '../../addon/main';
import { addonEvent } from '../../dev/apps-script-fakes';
import { AddonHarness } from '../addon/support/harness';

/**
 * "Delete my account" in the add-on: reachable from the Billing universal action, asks for a typed
 * confirmation, then makes exactly one call (DELETE /account, checked against the contract by the
 * harness's API stand-in), forgets the form draft, and ends on a card that calls nothing more.
 */

let h: AddonHarness;
beforeEach(() => (h = new AddonHarness().install()));
afterEach(() => h.uninstall());

const card = (res: RenderActionsJson): CardJson => {
  const c = shownCard(res);
  if (!c) throw new Error(`no card shown; notification: ${notificationOf(res)}`);
  return c;
};

function confirmCard(): CardJson {
  const billing = card(main.showBilling(addonEvent()) as unknown as RenderActionsJson);
  expect(textOf(billing)).toContain('Your account');
  const confirm = card(h.click(billing, 'Delete my account'));
  expect(textOf(confirm)).toMatch(/This cannot be undone/);
  expect(textOf(confirm)).toMatch(/subscription is cancelled/);
  return confirm;
}

test('without the typed word nothing is deleted', () => {
  const confirm = confirmCard();
  for (const typed of ['', 'delete it', 'yes']) {
    const res = h.click(confirm, 'Delete my account', { confirm: typed });
    expect(notificationOf(res)).toBe('Type DELETE to confirm.');
  }
  expect(h.calls('deleteAccount')).toHaveLength(0);
});

test('typed DELETE: one call, the draft forgotten, a last card that makes no call', () => {
  h.on('deleteAccount', () => ({ deleted: true, assignments: 3, subscriptionCanceled: true }));
  const props = h.fakes.globals.PropertiesService.getUserProperties();
  props.setProperty('gradebot.draft.n', '1');
  props.setProperty('gradebot.draft.0', JSON.stringify({ clientRequestId: 'draft-123456', title: 'Half-typed' }));
  const confirm = confirmCard();
  const before = h.apiRoundTrips;

  const res = h.click(confirm, 'Delete my account', { confirm: 'DELETE' });
  expect(h.calls('deleteAccount')).toHaveLength(1);
  expect(h.apiRoundTrips - before).toBe(1);
  expect((res.renderActions.action?.navigations ?? []).map((n) => Object.keys(n)[0])).toEqual(['popToRoot', 'updateCard']);
  const done = card(res);
  expect(textOf(done)).toMatch(/Account deleted/);
  expect(textOf(done)).toMatch(/3 assignments/);
  expect(textOf(done)).toMatch(/subscription was cancelled/);
  expect(done.fixedFooter).toBeUndefined();
  expect(notificationOf(res)).toBe('Your GradeBot account was deleted.');
  expect(props.getProperty('gradebot.draft.n')).toBeNull();
});

test('if the deletion fails the teacher is told and the draft is kept', () => {
  h.fail('deleteAccount', 503, { code: 'unavailable', message: 'Stripe could not cancel your subscription just now, so nothing was deleted.' });
  const props = h.fakes.globals.PropertiesService.getUserProperties();
  props.setProperty('gradebot.draft.n', '1');
  const res = h.click(confirmCard(), 'Delete my account', { confirm: 'delete' });
  expect(notificationOf(res)).toMatch(/Try again/);
  expect(shownCard(res)).toBeUndefined();
  expect(props.getProperty('gradebot.draft.n')).toBe('1');
});
