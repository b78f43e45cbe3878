import type { AssignmentListItem, AssignmentPage, MeResponse, StatsResponse } from '../../shared/api';
import { startCheckout } from '../actions/billing-actions';
import { requestDocAccess } from '../actions/docs-actions';
import { openForm } from '../actions/form-actions';
import { openAssignment } from '../actions/assignment-actions';
import { loadMoreAssignments, showHome } from '../actions/home-actions';
import type { Formatter } from '../context';
import type { Card, DecoratedText } from '../platform/card-service';
import { COLORS, colored, esc, plural, progressBar } from '../ui/text';
import { act, button, buttons, card, decorated, image, paragraph, section } from '../ui/widgets';
import { assignmentBadge } from './badges';

export interface HomeView {
  me: MeResponse;
  stats: StatsResponse;
  page: AssignmentPage;
  /** A line above everything, e.g. why the Docs homepage shows the list instead of feedback. */
  notice?: string;
  /** In Docs without access to the open Doc: offer to grant it, to show its feedback. */
  offerDocAccess?: boolean;
  /** Leave the chart out (a card rebuilt from cached data whose signed chart URL has expired). */
  hideChart?: boolean;
}

/** No assignment can be created this month: /me says the plan's limit is reached. */
export const atMonthlyLimit = (me: MeResponse): boolean => me.usage.remaining === 0;

/** One assignment in a list: title, date, status and counts; opens the detail card. */
export function assignmentLine(a: AssignmentListItem, fmt: Formatter): DecoratedText {
  const p = a.progress;
  const counts = `${p.completed}/${p.total} graded${p.failed > 0 ? ` · ${p.failed} failed` : ''}`;
  return decorated({
    top: `${fmt.date(a.createdAt)} · ${esc(a.subject)}`,
    text: `<b>${esc(a.title)}</b>`,
    bottom: `${assignmentBadge(a.status)} · ${counts}`,
    onClick: { action: act(openAssignment, { assignmentId: a.id }) },
  });
}

/** The homepage: streak and totals, this month's usage, the contribution chart, the assignments. */
export function homeCard(v: HomeView, fmt: Formatter): Card {
  const { me, stats, page } = v;
  const u = me.usage;
  const atLimit = atMonthlyLimit(me);
  const plan = me.plan === 'paid' ? 'Paid plan' : 'Free plan';
  const usage = decorated({
    top: `${plan} · ${esc(u.monthLabel)}`,
    text: `${u.used} of ${plural(u.limit, 'assignment')} used`,
    bottom: atLimit
      ? colored(me.plan === 'free' ? 'Upgrade to create more this month' : `Resets ${fmt.day(u.resetsOn)}`, COLORS.error)
      : progressBar(u.used, u.limit),
    icon: 'TICKET',
    button: atLimit && me.plan === 'free' ? button('Upgrade', { linkFrom: act(startCheckout, {}) }) : undefined,
  });
  const t = stats.totals;
  return card({
    name: 'home',
    title: 'GradeBot',
    subtitle: `🔥 ${stats.streak.current}-day streak · ${plural(t.worksGraded, 'work')} graded`,
    sections: [
      v.notice || v.offerDocAccess
        ? section(undefined, [
            v.notice ? paragraph(esc(v.notice)) : undefined,
            v.offerDocAccess
              ? decorated({ text: 'See feedback for this Doc', bottom: 'GradeBot needs your permission to look at the open Doc.', button: button('Allow', { action: act(requestDocAccess, {}) }) })
              : undefined,
          ])
        : undefined,
      section('Your grading', [
        decorated({ icon: 'STAR', top: 'Streak', text: `<b>${plural(stats.streak.current, 'day')}</b>`, bottom: `Longest: ${plural(stats.streak.longest, 'day')}` }),
        decorated({
          icon: 'DESCRIPTION',
          top: 'Totals',
          text: `${plural(t.assignments, 'assignment')} · ${plural(t.worksGraded, 'work')} graded`,
          bottom: `${plural(t.feedbackSent, 'feedback insert')} · ${stats.averages.worksPerAssignment.toFixed(1)} works per assignment · ${stats.averages.assignmentsPerMonth.toFixed(1)} assignments a month`,
        }),
        usage,
        // Which month counts (the teacher's calendar month in their zone), next to the meter.
        paragraph(colored(esc(u.note), COLORS.muted)),
        v.hideChart ? undefined : image(stats.chart.imageUrl, `Works graded per day from ${stats.chart.from} to ${stats.chart.to}`),
      ]),
      section(
        'Assignments',
        page.items.length === 0
          ? [paragraph('No assignments yet. Create your first one: GradeBot writes a rubric and feedback for every student Doc.')]
          : [...page.items.map((a) => assignmentLine(a, fmt)), page.nextCursor ? buttons(button('More assignments', { action: act(loadMoreAssignments, { cursor: page.nextCursor }) })) : undefined],
      ),
    ],
    // At the month's limit New assignment leads to the upgrade (or the reset date), not to a form
    // that cannot be submitted; openForm checks /me again first.
    primary: button('New assignment', { action: act(openForm, atLimit ? { checkLimit: 'yes' } : {}) }, { style: 'FILLED' }),
    secondary: button('Refresh', { action: act(showHome, {}) }),
  });
}

/** A further page of assignments. */
export function morePageCard(page: AssignmentPage, fmt: Formatter): Card {
  return card({
    name: 'assignments-more',
    title: 'Assignments',
    sections: [
      section(undefined, [
        ...page.items.map((a) => assignmentLine(a, fmt)),
        page.items.length === 0 ? paragraph('No more assignments.') : undefined,
        page.nextCursor ? buttons(button('More assignments', { action: act(loadMoreAssignments, { cursor: page.nextCursor }) })) : undefined,
      ]),
    ],
  });
}
