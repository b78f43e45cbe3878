import type { TaskKind } from '../../shared/domain';
import type { PipelineDeps } from './context';
import { calibrationCheckTask } from './kinds/calibration-check-task';
import { feedbackTask } from './kinds/feedback-task';
import { rubricTask } from './kinds/rubric-task';
import { summaryTask } from './kinds/summary-task';
import type { TaskPayload } from './payloads';
import { type Delivery, type RunOutcome, runTask } from './pipeline';

/**
 * The task kinds, by value: adding a kind to TaskKind without a spec here fails to compile, and
 * nothing is looked up by a class name at run time.
 */
export const TASK_KINDS = { rubric: rubricTask, feedback: feedbackTask, summary: summaryTask } as const satisfies { [K in TaskKind]: { kind: K } };

/**
 * Run a validated task payload through the pipeline with its kind's spec (`delivery.sweep`: as the
 * watchdog of its last delivery, see sweep in pipeline.ts).
 */
export function runPipelineTask(deps: PipelineDeps, payload: TaskPayload, delivery: Delivery): Promise<RunOutcome> {
  // The switch narrows the payload so each spec gets exactly its own payload type.
  switch (payload.kind) {
    case 'rubric':
      return runTask(deps, TASK_KINDS.rubric, payload, delivery);
    case 'feedback':
      // The calibration check is a feedback call whose answer is stored as levels only.
      return runTask(deps, payload.looRound ? calibrationCheckTask : TASK_KINDS.feedback, payload, delivery);
    case 'summary':
      return runTask(deps, TASK_KINDS.summary, payload, delivery);
  }
}
