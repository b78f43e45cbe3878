import { z } from 'zod';
import { IdSchema } from '../../shared/domain';
import { EditTextSchema } from '../../shared/api';
import { confirmDeleteCard, detailCard } from '../cards/detail-card';
import { editSummaryCard } from '../cards/edit-cards';
import { InputError } from '../errors';
import { formValue } from '../platform/event';
import { defineHandler } from './handler';
import { cachedHomeCard } from './home-actions';
import { notify, popAndUpdate, push, toRootAndUpdate, update, type Reply } from './reply';

const Ids = z.object({ assignmentId: IdSchema });

export const openAssignment = defineHandler('assignment.open', Ids, ({ assignmentId }, _e, ctx) =>
  push(detailCard(ctx.backend.call({ name: 'getAssignment', params: { assignmentId } }), ctx.fmt)),
);

/** Cards cannot be pushed to: the teacher polls the one progress record with Refresh. */
export const refreshAssignment = defineHandler('assignment.refresh', Ids, ({ assignmentId }, _e, ctx) =>
  update(detailCard(ctx.backend.call({ name: 'getAssignment', params: { assignmentId } }), ctx.fmt)),
);

/** Retry a failed work, from the detail card or (`from: "work"`) from the work's own card. */
export const retryWork = defineHandler('assignment.retryWork', Ids.extend({ workId: IdSchema, from: z.enum(['detail', 'work']).default('detail') }), (p, _e, ctx): Reply => {
  const detail = ctx.backend.call({ name: 'retryWork', params: { assignmentId: p.assignmentId, workId: p.workId }, body: {} });
  const card = detailCard(detail, ctx.fmt);
  const title = detail.works.find((w) => w.id === p.workId)?.title ?? 'the work';
  return p.from === 'work' ? popAndUpdate(card, `Retrying "${title}".`) : update(card, `Retrying "${title}".`);
});

export const editSummary = defineHandler('assignment.editSummary', Ids, ({ assignmentId }, _e, ctx) => {
  const card = editSummaryCard(ctx.backend.call({ name: 'getAssignment', params: { assignmentId } }));
  return card ? push(card) : notify('The class summary is not ready yet.');
});

export const saveSummary = defineHandler('assignment.saveSummary', Ids, ({ assignmentId }, e, ctx) => {
  const text = EditTextSchema.safeParse(formValue(e, 'text') ?? '');
  if (!text.success) throw new InputError(text.error.issues[0]?.message ?? 'Enter some text');
  const detail = ctx.backend.call({ name: 'editSummary', params: { assignmentId }, body: { target: 'qualitativeInsights', text: text.data } });
  return popAndUpdate(detailCard(detail, ctx.fmt), 'Saved.');
});

export const confirmDelete = defineHandler('assignment.confirmDelete', Ids, ({ assignmentId }, _e, ctx) =>
  push(confirmDeleteCard(ctx.backend.call({ name: 'getAssignment', params: { assignmentId } }))),
);

/**
 * Delete, then back to the list without the assignment. One call: the list is the cached home data
 * with the assignment taken out, so it cannot be opened again ("Not found"). Without cached data the
 * card under the stack is left as it is and the notification says to refresh it.
 */
export const deleteAssignment = defineHandler('assignment.delete', Ids, ({ assignmentId }, _e, ctx): Reply => {
  ctx.backend.call({ name: 'deleteAssignment', params: { assignmentId } });
  const home = cachedHomeCard(ctx, (d) => ({ ...d, page: { ...d.page, items: d.page.items.filter((i) => i.id !== assignmentId) } }));
  return home ? toRootAndUpdate(home, 'Assignment deleted.') : { nav: [{ popToRoot: true }], notify: 'Assignment deleted. Refresh the list to see it gone.' };
});
