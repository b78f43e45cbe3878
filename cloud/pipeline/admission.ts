import { createHash } from 'node:crypto';
import { type Assignment, DEFAULT_GRADING_SETTINGS, type FeedbackTone, type GradingSettings, initialPipelineState, type StudentWork } from '../../shared/domain';
import { isKnownTimeZone } from '../../shared/rules/quota';
import { processFlag } from '../../shared/rules/writing-process';
import type { WritingProcess } from '../../shared/domain';
import { reserveQuota } from '../billing/quota-transaction';
import { ValidationError } from '../errors';
import { createStudentText } from '../retention/student-texts';
import type { AdmissionDeps } from './context';
import { enqueueAll } from './enqueue';
import { admissionProblem, countWords } from './work-limits';

/** The validated create request (the API's CreateAssignmentRequest fits it). */
export interface AdmissionRequest {
  clientRequestId: string;
  title: string;
  subject: string;
  gradeLevel: string;
  instructions: string;
  rubricMode: 'generate' | 'paste';
  pastedRubric: string | null;
  feedbackTone: FeedbackTone;
  /** Pause after the rubric for the teacher's review (absent: no pause, as older add-ons expect). */
  reviewRubric?: boolean;
  /** This assignment's grading settings; absent: the teacher's saved defaults, else the product's. */
  gradingSettings?: GradingSettings;
  documents: { googleDocId: string; title: string; url: string; text: string; truncated?: boolean; writingProcess?: WritingProcess | null }[];
}

export interface AdmissionInput {
  /**
   * The verified teacher; their user document must exist (the API's ensureUser). `timeZone` is the
   * zone the API saw (the teacher's stats count grading days in it); unknown or absent: UTC.
   */
  user: { id: string; timeZone?: string };
  request: AdmissionRequest;
}

export interface AdmissionResult {
  assignmentId: string;
  /** False when this clientRequestId was admitted before: nothing new was created or counted. */
  created: boolean;
}

/** The assignment id for a teacher's request id: a retried create lands on the same assignment. */
export function assignmentIdFor(userId: string, clientRequestId: string): string {
  return `a${createHash('sha256').update(`${userId}\u0000${clientRequestId}`).digest('hex').slice(0, 24)}`;
}

export const workIdFor = (position: number) => `w${String(position + 1).padStart(2, '0')}`;

/**
 * Admit an assignment: in one transaction count it against the teacher's quota, create the
 * assignment (pending, with progress and the compact works list) and one work per Doc — empty or
 * over-long Docs as failed works with the reason — then queue the rubric task. A replay of the same
 * clientRequestId creates and counts nothing, and re-queues the rubric task if the first call died
 * before queueing it (the task name de-duplicates).
 *
 * Throws QuotaExceededError (billing) when the month is used up, and ValidationError when no Doc
 * can be graded at all (nothing is counted then).
 */
export async function admitAssignment(deps: AdmissionDeps, input: AdmissionInput): Promise<AdmissionResult> {
  const { db, paths, settings } = deps;
  const req = input.request;
  const userId = input.user.id;
  const now = deps.now();
  const assignmentId = assignmentIdFor(userId, req.clientRequestId);

  const problems = req.documents.map((d) => admissionProblem(d, settings.maxWords));
  if (problems.every((p) => p !== undefined)) {
    // The path names the Doc (the add-on shows its title); the message is the reason alone.
    const fields = Object.fromEntries(req.documents.map((_, i) => [`documents.${i}`, [problems[i]!]]));
    throw new ValidationError('None of the chosen Docs can be graded.', fields);
  }

  const works: StudentWork[] = req.documents.map((d, i) => {
    const problem = problems[i];
    return {
      id: workIdFor(i),
      assignmentId,
      userId,
      position: i,
      selectedDocument: { googleDocId: d.googleDocId, title: d.title, url: d.url },
      wordCount: countWords(d.text),
      status: problem ? 'failed' : 'pending',
      failureReason: problem ?? null,
      feedback: null,
      writingProcess: d.writingProcess ?? null,
      sent: [],
      attempts: problem ? 0 : 1,
      createdAt: now,
      updatedAt: now,
      completedAt: null,
    };
  });

  const outcome = await db.runTransaction(async (tx) => {
    const reservation = await reserveQuota(tx, paths, userId, now, { idempotencyKey: assignmentId, limits: settings.quotaLimits });
    if (reservation.kind === 'replayed') return 'replayed' as const;
    const assignment: Assignment = {
      id: assignmentId,
      userId,
      title: req.title,
      subject: req.subject,
      gradeLevel: req.gradeLevel,
      instructions: req.instructions,
      rubricMode: req.rubricMode,
      rawRubricText: req.rubricMode === 'paste' ? req.pastedRubric : null,
      feedbackTone: req.feedbackTone,
      reviewRubric: req.reviewRubric ?? false,
      gradingSettings: req.gradingSettings ?? reservation.user.gradingSettings ?? DEFAULT_GRADING_SETTINGS,
      timeZone: input.user.timeZone && isKnownTimeZone(input.user.timeZone) ? input.user.timeZone : 'UTC',
      status: 'pending',
      rubric: null,
      progress: { total: works.length, completed: 0, failed: works.filter((w) => w.status === 'failed').length, rubricDone: false, summaryDone: false },
      works: works.map((w) => ({ id: w.id, title: w.selectedDocument.title, googleDocId: w.selectedDocument.googleDocId, status: w.status, failureReason: w.failureReason, attempt: w.attempts, processFlag: processFlag(w.writingProcess) })),
      costUsd: 0,
      totalProcessingMs: null,
      quotaMonth: reservation.month,
      createdAt: now,
      updatedAt: now,
      processingStartedAt: null,
      completedAt: null,
      purgeTextAt: null,
      pipeline: initialPipelineState(),
    };
    tx.create(paths.assignment(assignmentId), assignment);
    for (const w of works) tx.create(paths.work(assignmentId, w.id), w);
    // The text in its own document, which retention deletes; text we will not grade is not kept.
    works.forEach((w, i) => createStudentText(tx, paths, assignmentId, w.id, problems[i] ? null : (req.documents[i]?.text ?? null)));
    return 'created' as const;
  });

  if (outcome === 'replayed') {
    const existing = (await paths.assignment(assignmentId).get()).data();
    if (existing?.status === 'pending') {
      await enqueueAll(deps, [{ kind: 'rubric', assignmentId, round: existing.pipeline?.rubricRound ?? 1 }]);
    }
    return { assignmentId, created: false };
  }
  await enqueueAll(deps, [{ kind: 'rubric', assignmentId, round: 1 }]);
  deps.logger.info('assignment admitted', { assignmentId, works: works.length, failedAtCreation: works.filter((w) => w.status === 'failed').length });
  return { assignmentId, created: true };
}
