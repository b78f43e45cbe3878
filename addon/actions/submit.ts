import { documentProblem, type AssignmentDetail, type AssignmentListItem, type CreateAssignmentRequestInput, type FieldError, type SubmittedDocumentInput } from '../../shared/api';
import { detailCard } from '../cards/detail-card';
import { formCard } from '../cards/form-card';
import type { Ctx } from '../context';
import { ApiCallError } from '../errors';
import { exportDocs } from '../services/drive-export';
import { readWritingProcesses } from '../services/writing-process-read';
import type { WritingProcess } from '../../shared/domain';
import type { HomeData } from '../services/user-cache';
import { type Draft, reviewRubricChoice } from '../services/draft-store';
import { plural } from '../ui/text';
import { draftProblems } from './form-actions';
import { cachedHomeCard } from './home-actions';
import { update, type Reply } from './reply';

/**
 * Submit the form: check it, read every chosen Doc (Drive export, batched), send one create request.
 * Any problem re-renders the form with the reasons at the top and the draft intact; limit errors go
 * to the dispatcher, which shows the upgrade card. The draft's clientRequestId makes a resubmit after
 * a timeout return the assignment already made instead of a second one.
 */
export function submit(draft: Draft, ctx: Ctx): Reply {
  const startedAt = Date.now();
  ctx.drafts.save({ ...draft, resumeForm: false });
  const again = (errors: string[]) => update(formCard({ draft, errors }));

  const problems = draftProblems(draft);
  if (problems.length > 0) return again(problems);

  const outcomes = exportDocs(draft.documents, { http: ctx.google, driveApiBaseUrl: ctx.config.driveApiBaseUrl, batchSize: ctx.config.exportBatchSize });
  const unreadable = outcomes.flatMap((o) => (o.ok ? [] : [`"${o.doc.title}": ${o.reason}`]));
  if (unreadable.length > 0) return again(unreadable);
  const exported = outcomes.flatMap((o): SubmittedDocumentInput[] => (o.ok ? [o.document] : []));
  // Writing-process evidence for the Docs that will be graded; only the summaries are sent.
  const graded = exported.filter((d) => !documentProblem(d));
  const processes = readProcessesOrNone(graded, ctx, startedAt);
  const documents = exported.map((d) => {
    const i = graded.indexOf(d);
    return i >= 0 ? { ...d, writingProcess: processes[i] } : d;
  });

  const body: CreateAssignmentRequestInput = {
    clientRequestId: draft.clientRequestId,
    title: draft.title,
    subject: draft.subject,
    gradeLevel: draft.gradeLevel,
    instructions: draft.instructions,
    rubricMode: draft.rubricMode,
    pastedRubric: draft.rubricMode === 'paste' ? draft.pastedRubric : null,
    feedbackTone: draft.feedbackTone,
    reviewRubric: reviewRubricChoice(draft),
    documents,
  };
  let created;
  try {
    created = ctx.backend.call({ name: 'createAssignment', params: {}, body });
  } catch (err) {
    if (err instanceof ApiCallError && err.error.code === 'validation_failed') return again(err.error.fields.map((f) => describeField(f, draft)));
    throw err;
  }
  ctx.drafts.clear();
  // Remembered for the next assignment with this rubric source.
  ctx.prefs.save({ ...ctx.prefs.load(), reviewRubric: { ...ctx.prefs.load().reviewRubric, [draft.rubricMode]: body.reviewRubric } });
  const ungradable = documents.filter((d) => documentProblem(d)).length;
  const note = ungradable > 0 ? ` ${plural(ungradable, 'Doc')} can't be graded (empty or over 2,000 words): see the reasons below.` : '';
  const notice = `Submitted for grading.${note}`;
  const detail = detailCard(created.assignment, ctx.fmt);
  // The form may be the only card (the Picker reloaded the add-on into it): put the list at the
  // root, with the new assignment in it, and the assignment over it, so back leads home. The list
  // comes from the cached home data (no second call); without it, the detail replaces the form.
  const home = cachedHomeCard(ctx, (d) => withCreated(d, created.assignment));
  return home ? { nav: [{ popToRoot: true }, { update: home }, { push: detail }], notify: notice } : update(detail, notice);
}

/** The evidence is worth less than the submit: whatever goes wrong reading it, Submit goes on without it. */
function readProcessesOrNone(docs: SubmittedDocumentInput[], ctx: Ctx, startedAt: number): Array<WritingProcess | null> {
  try {
    return readWritingProcesses(
      docs.map((d) => ({ googleDocId: d.googleDocId, text: d.text })),
      { http: ctx.google, driveApiBaseUrl: ctx.config.driveApiBaseUrl, docsExportBaseUrl: ctx.config.docsExportBaseUrl, now: () => Date.now(), startedAt },
    );
  } catch {
    return docs.map(() => null);
  }
}

/** The home data with a just-created assignment: first in the list, counted in this month's usage. */
export function withCreated(d: HomeData, a: AssignmentDetail): HomeData {
  if (d.page.items.some((i) => i.id === a.id)) return d;
  const item: AssignmentListItem = { id: a.id, title: a.title, subject: a.subject, gradeLevel: a.gradeLevel, status: a.status, createdAt: a.createdAt, progress: a.progress };
  const u = d.me.usage;
  return {
    me: { ...d.me, usage: { ...u, used: u.used + 1, remaining: Math.max(0, u.remaining - 1) } },
    stats: { ...d.stats, totals: { ...d.stats.totals, assignments: d.stats.totals.assignments + 1 } },
    page: { ...d.page, items: [item, ...d.page.items] },
  };
}

/** An API field error in the teacher's terms: documents are named by title. */
function describeField(f: FieldError, draft: Draft): string {
  const m = /^documents\.(\d+)/.exec(f.path);
  const doc = m ? draft.documents[Number(m[1])] : undefined;
  return doc ? `"${doc.title}": ${f.message}` : f.message;
}
