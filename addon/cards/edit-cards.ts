import type { AssignmentDetail, ApiEditableText, WorkView } from '../../shared/api';
import type { SentSection } from '../../shared/domain';
import { goBack } from '../actions/home-actions';
import { saveSummary } from '../actions/assignment-actions';
import { insertIntoDoc, saveWorkEdit } from '../actions/work-actions';
import type { Card, Widget } from '../platform/card-service';
import { SECTION_LABELS } from '../services/docs-insert';
import { COLORS, colored, esc } from '../ui/text';
import { act, button, card, paragraph, section, select, textInput } from '../ui/widgets';

/** Which piece of a work's feedback an edit card changes. */
export type EditTarget =
  | { target: 'qualitativeFeedback' | 'summary' | 'question' }
  | { target: 'feedbackItem'; itemId: string }
  | { target: 'criterionLevel'; criterionId: string };

const TARGET_TITLES = {
  qualitativeFeedback: 'Qualitative feedback',
  summary: 'Summary',
  question: 'Question for the student',
  feedbackItem: 'Feedback item',
  criterionLevel: 'Rubric level',
} as const;

const original = (t: ApiEditableText): Widget | undefined =>
  t.editedAt && t.original !== t.current ? paragraph(colored(`AI's original: ${esc(t.original)}`, COLORS.muted)) : undefined;

/** An edit card for one piece of feedback: inputs filled with the current text, Save and Cancel. */
export function editWorkCard(w: WorkView, t: EditTarget): Card | undefined {
  const f = w.feedback;
  if (!f) return undefined;
  let widgets: (Widget | undefined)[];
  if (t.target === 'feedbackItem') {
    const item = f.feedbackItems.find((i) => i.id === t.itemId);
    if (!item) return undefined;
    widgets = [
      textInput({ name: 'title', title: item.kind === 'strength' ? 'Strength' : 'Opportunity', value: item.title.current }),
      original(item.title),
      textInput({ name: 'description', title: 'Description', value: item.description.current, multiline: true }),
      original(item.description),
      item.evidence ? paragraph(`Evidence from the student's text: <i>“${esc(item.evidence)}”</i>`) : undefined,
    ];
  } else if (t.target === 'criterionLevel') {
    const level = f.criterionLevels.find((l) => l.criterionId === t.criterionId);
    const criterion = w.rubric.find((c) => c.id === t.criterionId);
    if (!level || !criterion) return undefined;
    widgets = [
      paragraph(`<b>${esc(criterion.title)}</b>: ${esc(criterion.description)}`),
      select({
        name: 'levelId',
        title: 'Level',
        type: 'DROPDOWN',
        items: criterion.levels.map((l) => ({ text: `${l.title}${l.id === level.originalLevelId ? ' (AI)' : ''}`, value: l.id, selected: l.id === level.levelId })),
      }),
      textInput({ name: 'explanation', title: 'Explanation', value: level.explanation.current, multiline: true }),
      original(level.explanation),
    ];
  } else {
    const text = f[t.target];
    widgets = [textInput({ name: 'text', title: TARGET_TITLES[t.target], value: text.current, multiline: true }), original(text)];
  }
  const extra = t.target === 'feedbackItem' ? { itemId: t.itemId } : t.target === 'criterionLevel' ? { criterionId: t.criterionId } : {};
  return card({
    name: 'edit-feedback',
    title: `Edit: ${TARGET_TITLES[t.target]}`,
    subtitle: w.title,
    sections: [section(undefined, widgets)],
    primary: button('Save', { action: act(saveWorkEdit, { assignmentId: w.assignmentId, workId: w.id, target: t.target, ...extra }) }, { style: 'FILLED' }),
    secondary: button('Cancel', { action: act(goBack, {}) }),
  });
}

/** Edit the class summary's insights. */
export function editSummaryCard(a: AssignmentDetail): Card | undefined {
  if (!a.summary) return undefined;
  const t = a.summary.qualitativeInsights;
  return card({
    name: 'edit-summary',
    title: 'Edit: Class insights',
    subtitle: a.title,
    sections: [section(undefined, [textInput({ name: 'text', title: 'Insights', value: t.current, multiline: true }), original(t)])],
    primary: button('Save', { action: act(saveSummary, { assignmentId: a.id }) }, { style: 'FILLED' }),
    secondary: button('Cancel', { action: act(goBack, {}) }),
  });
}

export const ALL_SECTIONS: SentSection[] = ['qualitativeFeedback', 'feedbackItems', 'criterionLevels'];

/** Choose what to insert into the student's Doc; nothing reaches the student before this. */
/**
 * Choose the sections to insert. `insertId` names this insertion for POST …/sent: clicking Insert
 * again on this card (after a timeout, say) is recorded and counted once.
 */
export function insertCard(w: Pick<WorkView, 'assignmentId' | 'id' | 'title'>, insertId?: string): Card {
  return card({
    name: 'insert-into-doc',
    title: 'Insert into Doc',
    subtitle: w.title,
    sections: [
      section(undefined, [
        paragraph(`GradeBot adds a "Feedback" section at the end of <b>${esc(w.title)}</b> with the text as you edited it.`),
        select({ name: 'sections', title: 'Sections to insert', type: 'CHECK_BOX', items: ALL_SECTIONS.map((s) => ({ text: SECTION_LABELS[s], value: s, selected: true })) }),
      ]),
    ],
    primary: button('Insert', { action: act(insertIntoDoc, { assignmentId: w.assignmentId, workId: w.id, ...(insertId ? { insertId } : {}) }) }, { style: 'FILLED' }),
    secondary: button('Cancel', { action: act(goBack, {}) }),
  });
}
