import type { AssignmentDetail, RubricCriterionView, RubricLevelView, RubricOriginalView, RubricView } from '../../shared/api';
import { RUBRIC_LIMITS } from '../../shared/domain';
import { formatPoints, pointsLabel } from '../../shared/rules/points';
import { goBack } from '../actions/home-actions';
import {
  closeRubric,
  confirmRegrade,
  deleteCriterion,
  editCriterion,
  levelOp,
  moveCriterion,
  openRubric,
  regradeWorks,
  saveCriterion,
  startGrading,
} from '../actions/rubric-actions';
import type { Card, CardSection, Widget } from '../platform/card-service';
import { COLORS, colored, esc, plural } from '../ui/text';
import { act, button, buttons, card, decorated, paragraph, section, textInput } from '../ui/widgets';

/**
 * The teacher approves the rubric: the review notice on the assignment, the rubric card (criteria
 * with Edit, reorder, delete, add), the criterion editor (its levels: rename, reword, points,
 * reorder, add, delete) and the re-grade confirmation. Kept apart from the detail card, which only
 * places {@link rubricNotice} and {@link rubricActions}.
 */

export const REVIEW_TITLE = 'Rubric ready for review';
export const START_GRADING = 'Start grading';

/** Where a card was opened from, so a reply can return to the assignment under it. */
export type From = 'detail' | 'rubric';

const levelLine = (l: RubricLevelView) => {
  const pts = l.points !== null && l.title !== formatPoints(l.points) ? ` (${pointsLabel(l.points)})` : '';
  return `<b>${esc(l.title)}</b>${pts}${l.description ? `: ${esc(l.description)}` : ''}`;
};

const changedFrom = (o: RubricOriginalView, now: { title: string; description: string; points?: number | null }) =>
  o !== null && (o.title !== now.title || o.description !== now.description || (now.points !== undefined && o.points !== now.points));

function originalLine(o: RubricOriginalView): string {
  if (!o) return '';
  const pts = o.points !== null ? ` (${pointsLabel(o.points)})` : '';
  return colored(`AI's original: ${esc(o.title)}${pts}${o.description ? ` — ${esc(o.description)}` : ''}`, COLORS.muted);
}

/** "4 criteria · 16 points" for the section header and the notice. */
export function rubricShape(r: RubricView): string {
  return `${plural(r.criteria.length, 'criterion', 'criteria')}${r.maxPoints !== null ? ` · ${plural(r.maxPoints, 'point')}` : ''}`;
}

/** At the top of the assignment while the rubric waits for the teacher. */
export function rubricNotice(a: AssignmentDetail): CardSection | undefined {
  if (a.status !== 'review' || !a.rubric) return undefined;
  return section(REVIEW_TITLE, [
    paragraph(
      `GradeBot read your rubric as <b>${esc(rubricShape(a.rubric))}</b>. Check each criterion and its levels, fix anything it got wrong, then start grading. Nothing is graded until you do.`,
    ),
    buttons(
      button(START_GRADING, { action: act(startGrading, { assignmentId: a.id, from: 'detail' }) }, { style: 'FILLED' }),
      button('Review and edit', { action: act(openRubric, { assignmentId: a.id }) }),
    ),
  ]);
}

/** Under the rubric on the assignment: edit it, and re-grade after a change. */
export function rubricActions(a: AssignmentDetail, from: From = 'detail'): Widget[] {
  if (!a.rubric) return [];
  const out: Widget[] = [];
  const changed = a.regrade.changed;
  if (a.status === 'complete' && changed > 0) {
    out.push(paragraph(colored(`${plural(changed, 'work was', 'works were')} graded with an earlier version of this rubric.`, COLORS.progress)));
  }
  const set = buttons(
    from === 'detail' && (a.status === 'review' || a.status === 'complete') ? button('Edit rubric', { action: act(openRubric, { assignmentId: a.id }) }) : undefined,
    a.status === 'complete' && changed > 0 ? button(`Re-grade changed (${changed})`, { action: act(confirmRegrade, { assignmentId: a.id, scope: 'changed', from }) }) : undefined,
    a.status === 'complete' && a.regrade.all > 0 ? button(`Re-grade all (${a.regrade.all})`, { action: act(confirmRegrade, { assignmentId: a.id, scope: 'all', from }) }, { style: 'BORDERLESS' }) : undefined,
  );
  if (set) out.push(set);
  return out;
}

