import { documentProblem, type CreateAssignmentRequestInput, type FieldError, type SubmittedDocumentInput } from '../../shared/api';
import { detailCard } from '../cards/detail-card';
import { formCard } from '../cards/form-card';
import type { Ctx } from '../context';
import { ApiCallError } from '../errors';
import { exportDocs } from '../services/drive-export';
import type { Draft } from '../services/draft-store';
import { plural } from '../ui/text';
import { draftProblems } from './form-actions';
import { update, type Reply } from './reply';

/**
 * Submit the form: check it, read every chosen Doc (Drive export, batched), send one create request.
 * Any problem re-renders the form with the reasons at the top and the draft intact; limit errors go
 * to the dispatcher, which shows the upgrade card. The draft's clientRequestId makes a resubmit after
 * a timeout return the assignment already made instead of a second one.
 */
export function submit(draft: Draft, ctx: Ctx): Reply {
  ctx.drafts.save({ ...draft, resumeForm: false });
  const again = (errors: string[]) => update(formCard({ draft, errors }));

  const problems = draftProblems(draft);
  if (problems.length > 0) return again(problems);

  const outcomes = exportDocs(draft.documents, { http: ctx.google, driveApiBaseUrl: ctx.config.driveApiBaseUrl, batchSize: ctx.config.exportBatchSize });
  const unreadable = outcomes.flatMap((o) => (o.ok ? [] : [`"${o.doc.title}": ${o.reason}`]));
  if (unreadable.length > 0) return again(unreadable);
  const documents = outcomes.flatMap((o): SubmittedDocumentInput[] => (o.ok ? [o.document] : []));

  const body: CreateAssignmentRequestInput = {
    clientRequestId: draft.clientRequestId,
    title: draft.title,
    subject: draft.subject,
    gradeLevel: draft.gradeLevel,
    instructions: draft.instructions,
    rubricMode: draft.rubricMode,
    pastedRubric: draft.rubricMode === 'paste' ? draft.pastedRubric : null,
    feedbackTone: draft.feedbackTone,
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
  const ungradable = documents.filter((d) => documentProblem(d)).length;
  const note = ungradable > 0 ? ` ${plural(ungradable, 'Doc')} can't be graded (empty or over 2,000 words): see the reasons below.` : '';
  return update(detailCard(created.assignment, ctx.fmt), `Submitted for grading.${note}`);
}

/** An API field error in the teacher's terms: documents are named by title. */
function describeField(f: FieldError, draft: Draft): string {
  const m = /^documents\.(\d+)/.exec(f.path);
  const doc = m ? draft.documents[Number(m[1])] : undefined;
  return doc ? `"${doc.title}": ${f.message}` : f.message;
}
