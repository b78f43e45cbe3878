import { z } from 'zod';
import { IdSchema, SentSectionSchema } from '../../shared/domain';
import { WorkEditSchema, type WorkEdit, type WorkView } from '../../shared/api';
import { editWorkCard, insertCard, type EditTarget } from '../cards/edit-cards';
import { workCard } from '../cards/work-card';
import type { Ctx } from '../context';
import { InputError } from '../errors';
import { formValue, formValues, type AddonEvent } from '../platform/event';
import { appendToDoc, feedbackParagraphs } from '../services/docs-insert';
import { defineHandler } from './handler';
import { notify, popAndUpdate, push } from './reply';

const Ids = z.object({ assignmentId: IdSchema, workId: IdSchema });
const TargetParams = Ids.extend({
  target: z.enum(['qualitativeFeedback', 'summary', 'question', 'feedbackItem', 'criterionLevel']),
  itemId: IdSchema.optional(),
  criterionId: IdSchema.optional(),
});
type TargetParams = z.output<typeof TargetParams>;

/** The work as last shown (cache), or from the API: never more than one call. */
function loadWork(ctx: Ctx, ids: z.output<typeof Ids>): WorkView {
  const cached = ctx.cache.getWork(ids.assignmentId, ids.workId);
  if (cached) return cached;
  const work = ctx.backend.call({ name: 'getWork', params: ids });
  ctx.cache.putWork(work);
  return work;
}

function editTarget(p: TargetParams): EditTarget {
  if (p.target === 'feedbackItem') return { target: 'feedbackItem', itemId: p.itemId ?? '' };
  if (p.target === 'criterionLevel') return { target: 'criterionLevel', criterionId: p.criterionId ?? '' };
  return { target: p.target };
}

/** The edit card's inputs as the contract's edit body; InputError when the teacher left one empty. */
export function editFromInputs(p: TargetParams, e: AddonEvent): WorkEdit {
  const raw =
    p.target === 'feedbackItem'
      ? { target: p.target, itemId: p.itemId, title: formValue(e, 'title') ?? '', description: formValue(e, 'description') ?? '' }
      : p.target === 'criterionLevel'
        ? { target: p.target, criterionId: p.criterionId, levelId: formValue(e, 'levelId'), explanation: formValue(e, 'explanation') ?? '' }
        : { target: p.target, text: formValue(e, 'text') ?? '' };
  const parsed = WorkEditSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(parsed.error.issues[0]?.message ?? 'Check your edit');
  return parsed.data;
}

export const openWork = defineHandler('work.open', Ids, (ids, _e, ctx) => {
  const work = ctx.backend.call({ name: 'getWork', params: ids });
  ctx.cache.putWork(work);
  return push(workCard(work, ctx.fmt));
});

export const editWork = defineHandler('work.edit', TargetParams, (p, _e, ctx) => {
  const card = editWorkCard(loadWork(ctx, p), editTarget(p));
  return card ? push(card) : notify('That piece of feedback is no longer there. Refresh and try again.');
});

export const saveWorkEdit = defineHandler('work.save', TargetParams, (p, e, ctx) => {
  const work = ctx.backend.call({ name: 'editWork', params: { assignmentId: p.assignmentId, workId: p.workId }, body: editFromInputs(p, e) });
  ctx.cache.putWork(work);
  return popAndUpdate(workCard(work, ctx.fmt), 'Saved. The original AI text is kept.');
});

export const chooseSections = defineHandler('work.chooseSections', Ids, (ids, _e, ctx) => push(insertCard(loadWork(ctx, ids), ctx.newId())));

/** Insert's parameters: the work, and the insertion's id made with the card (older cards have none). */
const InsertParams = Ids.extend({ insertId: IdSchema.optional() });

/**
 * Append the chosen sections, as the teacher last saw them, to the student's Doc (Docs API with the
 * teacher's token), then record it as sent: the only backend call of this action.
 */
export const insertIntoDoc = defineHandler('work.insert', InsertParams, ({ insertId, ...ids }, e, ctx) => {
  const sections = z.array(SentSectionSchema).parse(formValues(e, 'sections').filter((s) => SentSectionSchema.safeParse(s).success));
  if (sections.length === 0) throw new InputError('Choose at least one section to insert.');
  const work = ctx.cache.getWork(ids.assignmentId, ids.workId);
  if (!work?.feedback) return notify('This feedback needs reloading: go back, open the student work again, then insert.');
  const paras = feedbackParagraphs(work, sections, ctx.fmt.date(new Date().toISOString()));
  appendToDoc(work.googleDocId, paras, { http: ctx.google, docsApiBaseUrl: ctx.config.docsApiBaseUrl });
  const updated = ctx.backend.call({ name: 'markSent', params: ids, body: { sections, ...(insertId ? { insertId } : {}) } });
  ctx.cache.putWork(updated);
  return popAndUpdate(workCard(updated, ctx.fmt), `Inserted into "${work.title}".`);
});
