import type { AssignmentDetail, FeedbackItemView, SummaryView } from '../../shared/api';
import { confirmDelete, deleteAssignment, editSummary, refreshAssignment, retryWork } from '../actions/assignment-actions';
import { goBack, showHome } from '../actions/home-actions';
import { openWork } from '../actions/work-actions';
import type { Formatter } from '../context';
import type { Card, CardSection } from '../platform/card-service';
import { COLORS, colored, esc, escLines, progressBar, truncate } from '../ui/text';
import { act, button, buttons, card, decorated, paragraph, section } from '../ui/widgets';
import { formatPoints, formatTotal, pointsLabel } from '../../shared/rules/points';
import { qualitySection } from './quality-section';
import { TONE_LABELS, assignmentBadge, cannotRetryAdvice, failedWorkLine } from './badges';
import { rubricActions, rubricNotice } from './rubric-cards';
import { withProcessFlag } from './writing-process';

export const RUBRIC_PENDING = 'GradeBot is creating your rubric…';
const INSTRUCTIONS_PREVIEW = 200;

function rubricSection(a: AssignmentDetail): CardSection | undefined {
  if (!a.rubric) return section('Rubric', [paragraph(colored(RUBRIC_PENDING, COLORS.progress))]);
  // Edit and re-grade first, always in view; then the criteria, the first one shown before "Show more".
  const actions = rubricActions(a);
  return section(
    'Rubric',
    [
      ...actions,
      ...a.rubric.criteria.map((c) =>
        // The criterion's title first, then what it means, then its levels.
        decorated({
          text: `<b>${esc(c.title)}</b>${c.description ? `<br>${esc(c.description)}` : ''}`,
          bottom: c.levels.map((l) => `<b>${esc(l.title)}</b>${l.points !== null && l.title !== formatPoints(l.points) ? ` (${pointsLabel(l.points)})` : ''}: ${esc(l.description)}`).join('<br>'),
        }),
      ),
    ],
    { collapsible: actions.length + 2 },
  );
}

/** A work's line: its status, its total when the rubric gives points, and whether it predates a rubric change. */
function workLine(w: AssignmentDetail['works'][number]): string {
  const total = w.total ? ` · <b>${formatTotal(w.total)}</b>` : '';
  const outdated = w.outdated ? `<br>${colored('Graded with an earlier rubric', COLORS.muted)}` : '';
  return `${failedWorkLine(w.status, w.failureReason)}${total}${outdated}`;
}

function itemLines(items: FeedbackItemView[]): string {
  return items.map((i) => `• <b>${esc(i.title.current)}</b>: ${esc(i.description.current)}`).join('<br>');
}

function summarySection(a: AssignmentDetail, s: SummaryView): CardSection | undefined {
  const strengths = s.feedbackItems.filter((i) => i.kind === 'strength');
  const opportunities = s.feedbackItems.filter((i) => i.kind === 'opportunity');
  return section(`Class summary (${s.studentWorkCount} works)`, [
    decorated({
      text: escLines(s.qualitativeInsights.current),
      top: s.qualitativeInsights.editedAt ? 'Insights · edited' : 'Insights',
      button: button('Edit', { action: act(editSummary, { assignmentId: a.id }) }, { style: 'BORDERLESS' }),
    }),
    strengths.length > 0 ? paragraph(`<b>Common strengths</b><br>${itemLines(strengths)}`) : undefined,
    opportunities.length > 0 ? paragraph(`<b>Common opportunities</b><br>${itemLines(opportunities)}`) : undefined,
    s.nextSteps.length > 0 ? paragraph(`<b>Next steps</b><br>${s.nextSteps.map((x) => `• ${esc(x)}`).join('<br>')}`) : undefined,
  ]);
}

/** One assignment: status, details, rubric, progress and estimate, each work, the class summary. */
export function detailCard(a: AssignmentDetail, fmt: Formatter): Card {
  const p = a.progress;
  return card({
    name: `assignment-${a.id}`,
    title: a.title,
    subtitle: `${a.subject} · ${a.gradeLevel}`,
    sections: [
      rubricNotice(a),
      section(undefined, [
        decorated({ top: 'Status', text: assignmentBadge(a.status), bottom: `Created ${fmt.date(a.createdAt)}` }),
        decorated({ top: 'Details', text: `${esc(a.subject)} · ${esc(a.gradeLevel)} · ${TONE_LABELS[a.feedbackTone]} tone`, bottom: esc(truncate(a.instructions, INSTRUCTIONS_PREVIEW)) }),
      ]),
      rubricSection(a),
      section('Progress', [
        // The bar counts graded works only; failed ones are counted beside it, not as progress.
        decorated({
          top: 'Graded',
          text: `<b>${p.completed}/${p.total}</b>${p.failed > 0 ? colored(` · ${p.failed} failed`, COLORS.error) : ''}`,
          bottom: progressBar(p.completed, p.total),
        }),
        paragraph(esc(a.estimate.text)),
      ]),
      qualitySection(a),
      section(
        'Student work',
        a.works.map((w) =>
          decorated({
            text: esc(w.title),
            bottom: withProcessFlag(workLine(w), w.processFlag),
            button:
              w.status === 'completed'
                ? button('View feedback', { action: act(openWork, { assignmentId: a.id, workId: w.id }) })
                : w.status === 'failed' && !cannotRetryAdvice(w.failureReason)
                  ? button('Retry', { action: act(retryWork, { assignmentId: a.id, workId: w.id }) })
                  : undefined,
          }),
        ),
      ),
      a.status === 'complete' && a.summary ? summarySection(a, a.summary) : undefined,
      section(undefined, [buttons(button('Delete assignment', { action: act(confirmDelete, { assignmentId: a.id }) }, { style: 'BORDERLESS' }))]),
    ],
    primary: button('Refresh', { action: act(refreshAssignment, { assignmentId: a.id }) }, { style: 'FILLED' }),
    // The way home from any stack: after Submit the detail may sit alone (the Picker reloaded the
    // add-on into the form it replaced).
    secondary: button('All assignments', { action: act(showHome, {}) }),
  });
}

/** "Delete this assignment?" — the answer removes the assignment, its works and all stored student text. */
export function confirmDeleteCard(a: AssignmentDetail): Card {
  return card({
    name: 'confirm-delete',
    title: 'Delete assignment?',
    subtitle: a.title,
    sections: [
      section(undefined, [
        paragraph(`GradeBot will delete this assignment, its rubric, the feedback for ${a.works.length} student works and every copy of the students' text it holds. Feedback already inserted into Docs stays there. This cannot be undone.`),
      ]),
    ],
    primary: button('Delete', { action: act(deleteAssignment, { assignmentId: a.id }) }, { style: 'FILLED' }),
    secondary: button('Cancel', { action: act(goBack, {}) }),
  });
}
