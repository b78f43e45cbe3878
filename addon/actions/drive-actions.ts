import { z } from 'zod';
import { classifyItems } from '../cards/drive-card';
import { formCard } from '../cards/form-card';
import { defineHandler } from './handler';
import { currentDraft } from './form-actions';
import { notify, push } from './reply';

/** Ask Drive for drive.file access to one selected item (Drive grants one item per request). */
export const grantDriveItem = defineHandler('drive.grant', z.object({ itemId: z.string().min(1).max(200) }), ({ itemId }) => ({ fileScope: { kind: 'driveItem', itemId } }));

/** Add the selected Docs GradeBot may read to the draft and open the form. */
export const useDriveSelection = defineHandler('drive.use', z.object({}), (_p, _e, ctx) => {
  const items = ctx.cache.getDriveSelection();
  if (!items) return notify('Select the Docs in Drive again, then try once more.');
  const draft = currentDraft(ctx);
  const known = new Set(draft.documents.map((d) => d.googleDocId));
  const added = classifyItems(items)
    .ready.filter((i) => !known.has(i.id))
    .map((i) => ({ googleDocId: i.id, title: i.title || 'Untitled document', url: `https://docs.google.com/document/d/${i.id}/edit` }));
  const next = { ...draft, documents: [...draft.documents, ...added] };
  ctx.drafts.save(next);
  return push(formCard({ draft: next, errors: [] }));
});
