import type { AssignmentDetail } from '../../shared/api';
import { chooseExamples, confirmRegrade, editGradingSettings, regradeLikeExamples, saveExampleChoice, saveExamplesForRubric, saveGradingSettings } from '../actions/calibration-actions';
import { goBack } from '../actions/home-actions';
import type { Card, CardSection } from '../platform/card-service';
import { COLORS, colored, esc } from '../ui/text';
import { act, button, buttons, card, decorated, paragraph, section, select, textInput } from '../ui/widgets';

/**
 * Issue 16's cards and the detail card's "Your standard" section: the teacher's examples,
 * "Re-grade the rest like my examples" with its before/after, and the grading settings.
 */

const LANGUAGE_LABELS = { english: 'English', student: "The student's language", chosen: 'A language I choose' } as const;
const LENGTH_LABELS = { brief: 'Brief', standard: 'Standard', detailed: 'Detailed' } as const;

export function settingsLine(a: AssignmentDetail): string {
  const s = a.gradingSettings;
  if (!s) return 'English · Standard length';
  const language = s.language === 'chosen' ? (s.chosenLanguage ?? 'Chosen language') : LANGUAGE_LABELS[s.language];
  return [language, `${LENGTH_LABELS[s.length]} length`, s.focus.length ? `Focus: ${s.focus.join(', ')}` : ''].filter(Boolean).join(' · ');
}

/** The examples, the re-grade and its before/after, on the detail card (graded assignments only). */
export function calibrationWidgets(a: AssignmentDetail) {
  if (!a.rubric || a.progress.completed === 0) return [];
  const c = a.calibration;
  const examples = c?.examples ?? [];
  const ids = { assignmentId: a.id };
  return [
    decorated({
      top: 'Examples of my standard',
      text: examples.length ? esc(examples.map((x) => x.title).join(', ')) : 'None yet: choose up to 3 works whose levels you set.',
      bottom: c?.text ? esc(c.text) : undefined,
      button: button(examples.length ? 'Change' : 'Choose', { action: act(chooseExamples, ids) }, { style: 'BORDERLESS' }),
    }),
    buttons(
      examples.length > 0 && button('Re-grade the rest like my examples', { action: act(confirmRegrade, ids) }),
      examples.length > 0 && button(c?.savedAt ? 'Save examples again' : 'Save examples for this rubric', { action: act(saveExamplesForRubric, ids) }, { style: 'BORDERLESS' }),
      examples.length === 0 && button('Use my saved examples', { action: act(regradeLikeExamples, { ...ids, useSaved: 'yes' }) }, { style: 'BORDERLESS' }),
    ),
    decorated({ top: 'Grading settings', text: esc(settingsLine(a)), button: button('Change', { action: act(editGradingSettings, ids) }, { style: 'BORDERLESS' }) }),
  ];
}

export function chooseExamplesCard(a: AssignmentDetail): Card {
  const chosen = new Set((a.calibration?.examples ?? []).map((x) => x.workId));
  const graded = a.works.filter((w) => w.status === 'completed');
  return card({
    name: 'choose-examples',
    title: 'Examples of my standard',
    subtitle: a.title,
    sections: [
      section(undefined, [
        paragraph('Choose up to 3 works whose levels you set (edit a level, or insert the feedback). GradeBot grades the others against them.'),
        select({ name: 'examples', title: 'Examples', type: 'CHECK_BOX', items: graded.map((w) => ({ text: w.title, value: w.id, selected: chosen.has(w.id) })) }),
      ]),
    ],
    primary: button('Save', { action: act(saveExampleChoice, { assignmentId: a.id }) }, { style: 'FILLED' }),
    secondary: button('Cancel', { action: act(goBack, {}) }),
  });
}

export function regradeCard(a: AssignmentDetail): Card {
  const examples = new Set((a.calibration?.examples ?? []).map((x) => x.workId));
  const others = a.works.filter((w) => w.status === 'completed' && !examples.has(w.id));
  return card({
    name: 'regrade-like-examples',
    title: 'Re-grade like my examples',
    subtitle: a.title,
    sections: [
      section(undefined, [
        paragraph(
          `GradeBot grades the other ${others.length} graded work${others.length === 1 ? '' : 's'} again with your ${examples.size} example${examples.size === 1 ? '' : 's'} as a guide. ` +
            colored('Works you edited or inserted keep their feedback unless you tick them below.', COLORS.muted),
        ),
        others.length > 0 ? select({ name: 'also', title: 'Also re-grade (replaces your edits)', type: 'CHECK_BOX', items: others.map((w) => ({ text: w.title, value: w.id, selected: false })) }) : undefined,
      ]),
    ],
    primary: button('Re-grade', { action: act(regradeLikeExamples, { assignmentId: a.id, useSaved: 'no' }) }, { style: 'FILLED' }),
    secondary: button('Cancel', { action: act(goBack, {}) }),
  });
}

export function gradingSettingsCard(a: AssignmentDetail): Card {
  const s = a.gradingSettings ?? { language: 'english', chosenLanguage: null, length: 'standard', focus: [] };
  const criteria = a.rubric?.criteria ?? [];
  const sections: (CardSection | undefined)[] = [
    section(undefined, [
      select({ name: 'language', title: 'Feedback language', type: 'RADIO_BUTTON', items: (Object.keys(LANGUAGE_LABELS) as (keyof typeof LANGUAGE_LABELS)[]).map((k) => ({ text: LANGUAGE_LABELS[k], value: k, selected: s.language === k })) }),
      textInput({ name: 'chosenLanguage', title: 'Language (if you choose one)', value: s.chosenLanguage ?? '', hint: 'e.g. Spanish' }),
      select({ name: 'length', title: 'Feedback length', type: 'RADIO_BUTTON', items: (Object.keys(LENGTH_LABELS) as (keyof typeof LENGTH_LABELS)[]).map((k) => ({ text: LENGTH_LABELS[k], value: k, selected: s.length === k })) }),
      criteria.length > 0
        ? select({ name: 'focus', title: 'Comment most on', type: 'CHECK_BOX', items: criteria.map((c) => ({ text: c.title, value: c.title, selected: s.focus.some((f) => c.title.toLowerCase().includes(f.toLowerCase())) })) })
        : undefined,
      select({ name: 'asDefault', title: 'Also for my new assignments', type: 'CHECK_BOX', items: [{ text: 'Use these settings by default', value: 'yes', selected: false }] }),
      paragraph(colored('Applies to works graded from now on (re-grades and retries).', COLORS.muted)),
    ]),
  ];
  return card({
    name: 'grading-settings',
    title: 'Grading settings',
    subtitle: a.title,
    sections,
    primary: button('Save', { action: act(saveGradingSettings, { assignmentId: a.id }) }, { style: 'FILLED' }),
    secondary: button('Cancel', { action: act(goBack, {}) }),
  });
}
