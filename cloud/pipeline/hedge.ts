import type { PipelineDeps } from './context';
import { isOpen } from './assignment-state';
import type { TaskPayload } from './payloads';

/**
 * Whether a slow Claude call of this task may be hedged now (asked by the LLM client once the
 * call runs past its expected p95). Only for the last works: while many works are open, a slow
 * call is not what the teacher waits for, and a second copy would only add load to a service
 * that may be struggling. The rubric and the summary are the only call on the critical path when
 * they run, so they may always be hedged. One plain read of the assignment, no transaction.
 */
export async function mayHedge(deps: Pick<PipelineDeps, 'paths' | 'settings'>, payload: TaskPayload): Promise<boolean> {
  const last = deps.settings.hedgeLastWorks;
  if (last <= 0) return false;
  if (payload.kind !== 'feedback') return true;
  const a = (await deps.paths.assignment(payload.assignmentId).get()).data();
  return a !== undefined && a.works.filter(isOpen).length <= last;
}