function criterionWidgets(a: AssignmentDetail, c: RubricCriterionView, i: number, n: number, editable: boolean): (Widget | undefined)[] {
  const ids = { assignmentId: a.id, criterionId: c.id };
  const edited = c.added ? ' · added by you' : changedFrom(c.original, c) || c.levels.some((l) => l.added || changedFrom(l.original, l)) ? ' · edited' : '';
  return [
    decorated({
      top: `Criterion ${i + 1}${edited}`,
      text: `<b>${esc(c.title)}</b>${c.description ? `<br>${esc(c.description)}` : ''}`,
      bottom: [changedFrom(c.original, c) ? originalLine(c.original) : '', ...c.levels.map((l) => `${levelLine(l)}${changedFrom(l.original, l) ? `<br>${originalLine(l.original)}` : ''}`)]
        .filter(Boolean)
        .join('<br>'),
      button: editable ? button('Edit', { action: act(editCriterion, ids) }) : undefined,
    }),
    editable
      ? buttons(
          i > 0 && button('Move up', { action: act(moveCriterion, { ...ids, direction: 'up' }) }, { style: 'BORDERLESS' }),
          i < n - 1 && button('Move down', { action: act(moveCriterion, { ...ids, direction: 'down' }) }, { style: 'BORDERLESS' }),
          n > RUBRIC_LIMITS.minCriteria && button('Delete', { action: act(deleteCriterion, ids) }, { style: 'BORDERLESS' }),
        )
      : undefined,
  ];
}

/** The rubric with its editing controls (in review, and once grading is complete). */
export function rubricCard(a: AssignmentDetail): Card | undefined {
  const r = a.rubric;
  if (!r) return undefined;
  const editable = a.status === 'review' || a.status === 'complete';
  const n = r.criteria.length;
  return card({
    name: `rubric-${a.id}`,
    title: a.status === 'review' ? REVIEW_TITLE : 'Rubric',
    subtitle: a.title,
    sections: [
      section(undefined, [
        paragraph(
          editable
            ? `${esc(rubricShape(r))}. Edit a criterion to rename it, reword it, or change its levels and points. The AI's original wording stays beside your edits.`
            : 'GradeBot is grading with this rubric now. You can edit it when grading is complete.',
        ),
        ...rubricActions(a, 'rubric'),
      ]),
      ...r.criteria.map((c, i) => section(undefined, criterionWidgets(a, c, i, n, editable))),
      editable && n < RUBRIC_LIMITS.maxCriteria
        ? section(undefined, [buttons(button('Add criterion', { action: act(editCriterion, { assignmentId: a.id }) }))])
        : undefined,
    ],
    primary:
      a.status === 'review'
        ? button(START_GRADING, { action: act(startGrading, { assignmentId: a.id, from: 'rubric' }) }, { style: 'FILLED' })
        : button('Done', { action: act(closeRubric, { assignmentId: a.id }) }, { style: 'FILLED' }),
    secondary: a.status === 'review' ? button('Back', { action: act(closeRubric, { assignmentId: a.id }) }) : undefined,
  });
}

/** A criterion being edited: what the inputs hold (levels carry their stored id, or '' when new). */
export interface CriterionDraft {
  criterionId?: string;
  title: string;
  description: string;
  levels: { id: string; title: string; description: string; points: string }[];
}

export function draftOf(c: RubricCriterionView | undefined): CriterionDraft {
  if (!c) return { title: '', description: '', levels: [{ id: '', title: '', description: '', points: '' }] };
  return {
    criterionId: c.id,
    title: c.title,
    description: c.description,
    levels: c.levels.map((l) => ({ id: l.id, title: l.title, description: l.description, points: l.points === null ? '' : formatPoints(l.points) })),
  };
}

/** The level ids of a draft, in order, for the card's action parameters ('' for a new level). */
export const levelIdsParam = (d: CriterionDraft) => d.levels.map((l) => l.id).join(',');

