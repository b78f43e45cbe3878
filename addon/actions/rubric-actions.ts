import { z } from 'zod';
import { type CriterionInput, CriterionInputSchema, POINTS_MESSAGE, RegradeScopeSchema } from '../../shared/api';
import { IdSchema } from '../../shared/domain';
import { detailCard } from '../cards/detail-card';
import { confirmRegradeCard, type CriterionDraft, criterionCard, draftOf, rubricCard } from '../cards/rubric-cards';
import type { Ctx } from '../context';
import { formValue, type AddonEvent } from '../platform/event';
import { defineHandler } from './handler';
import { notify, popAndUpdate, push, update, type Reply } from './reply';

const Ids = z.object({ assignmentId: IdSchema });
const FromParam = z.enum(['detail', 'rubric']).default('detail');
const CriterionParams = Ids.extend({ criterionId: IdSchema.optional(), levelIds: z.string().max(2000).default('') });

const detail = (ctx: Ctx, assignmentId: string) => ctx.backend.call({ name: 'getAssignment', params: { assignmentId } });

/** Back to the assignment: from the rubric card (one card up) or from a card over it (two). */
function backToAssignment(card: ReturnType<typeof detailCard>, from: 'detail' | 'rubric', message: string, levels = 1): Reply {
  const pops = Array.from({ length: levels + (from === 'rubric' ? 1 : 0) }, () => ({ pop: true as const }));
  return { nav: [...pops, { update: card }], notify: message };
}

export const openRubric = defineHandler('rubric.open', Ids, ({ assignmentId }, _e, ctx) => {
  const card = rubricCard(detail(ctx, assignmentId));
  return card ? push(card) : notify('GradeBot is still creating the rubric. Refresh in a moment.');
});

/** "Done": back to the assignment, shown fresh (the rubric and the works' lines may have changed). */
export const closeRubric = defineHandler('rubric.close', Ids, ({ assignmentId }, _e, ctx) => popAndUpdate(detailCard(detail(ctx, assignmentId), ctx.fmt)));

/** "Start grading": leave review; the answer is the assignment, now grading. */
export const startGrading = defineHandler('rubric.start', Ids.extend({ from: FromParam }), ({ assignmentId, from }, _e, ctx) => {
  const card = detailCard(ctx.backend.call({ name: 'startGrading', params: { assignmentId }, body: {} }), ctx.fmt);
  return from === 'rubric' ? popAndUpdate(card, 'Grading started.') : update(card, 'Grading started.');
});

export const editCriterion = defineHandler('rubric.editCriterion', Ids.extend({ criterionId: IdSchema.optional() }), ({ assignmentId, criterionId }, _e, ctx) => {
  const a = detail(ctx, assignmentId);
  const c = criterionId ? a.rubric?.criteria.find((x) => x.id === criterionId) : undefined;
  if (criterionId && !c) return notify('That criterion is no longer in the rubric. Refresh and try again.');
  return push(criterionCard(a, draftOf(c)));
});

/** The criterion card's inputs as a draft (level ids from the action's parameters). */
export function draftFromInputs(p: z.output<typeof CriterionParams>, e: AddonEvent): CriterionDraft {
  const ids = p.levelIds.split(',');
  return {
    criterionId: p.criterionId,
    title: formValue(e, 'title') ?? '',
    description: formValue(e, 'description') ?? '',
    levels: ids.map((id, i) => ({ id, title: formValue(e, `l${i}title`) ?? '', points: formValue(e, `l${i}points`) ?? '', description: formValue(e, `l${i}desc`) ?? '' })),
  };
}

/** Add, delete or move up a level on the card, keeping what the teacher typed; nothing is saved yet. */
export const levelOp = defineHandler(
  'rubric.levelOp',
  CriterionParams.extend({ op: z.enum(['add', 'delete', 'up']), index: z.string().regex(/^\d{1,2}$/) }),
  (p, e, ctx) => {
    const d = draftFromInputs(p, e);
    const i = Number(p.index);
    const levels = [...d.levels];
    if (p.op === 'add') levels.push({ id: '', title: '', description: '', points: '' });
    else if (p.op === 'delete' && levels.length > 1) levels.splice(i, 1);
    else if (p.op === 'up' && i > 0) [levels[i - 1], levels[i]] = [levels[i]!, levels[i - 1]!];
    return update(criterionCard(detail(ctx, p.assignmentId), { ...d, levels }));
  },
);

