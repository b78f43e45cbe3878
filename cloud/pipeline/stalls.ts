import type { Assignment, StudentWork } from '../../shared/domain';
import { isStalled } from '../../shared/rules/estimate';
import type { TaskQueue } from '../tasks/task-queue';
import { isOpen, owedSummary, pipelineOf, withWorks } from './assignment-state';
import type { AdmissionDeps } from './context';
import { enqueueAll } from './enqueue';
import type { TaskPayload } from './payloads';
import { assignmentTransaction } from './transact';
import { updateWork } from './work-patch';

/**
 * The stall watchdog. Every step of an assignment runs as a queued task, and every delivery that
 * moves the assignment touches it, so an open assignment that has been quiet past the threshold
 * AND has nothing of its own left in the queue (no task, retry, deferral or last-delivery watchdog
 * whose name carries its id) can only be stalled: its queue was lost (a local restart before the
 * Tasks server kept its queue), its follow-up was never queued (an instance died between commit and
 * enqueue, or its watchdog could not be queued), or its last delivery died unwatched. It is resumed
 * where it stands, under fresh task names (Cloud Tasks refuses a name that ran for about an hour):
 * the next rubric round while the rubric is missing, else the next attempt of every open work, else
 * the next summary round when that is what is owed. A delivery of a superseded attempt or round
 * that still arrives finds itself stale and stores nothing.
 *
 * A quiet assignment whose task is still queued or running (a long Claude call, a backoff) is left
 * alone, so this never pays for a second model call beside a live one.
 */

export interface StallSweepDeps extends Omit<AdmissionDeps, 'queue'> {
  queue: Pick<TaskQueue, 'enqueue' | 'listTaskIds'>;
}

export interface StallSweepResult {
  /** Open assignments quiet past the threshold. */
  quiet: number;
  /** Those with nothing in the queue, now resumed. */
  resumed: string[];
}

/** Check open assignments (at most `limit`, oldest change first) and resume the stalled ones. */
export async function resumeStalledAssignments(deps: StallSweepDeps, opts: { stallAfterMs: number; limit?: number }): Promise<StallSweepResult> {
  const check = { now: deps.now(), stallAfterMs: opts.stallAfterMs };
  // Open assignments are few at any time; the equality filter needs no composite index.
  const open = await deps.paths.assignments().where('status', 'in', ['pending', 'processing']).limit(opts.limit ?? 500).get();
  const quiet = open.docs.map((d) => d.data()).filter((a) => isStalled(a, check));
  if (quiet.length === 0) return { quiet: 0, resumed: [] };
  const queued = await deps.queue.listTaskIds();
  const stalled = quiet.filter((a) => !queued.some((id) => id.includes(a.id)));
  const resumed: string[] = [];
  for (const a of stalled) {
    const tasks = await resumeOne(deps, a.id, check);
    if (tasks.length === 0) continue;
    await enqueueAll(deps, tasks);
    resumed.push(a.id);
    deps.logger.warn('stalled assignment resumed', { assignmentId: a.id, tasks: tasks.map((t) => t.kind) });
  }
  return { quiet: quiet.length, resumed };
}

/** In one transaction: still stalled? Then move it on to fresh rounds or attempts; the tasks to queue. */
async function resumeOne(deps: StallSweepDeps, assignmentId: string, check: { now: Date; stallAfterMs: number }): Promise<TaskPayload[]> {
  const aRef = deps.paths.assignment(assignmentId);
  return assignmentTransaction(deps, assignmentId, async (tx) => {
    const a = (await tx.get(aRef)).data();
    // Moved since the sweep looked (a late delivery, a Retry): not stalled after all.
    if (!a || !isStalled(a, check)) return [];
    const now = check.now;
    const p = pipelineOf(a);
    if (a.rubric === null) {
      tx.set(aRef, { ...a, pipeline: { ...p, rubricRound: p.rubricRound + 1, rubricFailureReason: null }, updatedAt: now });
      return [{ kind: 'rubric', assignmentId, round: p.rubricRound + 1 }];
    }
    const open = a.works.filter(isOpen);
    if (open.length > 0) {
      const docs = await Promise.all(open.map((e) => tx.get(deps.paths.work(assignmentId, e.id))));
      const attempts = new Map(docs.map((d) => d.data()).filter((w): w is StudentWork => !!w).map((w) => [w.id, w.attempts + 1]));
      for (const [id, attempt] of attempts) updateWork(tx, deps.paths, assignmentId, id, { status: 'processing', attempts: attempt, updatedAt: now });
      const works = a.works.map((e) => (attempts.has(e.id) ? { ...e, status: 'processing' as const, attempt: attempts.get(e.id)! } : e));
      tx.set(aRef, withWorks(a, works, now));
      return [...attempts].map(([workId, attempt]) => ({ kind: 'feedback' as const, assignmentId, workId, attempt }));
    }
    if (owedSummary(a).length > 0) {
      const next: Assignment = { ...a, pipeline: { ...p, summaryRound: p.summaryRound + 1 }, updatedAt: now };
      tx.set(aRef, next);
      return [{ kind: 'summary', assignmentId, round: p.summaryRound + 1 }];
    }
    return [];
  });
}
