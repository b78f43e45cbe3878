import type { MeResponse } from '../../shared/api';
import { confirmDeleteAccount } from '../actions/account-actions';
import { openBillingPortal, startCheckout } from '../actions/billing-actions';
import { goBack } from '../actions/home-actions';
import type { Formatter } from '../context';
import type { Card } from '../platform/card-service';
import { COLORS, colored, esc, progressBar } from '../ui/text';
import { act, button, buttons, card, decorated, paragraph, section } from '../ui/widgets';

export const PAID_LIMIT = 300;

/**
 * Why the teacher cannot create an assignment now: from the API's limit error on Submit (the draft is
 * kept), or from /me when New assignment is pressed at the limit (`draftKept` says whether there is one).
 */
export type UpgradeView =
  | { kind: 'free'; month: string; used: number; limit: number; checkoutUrl: string | null; resetsOn?: string; draftKept?: boolean }
  | { kind: 'paid'; month: string; limit: number; resetsOn: string; draftKept?: boolean; note?: string };

/** The limit card for what /me says: the free plan's upgrade, or the paid plan's reset date. */
export function limitCardFor(me: MeResponse, fmt: Formatter, draftKept: boolean): Card {
  const u = me.usage;
  return upgradeCard(
    me.plan === 'free'
      ? { kind: 'free', month: u.month, used: u.used, limit: u.limit, checkoutUrl: null, resetsOn: u.resetsOn, draftKept }
      : { kind: 'paid', month: u.month, limit: u.limit, resetsOn: u.resetsOn, draftKept },
    fmt,
  );
}

/** Free limit: upgrade through Stripe Checkout. Paid limit: when creating works again. A draft is kept. */
export function upgradeCard(v: UpgradeView, fmt: Formatter): Card {
  const draftKept = v.draftKept ?? true;
  if (v.kind === 'paid') {
    return card({
      name: 'limit-reached',
      title: 'Monthly limit reached',
      sections: [
        section(undefined, [
          paragraph(`You have created ${v.limit} assignments in ${fmt.month(v.month)}, the most the paid plan allows.`),
          decorated({ icon: 'CLOCK', top: 'You can create assignments again on', text: `<b>${fmt.day(v.resetsOn)}</b>` }),
          v.note ? paragraph(colored(esc(v.note), COLORS.muted)) : undefined,
          draftKept ? paragraph('Your new assignment is saved as a draft until then.') : undefined,
        ]),
      ],
      primary: button('Back', { action: act(goBack, {}) }),
    });
  }
  const upgrade = v.checkoutUrl
    ? button('Upgrade', { link: { url: v.checkoutUrl, reloadOnClose: true } }, { style: 'FILLED' })
    : button('Upgrade', { linkFrom: act(startCheckout, {}) }, { style: 'FILLED' });
  return card({
    name: 'upgrade',
    title: 'Upgrade GradeBot',
    sections: [
      section(undefined, [
        paragraph(`You've used your free assignment for ${fmt.month(v.month)} (${v.used} of ${v.limit}).`),
        paragraph(`The paid plan grades up to ${PAID_LIMIT} assignments a month, each with up to 35 student Docs.`),
        draftKept
          ? paragraph('Your new assignment is saved as a draft: submit it again after upgrading.')
          : v.resetsOn
            ? paragraph(`Or wait: your next free assignment is available on ${fmt.day(v.resetsOn)}.`)
            : undefined,
      ]),
    ],
    primary: upgrade,
    secondary: button('Not now', { action: act(goBack, {}) }),
  });
}

/** Plan, this month's usage, and the way to upgrade or manage the subscription. */
export function billingCard(me: MeResponse, fmt: Formatter): Card {
  const u = me.usage;
  const paid = me.plan === 'paid';
  const s = me.subscription;
  return card({
    name: 'billing',
    title: 'Billing',
    subtitle: me.email,
    sections: [
      section(undefined, [
        decorated({ icon: 'MEMBERSHIP', top: 'Plan', text: paid ? `<b>Paid</b> · up to ${u.limit} assignments a month` : `<b>Free</b> · ${u.limit} assignment a month` }),
        decorated({ icon: 'TICKET', top: u.monthLabel, text: `${u.used} of ${u.limit} used`, bottom: progressBar(u.used, u.limit) }),
        decorated({ icon: 'CLOCK', top: 'Usage resets on', text: fmt.day(u.resetsOn) }),
        paragraph(colored(esc(u.note), COLORS.muted)),
        paid && s.cancelAtPeriodEnd && s.currentPeriodEnd ? paragraph(colored(`Your subscription ends on ${fmt.date(s.currentPeriodEnd)}.`, COLORS.error)) : undefined,
        paid && s.status === 'past_due' ? paragraph(colored('Your last payment failed. Update your card in the billing portal.', COLORS.error)) : undefined,
      ]),
      // Reachable from the Billing universal action; asks for a typed confirmation first.
      section('Your account', [
        paragraph('Delete your GradeBot account and everything it holds: assignments, feedback, student text, stats and usage records.'),
        buttons(button('Delete my account', { action: act(confirmDeleteAccount, {}) }, { style: 'BORDERLESS' })),
      ]),
    ],
    primary: paid
      ? button('Manage subscription', { linkFrom: act(openBillingPortal, {}) }, { style: 'FILLED' })
      : button('Upgrade', { linkFrom: act(startCheckout, {}) }, { style: 'FILLED' }),
  });
}
