import type { Transaction } from '@google-cloud/firestore';
import { createHash } from 'node:crypto';
import { type Anchor, type Assignment, type Calibration, emptyCalibration, type ExampleSet, MAX_EXAMPLES, type StudentWork } from '../../shared/domain';
import { anchorOf, exampleProblem, regradeTargets, zeroShotAgreement } from '../../shared/rules/calibration';
import { GradeBotError, NotFoundError, ValidationError } from '../errors';
import { assignmentQualityUpdate, recordQualityChange } from '../quality/quality-rollups';
import { readStudentText, syncTextPurgeDates, textDeletedReason, textsDue } from '../retention/student-texts';
import { isOpen, withWorks } from '../pipeline/assignment-state';
import type { AdmissionDeps } from '../pipeline/context';
import { enqueueAll } from '../pipeline/enqueue';
import type { TaskPayload } from '../pipeline/payloads';
import { assignmentTransaction } from '../pipeline/transact';
import { updateWork } from '../pipeline/work-patch';
import { rubricKey } from './anchors';

/**
 * Calibration on the teacher's examples (issue 16): choose up to three reviewed works as examples,
 * re-grade the rest with them as anchors in the cached prefix, check the examples leave-one-out,
 * and save the examples for a later assignment with the same rubric.
 */

const WORK_NOT_FOUND = 'That assignment';

async function ownedAssignmentAndWorks(tx: Transaction, deps: AdmissionDeps, userId: string, assignmentId: string) {
  const a = (await tx.get(deps.paths.assignment(assignmentId))).data();
  if (!a || a.userId !== userId) throw new NotFoundError(WORK_NOT_FOUND);
  const snaps = a.works.length > 0 ? await tx.getAll(...a.works.map((w) => deps.paths.work(a.id, w.id))) : [];
  const works = snaps.map((s) => s.data()).filter((w): w is StudentWork => w !== undefined);
  return { a, works };
}

/** Mark up to three reviewed works as the examples of the teacher's standard (no re-grade yet). */
export async function setExamples(deps: AdmissionDeps, input: { userId: string; assignmentId: string; workIds: string[] }): Promise<Assignment> {
  return assignmentTransaction(deps, input.assignmentId, async (tx) => {
    const { a, works } = await ownedAssignmentAndWorks(tx, deps, input.userId, input.assignmentId);
    const fields: Record<string, string[]> = {};
    input.workIds.forEach((id, i) => {
      const w = works.find((x) => x.id === id);
      const problem = w ? exampleProblem(w) : 'is not a work of this assignment';
      if (problem) fields[`workIds.${i}`] = [`“${w?.selectedDocument.title ?? id}” ${problem}`];
    });
    if (Object.keys(fields).length > 0) throw new ValidationError('These works cannot be examples yet.', fields);
    const c = a.calibration ?? emptyCalibration();
    const next: Assignment = { ...a, calibration: { ...c, exampleWorkIds: input.workIds }, updatedAt: deps.now() };
    tx.set(deps.paths.assignment(a.id), next);
    return next;
  });
}

export interface RegradeInput {
  userId: string;
  assignmentId: string;
  /** Reviewed works the teacher chose to re-grade too (otherwise they are left alone). */
  alsoWorkIds: string[];
  /** Use the examples saved for this rubric instead of this assignment's. */
  useSaved: boolean;
}

export interface RegradeResult {
  assignment: Assignment;
  /** Works queued for re-grading by this call (0 when the same request was already made). */
  queued: number;
  /** True when this exact request (same anchors, same works) was already made: nothing new was queued. */
  repeated: boolean;
}

type Plan = { result: Omit<RegradeResult, 'assignment'> & { assignment: Assignment }; tasks: TaskPayload[] };

/**
 * "Re-grade the rest like my examples": every graded work that is not an example and that the
 * teacher has not reviewed (or chose anyway) goes back to processing under its next attempt, and
 * every feedback call of the assignment from now on carries the examples in its cached prefix. With
 * two or more of this assignment's examples, each example is also graded with the others as
 * anchors (leave-one-out) so the card can show agreement before and after.
 *
 * Idempotent: the request's fingerprint (anchors, their levels, the works chosen) is kept; the same
 * request again queues nothing new (the current round's tasks are re-queued under their own names,
 * which Cloud Tasks de-duplicates, in case the first call died before queueing them).
 */