/**
 * Edit one criterion and its levels (or write a new one). Level buttons re-render this card from its
 * inputs without saving; Save sends the whole criterion. `errors` are the field messages of a Save
 * that was refused, shown at the top.
 */
export function criterionCard(a: Pick<AssignmentDetail, 'id' | 'title' | 'rubric'>, d: CriterionDraft, errors: string[] = []): Card {
  const stored = a.rubric?.criteria.find((c) => c.id === d.criterionId);
  const base = { assignmentId: a.id, levelIds: levelIdsParam(d), ...(d.criterionId ? { criterionId: d.criterionId } : {}) };
  const n = d.levels.length;
  const levelSections = d.levels.map((l, i) => {
    const storedLevel = stored?.levels.find((x) => x.id === l.id);
    return section(`Level ${i + 1}${i === 0 ? ' (highest)' : i === n - 1 && n > 1 ? ' (lowest)' : ''}`, [
      textInput({ name: `l${i}title`, title: 'Level name', value: l.title }),
      textInput({ name: `l${i}points`, title: 'Points (optional)', value: l.points }),
      textInput({ name: `l${i}desc`, title: 'What work at this level looks like', value: l.description, multiline: true }),
      storedLevel && changedFrom(storedLevel.original, storedLevel) ? paragraph(originalLine(storedLevel.original)) : undefined,
      buttons(
        i > 0 && button('Move up', { action: act(levelOp, { ...base, op: 'up', index: String(i) }) }, { style: 'BORDERLESS' }),
        n > RUBRIC_LIMITS.minLevels && button('Delete level', { action: act(levelOp, { ...base, op: 'delete', index: String(i) }) }, { style: 'BORDERLESS' }),
      ),
    ]);
  });
  return card({
    name: 'edit-criterion',
    title: d.criterionId ? 'Edit criterion' : 'Add criterion',
    subtitle: a.title,
    sections: [
      errors.length > 0 ? section(undefined, [paragraph(colored(`<b>Please fix:</b><br>${errors.map((e) => `• ${esc(e)}`).join('<br>')}`, COLORS.error))]) : undefined,
      section('Criterion', [
        textInput({ name: 'title', title: 'Criterion name', value: d.title }),
        textInput({ name: 'description', title: 'What it assesses (optional)', value: d.description, multiline: true }),
        stored && changedFrom(stored.original, stored) ? paragraph(originalLine(stored.original)) : undefined,
        paragraph(colored('Levels go from the highest to the lowest. Give points to every level to see a total per work.', COLORS.muted)),
      ]),
      ...levelSections,
      n < RUBRIC_LIMITS.maxLevels ? section(undefined, [buttons(button('Add level', { action: act(levelOp, { ...base, op: 'add', index: String(n) }) }))]) : undefined,
    ],
    primary: button('Save', { action: act(saveCriterion, base) }, { style: 'FILLED' }),
    secondary: button('Cancel', { action: act(goBack, {}) }),
  });
}

/** "Re-grade 3 works?": says how many, and that the teacher's own feedback edits on them are replaced. */
export function confirmRegradeCard(a: AssignmentDetail, scope: 'all' | 'changed', regradeId: string, from: From): Card {
  const count = scope === 'all' ? a.regrade.all : a.regrade.changed;
  return card({
    name: 'confirm-regrade',
    title: `Re-grade ${plural(count, 'work')}?`,
    subtitle: a.title,
    sections: [
      section(undefined, [
        paragraph(
          `GradeBot will grade <b>${plural(count, 'student work')}</b> again with the rubric as it is now${scope === 'changed' ? ' (the works graded with an earlier version)' : ''}, then update the class summary.`,
        ),
        paragraph(colored(`<b>Your own edits to the feedback on ${count === 1 ? 'this work' : `these ${count} works`} will be replaced.</b> Feedback already inserted into Docs stays there.`, COLORS.error)),
        paragraph(colored('A re-grade does not count as a new assignment.', COLORS.muted)),
      ]),
    ],
    primary: button(`Re-grade ${plural(count, 'work')}`, { action: act(regradeWorks, { assignmentId: a.id, scope, regradeId, from }) }, { style: 'FILLED' }),
    secondary: button('Cancel', { action: act(goBack, {}) }),
  });
}