/** Points typed as text: "" is none; anything else must read as a number. */
function pointsOf(s: string): number | null | 'invalid' {
  const t = s.trim().replace(',', '.');
  if (t === '') return null;
  const n = Number(t.replace(/\s*(pts?|points?)$/i, ''));
  return Number.isFinite(n) ? n : 'invalid';
}

/** The draft as the contract's criterion, or the teacher-facing messages for what must be fixed. */
export function criterionFromDraft(d: CriterionDraft): { ok: true; criterion: CriterionInput } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const levels = d.levels.map((l, i) => {
    const points = pointsOf(l.points);
    if (points === 'invalid') errors.push(`Level ${i + 1} points: ${POINTS_MESSAGE}`);
    return { ...(l.id ? { id: l.id } : {}), title: l.title, description: l.description, points: points === 'invalid' ? null : points };
  });
  const parsed = CriterionInputSchema.safeParse({ title: d.title, description: d.description, levels });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, index, field] = issue.path;
      const where = head === 'levels' && typeof index === 'number' ? `Level ${index + 1}${field === 'points' ? ' points' : field === 'description' ? ' description' : ' name'}` : head === 'levels' ? 'Levels' : head === 'description' ? 'Criterion description' : 'Criterion name';
      errors.push(`${where}: ${issue.message}`);
    }
  }
  return errors.length > 0 || !parsed.success ? { ok: false, errors } : { ok: true, criterion: parsed.data };
}

/** Save the criterion: one change to the rubric. Refused input comes back on the card with its messages. */
export const saveCriterion = defineHandler('rubric.saveCriterion', CriterionParams, (p, e, ctx) => {
  const d = draftFromInputs(p, e);
  const checked = criterionFromDraft(d);
  if (!checked.ok) return update(criterionCard(detail(ctx, p.assignmentId), d, checked.errors));
  const body = p.criterionId ? { op: 'update' as const, criterionId: p.criterionId, criterion: checked.criterion } : { op: 'add' as const, criterion: checked.criterion };
  const a = ctx.backend.call({ name: 'editRubric', params: { assignmentId: p.assignmentId }, body });
  const card = rubricCard(a);
  const note = p.criterionId ? "Saved. The AI's original wording is kept beside your edit." : `Added "${checked.criterion.title}".`;
  return card ? popAndUpdate(card, note) : notify(note);
});

export const deleteCriterion = defineHandler('rubric.deleteCriterion', Ids.extend({ criterionId: IdSchema }), ({ assignmentId, criterionId }, _e, ctx) => {
  const card = rubricCard(ctx.backend.call({ name: 'editRubric', params: { assignmentId }, body: { op: 'delete', criterionId } }));
  return card ? update(card, 'Criterion deleted.') : notify('Criterion deleted.');
});

export const moveCriterion = defineHandler('rubric.moveCriterion', Ids.extend({ criterionId: IdSchema, direction: z.enum(['up', 'down']) }), (p, _e, ctx) => {
  const card = rubricCard(ctx.backend.call({ name: 'editRubric', params: { assignmentId: p.assignmentId }, body: { op: 'move', criterionId: p.criterionId, direction: p.direction } }));
  return card ? update(card) : notify('Moved.');
});

/** The confirmation names the count; its id makes a double click on Re-grade one re-grade. */
export const confirmRegrade = defineHandler('rubric.confirmRegrade', Ids.extend({ scope: RegradeScopeSchema, from: FromParam }), ({ assignmentId, scope, from }, _e, ctx) =>
  push(confirmRegradeCard(detail(ctx, assignmentId), scope, ctx.newId(), from)),
);

export const regradeWorks = defineHandler('rubric.regrade', Ids.extend({ scope: RegradeScopeSchema, regradeId: IdSchema, from: FromParam }), (p, _e, ctx) => {
  const a = ctx.backend.call({ name: 'regrade', params: { assignmentId: p.assignmentId }, body: { scope: p.scope, regradeId: p.regradeId } });
  return backToAssignment(detailCard(a, ctx.fmt), p.from, 'Re-grading started. Refresh to watch the works follow the new rubric.');
});