export async function regradeLikeExamples(deps: AdmissionDeps, input: RegradeInput): Promise<RegradeResult> {
  const plan = await assignmentTransaction(deps, input.assignmentId, async (tx): Promise<Plan> => {
    const { a, works } = await ownedAssignmentAndWorks(tx, deps, input.userId, input.assignmentId);
    if (!a.rubric) throw new GradeBotError('conflict', 'The rubric is not ready yet.');
    const c = a.calibration ?? emptyCalibration();
    const now = deps.now();
    if (textsDue(a, now)) throw new GradeBotError('conflict', textDeletedReason(deps.settings.retentionDays));

    let anchors: Anchor[];
    let savedSetId: string | null = null;
    if (input.useSaved) {
      const key = rubricKey(a.rubric);
      const set = (await tx.get(deps.paths.exampleSet(a.userId, key))).data();
      if (!set) throw new GradeBotError('conflict', 'You have no saved examples for a rubric like this one. Choose examples on this assignment instead.');
      anchors = savedAnchors(set, a);
      savedSetId = key;
    } else {
      const examples = c.exampleWorkIds.map((id) => works.find((w) => w.id === id)).filter((w): w is StudentWork => w !== undefined && !exampleProblem(w));
      if (examples.length === 0) throw new GradeBotError('conflict', 'Choose up to 3 reviewed works as examples of your standard first.');
      anchors = examples.map(anchorOf);
    }
    const exampleIds = anchors.flatMap((x) => (x.workId ? [x.workId] : []));
    const targets = regradeTargets(works, exampleIds, input.alsoWorkIds);
    const key = createHash('sha256').update(JSON.stringify({ anchors, savedSetId, targets: [...targets].sort(), also: [...input.alsoWorkIds].sort() })).digest('hex').slice(0, 24);

    if (c.key === key) {
      // The same request again: nothing new. Re-queue what this round still owes (names de-duplicate).
      const owed: TaskPayload[] = [
        ...a.works.filter((e) => isOpen(e) && c.regradedWorkIds.includes(e.id)).map((e) => ({ kind: 'feedback' as const, assignmentId: a.id, workId: e.id, attempt: e.attempt ?? 1 })),
        ...c.looPending.map((id) => ({ kind: 'feedback' as const, assignmentId: a.id, workId: id, attempt: works.find((w) => w.id === id)?.attempts ?? 1, looRound: c.round })),
      ];
      return { result: { assignment: a, queued: 0, repeated: true }, tasks: owed };
    }
    if (a.works.some(isOpen)) throw new GradeBotError('conflict', 'GradeBot is still grading this assignment. Re-grade once it has finished.');
    // The anchors' own texts must still exist (the prompt shows them).
    if (!savedSetId) {
      for (const id of exampleIds) if ((await readStudentText(deps.paths, a.id, id, tx)).kind !== 'stored') throw new GradeBotError('conflict', textDeletedReason(deps.settings.retentionDays));
    }

    const round = c.round + 1;
    const looIds = savedSetId === null && exampleIds.length >= 2 ? exampleIds : [];
    let quality = a.quality ?? { reviewedWorks: 0, levels: 0, kept: 0 };
    const tasks: TaskPayload[] = [];
    for (const id of targets) {
      const w = works.find((x) => x.id === id)!;
      const after: StudentWork = { ...w, status: 'processing', failureReason: null, attempts: w.attempts + 1, feedback: null, completedAt: null, updatedAt: now };
      // A reviewed work chosen for re-grading leaves the agreement counts with its old feedback.
      const delta = await recordQualityChange(tx, deps.paths, a, w, after);
      if (assignmentQualityUpdate(delta)) quality = { reviewedWorks: quality.reviewedWorks + delta.works, levels: quality.levels + delta.levels, kept: quality.kept + delta.exact };
      updateWork(tx, deps.paths, a.id, id, { status: 'processing', failureReason: null, attempts: after.attempts, feedback: null, completedAt: null, updatedAt: now });
      tasks.push({ kind: 'feedback', assignmentId: a.id, workId: id, attempt: after.attempts });
    }
    for (const id of looIds) tasks.push({ kind: 'feedback', assignmentId: a.id, workId: id, attempt: works.find((w) => w.id === id)!.attempts, looRound: round });

    const calibration: Calibration = {
      ...c,
      round,
      key,
      anchors,
      savedSetId,
      regradedWorkIds: targets,
      before: exampleIds.length > 0 ? zeroShotAgreement(exampleIds.map((id) => works.find((w) => w.id === id)!)) : null,
      after: null,
      loo: {},
      looPending: looIds,
    };
    const reopened = a.works.map((e) => (targets.includes(e.id) ? { ...e, status: 'processing' as const, failureReason: null, attempt: (works.find((w) => w.id === e.id)?.attempts ?? 0) + 1 } : e));
    const next: Assignment =
      targets.length > 0
        ? withWorks({ ...a, calibration, ...(a.quality || quality.reviewedWorks > 0 ? { quality } : {}), status: 'processing', processingStartedAt: now, completedAt: null, purgeTextAt: null }, reopened, now)
        : { ...a, calibration, updatedAt: now };
    tx.set(deps.paths.assignment(a.id), next);
    syncTextPurgeDates(tx, deps.paths, a, next);
    return { result: { assignment: next, queued: targets.length, repeated: false }, tasks };
  });
  await enqueueAll(deps, plan.tasks);
  deps.logger.info('re-grade like examples', { assignmentId: input.assignmentId, queued: plan.result.queued, repeated: plan.result.repeated, checks: plan.tasks.length - plan.result.queued });
  return plan.result;
}

