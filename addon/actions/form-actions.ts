import { z } from 'zod';
import { AssignmentFieldsInputSchema, DOCUMENT_LIMITS } from '../../shared/api';
import { GoogleDocIdSchema } from '../../shared/domain';
import { limitCardFor } from '../cards/billing-cards';
import { formCard } from '../cards/form-card';
import { atMonthlyLimit } from '../cards/home-card';
import type { Ctx } from '../context';
import { formValue, formValues, type AddonEvent } from '../platform/event';
import { newDraft, reviewRubricChoice, type Draft } from '../services/draft-store';
import { defineHandler } from './handler';
import { openLink, push, update } from './reply';
import { submit } from './submit';

const NoParams = z.object({});

/** The stored draft, or a fresh one with its own idempotency key and the teacher's remembered choices. */
export function currentDraft(ctx: Ctx): Draft {
  return ctx.drafts.load() ?? { ...newDraft(ctx.newId()), reviewRubric: { ...ctx.prefs.load().reviewRubric } };
}

/**
 * The draft with the form's current inputs. Empty inputs are absent from the event, so a field on
 * the card that is missing means "cleared"; the pasted rubric is only on the card in paste mode.
 */
export function draftFromInputs(e: AddonEvent, d: Draft): Draft {
  const tone = formValue(e, 'feedbackTone');
  // The checkbox on the card was for the mode the card showed (d.rubricMode); unticked is absent.
  const review = formValues(e, 'reviewRubric').includes('yes');
  return {
    ...d,
    title: formValue(e, 'title') ?? '',
    subject: formValue(e, 'subject') ?? '',
    gradeLevel: formValue(e, 'gradeLevel') ?? '',
    instructions: formValue(e, 'instructions') ?? '',
    pastedRubric: d.rubricMode === 'paste' ? (formValue(e, 'pastedRubric') ?? '') : d.pastedRubric,
    rubricMode: formValue(e, 'rubricMode') === 'paste' ? 'paste' : 'generate',
    feedbackTone: tone === 'encouraging' || tone === 'neutral' || tone === 'critical' ? tone : d.feedbackTone,
    reviewRubric: { ...d.reviewRubric, [d.rubricMode]: review },
  };
}

/** What is wrong with the draft before any Doc is read; [] when it can be submitted. */
export function draftProblems(d: Draft): string[] {
  const problems: string[] = [];
  const fields = AssignmentFieldsInputSchema.safeParse({ ...d, pastedRubric: d.rubricMode === 'paste' ? d.pastedRubric : null, reviewRubric: reviewRubricChoice(d) });
  if (!fields.success) problems.push(...fields.error.issues.map((i) => (i.path[0] === 'gradeLevel' ? 'Choose a grade level' : i.message)));
  const n = d.documents.length;
  if (n === 0) problems.push('Select at least one student Doc');
  if (n > DOCUMENT_LIMITS.maxDocuments) problems.push(`You chose ${n} Docs; GradeBot grades at most ${DOCUMENT_LIMITS.maxDocuments} per assignment. Remove ${n - DOCUMENT_LIMITS.maxDocuments}.`);
  return problems;
}

/** A draft with something in it (not just its idempotency key). */
export function hasDraft(ctx: Ctx): boolean {
  const d = ctx.drafts.load();
  return Boolean(d && (d.title || d.subject || d.instructions || d.pastedRubric || d.documents.length > 0));
}

/**
 * New assignment. When the home card saw the month's limit reached (`checkLimit`), /me is asked
 * again: still at the limit, the teacher gets the upgrade (free) or the reset date (paid) instead of
 * a form that cannot be submitted; a draft stays as it is for after the upgrade.
 */
export const openForm = defineHandler('form.open', z.object({ checkLimit: z.literal('yes').optional() }), (p, _e, ctx) => {
  if (p.checkLimit) {
    const me = ctx.backend.call({ name: 'getMe', params: {} });
    if (atMonthlyLimit(me)) return push(limitCardFor(me, ctx.fmt, hasDraft(ctx)));
  }
  return push(formCard({ draft: currentDraft(ctx), errors: [] }));
});

export const toggleRubricMode = defineHandler('form.toggleRubric', NoParams, (_p, e, ctx) => {
  const draft = draftFromInputs(e, currentDraft(ctx));
  ctx.drafts.save(draft);
  return update(formCard({ draft, errors: [] }));
});

export const removeDocument = defineHandler('form.removeDoc', z.object({ googleDocId: GoogleDocIdSchema }), ({ googleDocId }, e, ctx) => {
  const d = draftFromInputs(e, currentDraft(ctx));
  const draft = { ...d, documents: d.documents.filter((x) => x.googleDocId !== googleDocId) };
  ctx.drafts.save(draft);
  return update(formCard({ draft, errors: [] }));
});

export const discardDraft = defineHandler('form.discard', NoParams, (_p, _e, ctx) => {
  ctx.drafts.clear();
  return update(formCard({ draft: currentDraft(ctx), errors: [] }));
});

/** Save the form, then open the Picker as an overlay; closing it reloads the add-on into the form. */
export const openPicker = defineHandler('form.openPicker', NoParams, (_p, e, ctx) => {
  ctx.drafts.save({ ...draftFromInputs(e, currentDraft(ctx)), resumeForm: true });
  return openLink({ url: ctx.pickerUrl(), overlay: true, reloadOnClose: true });
});

export const submitAssignment = defineHandler('form.submit', NoParams, (_p, e, ctx) => submit(draftFromInputs(e, currentDraft(ctx)), ctx));
