import { DOCUMENT_LIMITS } from '../../shared/api';
import { goBack, showHome } from '../actions/home-actions';
import { discardDraft, openPicker, removeDocument, submitAssignment, toggleRubricMode } from '../actions/form-actions';
import type { Card } from '../platform/card-service';
import { type Draft, reviewRubricChoice } from '../services/draft-store';
import { COLORS, colored, esc, plural } from '../ui/text';
import { act, button, buttons, card, decorated, paragraph, section, select, textInput } from '../ui/widgets';
import { TONE_LABELS } from './badges';

export const GRADE_LEVELS = ['Kindergarten', ...Array.from({ length: 12 }, (_, i) => `Grade ${i + 1}`), 'Higher education'];

export const REVIEW_RUBRIC_LABEL = 'Review the rubric before grading';

export const RUBRIC_HINT = "Paste your rubric here, don't worry about formatting.";

/** The rubric choice: "Generate with AI" (the default) or "I have a rubric" (shows the text area). */
export const RUBRIC_CHOICES = [
  { value: 'generate', text: 'Generate with AI' },
  { value: 'paste', text: 'I have a rubric' },
] as const;

/** Google Drive's product icon, for the Google-branded "Select student work" row. */
export const DRIVE_ICON_URL = 'https://ssl.gstatic.com/images/branding/product/2x/drive_2020q4_48dp.png';

export interface FormView {
  draft: Draft;
  /** Problems to fix, shown at the top of the form. */
  errors: string[];
  /** The form is the only card (after the Picker reloaded the add-on): "Cancel" goes home. */
  asRoot?: boolean;
}

/** The new-assignment form, filled from the draft. */
export function formCard(v: FormView): Card {
  const d = v.draft;
  const n = d.documents.length;
  const max = DOCUMENT_LIMITS.maxDocuments;
  const grades = GRADE_LEVELS.includes(d.gradeLevel) || !d.gradeLevel ? GRADE_LEVELS : [d.gradeLevel, ...GRADE_LEVELS];
  const paste = d.rubricMode === 'paste';
  return card({
    name: 'assignment-form',
    title: 'New assignment',
    subtitle: 'GradeBot drafts feedback; you review it before students see anything.',
    sections: [
      v.errors.length > 0 ? section(undefined, [paragraph(colored(`<b>Please fix:</b><br>${v.errors.map((e) => `• ${esc(e)}`).join('<br>')}`, COLORS.error))]) : undefined,
      section('Assignment', [
        textInput({ name: 'title', title: 'Title', value: d.title }),
        textInput({ name: 'subject', title: 'Subject', value: d.subject }),
        select({
          name: 'gradeLevel',
          title: 'Grade level',
          type: 'DROPDOWN',
          items: [{ text: 'Choose a grade level', value: '', selected: !d.gradeLevel }, ...grades.map((g) => ({ text: g, value: g, selected: g === d.gradeLevel }))],
        }),
        textInput({ name: 'instructions', title: 'Instructions', value: d.instructions, hint: 'Paste the instructions your students received.', multiline: true }),
      ]),
      section('Rubric', [
        // Two named choices, not one switch whose off state means the other: the teacher reads
        // which one is chosen. Choosing re-renders the form (the text area only for a pasted rubric).
        select({
          name: 'rubricMode',
          title: 'Where does the rubric come from?',
          type: 'RADIO_BUTTON',
          items: RUBRIC_CHOICES.map((c) => ({ text: c.text, value: c.value, selected: d.rubricMode === c.value })),
          onChange: act(toggleRubricMode, {}),
        }),
        paste
          ? textInput({ name: 'pastedRubric', title: 'Your rubric', value: d.pastedRubric, hint: RUBRIC_HINT, multiline: true })
          : paragraph(colored('GradeBot writes the rubric from your instructions and shows it on the assignment.', COLORS.muted)),
        select({
          name: 'reviewRubric',
          title: 'Before grading',
          type: 'CHECK_BOX',
          items: [{ text: REVIEW_RUBRIC_LABEL, value: 'yes', selected: reviewRubricChoice(d) }],
        }),
      ]),
      section('Student work', [
        decorated({
          icon: { url: DRIVE_ICON_URL, alt: 'Google Drive' },
          text: 'Google Docs from your Drive',
          bottom: `Up to ${max} per assignment`,
          button: button('Select student work', { linkFrom: act(openPicker, {}) }, { style: 'FILLED' }),
        }),
        paragraph(
          n > max
            ? colored(`<b>${plural(n, 'Doc')} chosen.</b> GradeBot grades at most ${max} per assignment: remove ${n - max}.`, COLORS.error)
            : n === 0
              ? 'No Docs chosen yet.'
              : `${n} of ${max} Docs chosen`,
        ),
        ...d.documents.map((doc) =>
          decorated({
            text: esc(doc.title),
            onClick: { link: { url: doc.url } },
            button: button('Remove', { action: act(removeDocument, { googleDocId: doc.googleDocId }) }, { style: 'BORDERLESS' }),
          }),
        ),
      ]),
      section('Feedback tone', [
        select({
          name: 'feedbackTone',
          title: 'How should the feedback sound?',
          type: 'RADIO_BUTTON',
          items: (['encouraging', 'neutral', 'critical'] as const).map((t) => ({ text: TONE_LABELS[t], value: t, selected: d.feedbackTone === t })),
        }),
        buttons(button('Start over', { action: act(discardDraft, {}) }, { style: 'BORDERLESS' })),
      ]),
    ],
    primary: button('Submit for grading', { action: act(submitAssignment, {}) }, { style: 'FILLED' }),
    secondary: v.asRoot ? button('Cancel', { action: act(showHome, {}) }) : button('Cancel', { action: act(goBack, {}) }),
  });
}