/** The saved set's examples as anchors on this rubric (criteria and levels matched by title). */
function savedAnchors(set: ExampleSet, a: Assignment): Anchor[] {
  const norm = (s: string) => s.trim().toLowerCase();
  return set.examples.map((e, i) => ({
    workId: null,
    savedIndex: i,
    title: e.title,
    levels: e.levels.flatMap((l) => {
      const c = a.rubric!.criteria.find((x) => norm(x.title) === norm(l.criterionTitle));
      const level = c?.levels.find((x) => norm(x.title) === norm(l.levelTitle));
      return c && level ? [{ criterionId: c.id, levelId: level.id, explanation: l.explanation }] : [];
    }),
  }));
}

/**
 * Save this assignment's examples (their text and the teacher's levels, by title) for reuse on a
 * later assignment with the same rubric: `users/{uid}/exampleSets/{rubric key}`, replaced by a
 * later save. They stay until replaced or the account is deleted.
 */
export async function saveExamples(deps: AdmissionDeps, input: { userId: string; assignmentId: string }): Promise<Assignment> {
  return assignmentTransaction(deps, input.assignmentId, async (tx) => {
    const { a, works } = await ownedAssignmentAndWorks(tx, deps, input.userId, input.assignmentId);
    const rubric = a.rubric;
    const examples = (a.calibration?.exampleWorkIds ?? []).map((id) => works.find((w) => w.id === id)).filter((w): w is StudentWork => w !== undefined && !exampleProblem(w));
    if (!rubric || examples.length === 0) throw new GradeBotError('conflict', 'Choose up to 3 reviewed works as examples of your standard first.');
    const texts = await Promise.all(examples.map((w) => readStudentText(deps.paths, a.id, w.id, tx)));
    if (texts.some((t) => t.kind !== 'stored')) throw new GradeBotError('conflict', textDeletedReason(deps.settings.retentionDays));
    const now = deps.now();
    const set: ExampleSet = {
      rubricKey: rubricKey(rubric),
      userId: a.userId,
      savedAt: now,
      fromAssignmentId: a.id,
      examples: examples.slice(0, MAX_EXAMPLES).map((w, i) => ({
        title: w.selectedDocument.title,
        text: (texts[i] as { text: string }).text,
        levels: anchorOf(w).levels.flatMap((l) => {
          const c = rubric.criteria.find((x) => x.id === l.criterionId);
          const level = c?.levels.find((x) => x.id === l.levelId);
          return c && level ? [{ criterionTitle: c.title, levelTitle: level.title, explanation: l.explanation }] : [];
        }),
      })),
    };
    tx.set(deps.paths.exampleSet(a.userId, set.rubricKey), set);
    const next: Assignment = { ...a, calibration: { ...(a.calibration ?? emptyCalibration()), savedAt: now }, updatedAt: now };
    tx.set(deps.paths.assignment(a.id), next);
    return next;
  });
}
