import type { AdmissionDeps } from './context';
import { pipelineOf, withWork } from './assignment-state';
import type { TaskPayload } from './payloads';
import { assignmentTransaction } from './transact';

/**
 * Record that a step failed on Claude and waits for the queue's next delivery (a 503's backoff or a
 * deferral's schedule time), so the detail card's estimate can say "Claude is busy — retrying" and
 * count the wait (shared/rules/estimate-retries.ts). Nothing clears it: a past `retryAt`, or one
 * on a work that is no longer open, is ignored by the estimate. Only for the queue's retries —
 * inline retries inside the LLM client cost seconds and write nothing.
 */
export async function markWaitingOnRetry(deps: Pick<AdmissionDeps, 'db' | 'paths' | 'locks' | 'now'>, payload: TaskPayload, until: Date): Promise<void> {
  await assignmentTransaction(deps, payload.assignmentId, async (tx) => {
    const a = (await tx.get(deps.paths.assignment(payload.assignmentId))).data();
    if (!a || a.status === 'complete') return;
    if (payload.kind === 'feedback') {
      const w = a.works.find((x) => x.id === payload.workId);
      if (!w || (w.status !== 'pending' && w.status !== 'processing')) return;
      tx.set(deps.paths.assignment(a.id), withWork(a, w.id, { retryAt: until }, deps.now()));
      return;
    }
    const p = pipelineOf(a);
    tx.set(deps.paths.assignment(a.id), { ...a, pipeline: { ...p, retryAt: { ...p.retryAt, [payload.kind]: until } }, updatedAt: deps.now() });
  });
}
