import type { ApiEditableText, FeedbackItemView, WorkView } from '../../shared/api';
import { retryWork } from '../actions/assignment-actions';
import { chooseSections, editWork } from '../actions/work-actions';
import type { Formatter } from '../context';
import type { Card, TextButton } from '../platform/card-service';
import { SECTION_LABELS } from '../services/docs-insert';
import type { EditTarget } from './edit-cards';
import { COLORS, colored, esc, escLines, plural } from '../ui/text';
import { act, button, card, decorated, paragraph, section } from '../ui/widgets';
import { formatPoints, formatTotal, pointsLabel } from '../../shared/rules/points';
import { AI_CHECK_CAUTION, AI_CHECK_TYPES, CHECK_LABELS, cannotRetryAdvice, failedWorkLine } from './badges';
import { writingProcessWidgets } from './writing-process';

export interface WorkCardOptions {
  /** Shown in Docs for the open Doc: say which assignment it belongs to. */
  fromDoc?: boolean;
}

const edited = (t: ApiEditableText) => (t.editedAt ? ' · edited' : '');

/** Beside each quote the card shows: every one was found in the student's text (unverified ones are dropped). */
export const VERIFIED_MARK = '✓ in the text';

/** What the card says about the quotes: all shown are verified, and how many were dropped. */
export function evidenceNote(quoted: boolean, dropped: number): string {
  const shown = quoted ? "✓ Every quote shown was found word for word in the student's text." : '';
  const left = dropped > 0 ? `${plural(dropped, 'quote')} the AI gave ${dropped === 1 ? 'was' : 'were'} not in the text and ${dropped === 1 ? 'was' : 'were'} left out.` : '';
  return [shown, left].filter(Boolean).join(' ');
}

/** Every piece of one student's feedback, each with Edit; "Insert into Doc" and "Open Doc" below. */
export function workCard(w: WorkView, fmt: Formatter, opts: WorkCardOptions = {}): Card {
  const ids = { assignmentId: w.assignmentId, workId: w.id };
  const edit = (target: EditTarget['target'], extra: { itemId?: string; criterionId?: string } = {}): TextButton =>
    button('Edit', { action: act(editWork, { ...ids, target, ...extra }) }, { style: 'BORDERLESS' });
  const f = w.feedback;
  const header = section(undefined, [
    opts.fromDoc ? paragraph(`This Doc is student work in <b>${esc(w.assignmentTitle)}</b>.`) : undefined,
    decorated({
      top: 'Status',
      text: `${failedWorkLine(w.status, w.failureReason)}${w.total ? ` · <b>${formatTotal(w.total)}</b>` : ''}`,
      bottom: `${w.wordCount.toLocaleString('en-US')} words${w.outdated ? ' · graded with an earlier version of the rubric' : ''}`,
      button: w.status === 'failed' && !cannotRetryAdvice(w.failureReason) ? button('Retry', { action: act(retryWork, { ...ids, from: 'work' }) }) : undefined,
    }),
    w.sent.length > 0
      ? paragraph(
          colored(
            w.sent.map((s) => `Inserted ${fmt.date(s.at)}: ${s.sections.map((x) => SECTION_LABELS[x].toLowerCase()).join(', ')}`).join('<br>'),
            COLORS.done,
          ),
        )
      : undefined,
  ]);
  if (!f) {
    return card({
      name: `work-${w.id}`,
      title: w.title,
      subtitle: w.assignmentTitle,
      sections: [header, section(undefined, [paragraph(w.status === 'failed' ? 'GradeBot could not grade this work.' : 'GradeBot is still grading this work. Refresh the assignment in a minute.')])],
      secondary: undefined,
      primary: button('Open Doc', { link: { url: w.url } }),
    });
  }
  const items = (kind: FeedbackItemView['kind']) =>
    f.feedbackItems
      .filter((i) => i.kind === kind)
      .flatMap((i) => [
        decorated({
          text: `<b>${esc(i.title.current)}</b>`,
          bottom: `${esc(i.description.current)}${i.title.editedAt || i.description.editedAt ? ' · edited' : ''}`,
          button: edit('feedbackItem', { itemId: i.id }),
        }),
        i.evidence ? paragraph(`<i>“${esc(i.evidence)}”</i> ${colored(VERIFIED_MARK, COLORS.done)}`) : undefined,
      ]);
  const quoted = f.feedbackItems.some((i) => i.evidence);
  return card({
    name: `work-${w.id}`,
    title: w.title,
    subtitle: w.assignmentTitle,
    sections: [
      header,
      section('Feedback', [decorated({ text: escLines(f.qualitativeFeedback.current), top: `Qualitative feedback${edited(f.qualitativeFeedback)}`, button: edit('qualitativeFeedback') })]),
      section('Strengths', items('strength')),
      section('Opportunities', [...items('opportunity'), quoted || f.droppedEvidenceCount > 0 ? paragraph(colored(evidenceNote(quoted, f.droppedEvidenceCount), COLORS.muted)) : undefined]),
      section(
        w.total ? `Rubric · ${formatTotal(w.total)}` : 'Rubric',
        // In the rubric's order; a criterion deleted since grading is left out.
        w.rubric.flatMap((criterion) => {
          const l = f.criterionLevels.find((x) => x.criterionId === criterion.id);
          if (!l) return [];
          const level = criterion.levels.find((x) => x.id === l.levelId);
          const pts = level?.points !== null && level?.points !== undefined && level.title !== formatPoints(level.points) ? ` (${pointsLabel(level.points)})` : '';
          return decorated({
            top: esc(criterion.title),
            text: `<b>${esc(level?.title ?? 'Unknown level')}</b>${pts}${l.levelEditedAt || l.explanation.editedAt ? ' · edited' : ''}`,
            bottom: esc(l.explanation.current),
            button: edit('criterionLevel', { criterionId: l.criterionId }),
          });
        }),
      ),
      section('Summary', [decorated({ text: escLines(f.summary.current), top: `Summary${edited(f.summary)}`, button: edit('summary') })]),
      section('Question for the student', [decorated({ text: escLines(f.question.current), top: `Ask the student${edited(f.question)}`, button: edit('question') })]),
      section('Checks', [
        ...f.checks.flatMap((c) => [
          decorated({ top: esc(CHECK_LABELS[c.type] ?? c.type), text: `<b>${c.score}%</b>`, bottom: esc(c.explanation) }),
          AI_CHECK_TYPES.has(c.type) ? paragraph(colored(AI_CHECK_CAUTION, COLORS.muted)) : undefined,
        ]),
        // Beside the AI-use check: evidence from how the text was written, not a guess from its style.
        ...writingProcessWidgets(w.writingProcess, fmt),
        decorated({ top: 'Writing grade level', text: `<b>${f.writingGradeLevel.toFixed(1)}</b>` }),
      ]),
    ],
    primary: button('Insert into Doc', { action: act(chooseSections, ids) }, { style: 'FILLED' }),
    secondary: button('Open Doc', { link: { url: w.url } }),
  });
}
