import { z } from 'zod';
import { GradingSettingsSchema, IdSchema } from '../../shared/domain';
import { chooseExamplesCard, gradingSettingsCard, regradeCard } from '../cards/calibration-cards';
import { detailCard } from '../cards/detail-card';
import { InputError } from '../errors';
import { formValue, formValues } from '../platform/event';
import { defineHandler } from './handler';
import { popAndUpdate, push, update } from './reply';

/** Issue 16 on the detail card: the teacher's examples, "Re-grade the rest like my examples", grading settings. */

const Ids = z.object({ assignmentId: IdSchema });

export const chooseExamples = defineHandler('calibration.choose', Ids, ({ assignmentId }, _e, ctx) =>
  push(chooseExamplesCard(ctx.backend.call({ name: 'getAssignment', params: { assignmentId } }))),
);

export const saveExampleChoice = defineHandler('calibration.saveChoice', Ids, ({ assignmentId }, e, ctx) => {
  const workIds = formValues(e, 'examples');
  if (workIds.length > 3) throw new InputError('Choose at most 3 examples.');
  const detail = ctx.backend.call({ name: 'setExamples', params: { assignmentId }, body: { workIds } });
  return popAndUpdate(detailCard(detail, ctx.fmt), workIds.length ? 'Examples saved. Re-grade the rest when you are ready.' : 'No examples chosen.');
});

export const confirmRegrade = defineHandler('calibration.confirm', Ids, ({ assignmentId }, _e, ctx) =>
  push(regradeCard(ctx.backend.call({ name: 'getAssignment', params: { assignmentId } }))),
);

export const regradeLikeExamples = defineHandler('calibration.regrade', Ids.extend({ useSaved: z.enum(['yes', 'no']).default('no') }), (p, e, ctx) => {
  const detail = ctx.backend.call({ name: 'calibrate', params: { assignmentId: p.assignmentId }, body: { alsoWorkIds: formValues(e, 'also'), useSaved: p.useSaved === 'yes' } });
  const n = detail.calibration?.regraded ?? 0;
  const card = detailCard(detail, ctx.fmt);
  const text = `Re-grading ${n} work${n === 1 ? '' : 's'} like your examples. Refresh to see progress.`;
  return p.useSaved === 'yes' ? update(card, text) : popAndUpdate(card, text);
});

export const saveExamplesForRubric = defineHandler('calibration.saveForRubric', Ids, ({ assignmentId }, _e, ctx) =>
  update(detailCard(ctx.backend.call({ name: 'saveExamples', params: { assignmentId }, body: {} }), ctx.fmt), 'Examples saved for assignments with this rubric.'),
);

export const editGradingSettings = defineHandler('settings.edit', Ids, ({ assignmentId }, _e, ctx) =>
  push(gradingSettingsCard(ctx.backend.call({ name: 'getAssignment', params: { assignmentId } }))),
);

export const saveGradingSettings = defineHandler('settings.save', Ids, ({ assignmentId }, e, ctx) => {
  const parsed = GradingSettingsSchema.safeParse({
    language: formValue(e, 'language'),
    chosenLanguage: formValue(e, 'chosenLanguage')?.trim() || null,
    length: formValue(e, 'length'),
    focus: formValues(e, 'focus'),
  });
  if (!parsed.success) throw new InputError(parsed.error.issues[0]?.message ?? 'Check the settings');
  const settings = parsed.data;
  const asDefault = formValue(e, 'asDefault') === 'yes';
  const [detail] = ctx.backend.all([
    { name: 'editAssignmentSettings', params: { assignmentId }, body: settings },
    ...(asDefault ? [{ name: 'saveGradingSettings' as const, params: {}, body: settings }] : []),
  ] as const);
  return popAndUpdate(detailCard(detail, ctx.fmt), asDefault ? 'Saved, and kept for your new assignments.' : 'Saved for this assignment.');
});
