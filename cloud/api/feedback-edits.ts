import type { WorkEdit } from '../../shared/api';
import type { EditableText, Feedback, Rubric } from '../../shared/domain';
import { GradeBotError, NotFoundError } from '../errors';
import type { EditPiece } from '../stats/usage-rollups';
import { validationError } from './validate';

/**
 * A teacher's edit applied to stored feedback: pure, so every rule is testable without a store.
 * The AI's text stays in `original`; `current` takes the teacher's text and `editedAt` the time.
 * Saving the text that is already there changes nothing (no new `editedAt`, no edit counted).
 */

export interface EditOutcome<T> {
  value: T;
  /** False when the edit left everything as it was. */
  changed: boolean;
  piece: EditPiece;
}

/** One editable text set to `text` at `now`. */
export function editText(t: EditableText, text: string, now: Date): EditableText {
  return text === t.current ? t : { original: t.original, current: text, editedAt: now };
}

/** Feedback with `edit` applied; `rubric` decides which levels a criterion may be set to. */
export function applyWorkEdit(feedback: Feedback | null, edit: WorkEdit, rubric: Rubric | null, now: Date): EditOutcome<Feedback> {
  if (!feedback) throw new GradeBotError('conflict', 'This work has no feedback to edit yet.');
  const done = (value: Feedback, piece: EditPiece): EditOutcome<Feedback> => ({ value, piece, changed: value !== feedback });

  switch (edit.target) {
    case 'qualitativeFeedback':
    case 'summary':
    case 'question': {
      const next = editText(feedback[edit.target], edit.text, now);
      return done(next === feedback[edit.target] ? feedback : { ...feedback, [edit.target]: next }, edit.target);
    }
    case 'feedbackItem': {
      const index = feedback.feedbackItems.findIndex((i) => i.id === edit.itemId);
      const item = feedback.feedbackItems[index];
      if (!item) throw new NotFoundError('That feedback item');
      const title = edit.title === undefined ? item.title : editText(item.title, edit.title, now);
      const description = edit.description === undefined ? item.description : editText(item.description, edit.description, now);
      if (title === item.title && description === item.description) return done(feedback, 'feedbackItem');
      const feedbackItems = feedback.feedbackItems.map((x, i) => (i === index ? { ...item, title, description } : x));
      return done({ ...feedback, feedbackItems }, 'feedbackItem');
    }
    case 'criterionLevel': {
      const index = feedback.criterionLevels.findIndex((l) => l.criterionId === edit.criterionId);
      const level = feedback.criterionLevels[index];
      if (!level) throw new NotFoundError('That rubric criterion');
      const criterion = rubric?.criteria.find((c) => c.id === edit.criterionId);
      if (!criterion?.levels.some((l) => l.id === edit.levelId)) {
        throw validationError([{ path: 'levelId', message: 'is not a level of this criterion' }]);
      }
      const levelChanged = edit.levelId !== level.levelId;
      const explanation = editText(level.explanation, edit.explanation, now);
      if (!levelChanged && explanation === level.explanation) return done(feedback, 'criterionLevel');
      const updated = { ...level, explanation, levelId: edit.levelId, levelEditedAt: levelChanged ? now : level.levelEditedAt };
      const criterionLevels = feedback.criterionLevels.map((x, i) => (i === index ? updated : x));
      return done({ ...feedback, criterionLevels }, 'criterionLevel');
    }
  }
}
