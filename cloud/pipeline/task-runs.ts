import type { Transaction } from '@google-cloud/firestore';
import { z } from 'zod';
import { TaskKindSchema } from '../../shared/domain';
import { zodConverter } from '../store/converter';
import type { Paths } from '../store/paths';

/**
 * The memo of one task run's LLM answer (inngest-style step memoization). Written right after the
 * LLM answered, deleted in the transaction that stores the result: a worker that dies in between
 * leaves it behind, and the redelivery stores the memoized answer instead of paying for a second
 * call. The output is kept as JSON text and re-validated on read, like any other boundary.
 */
export const TaskRunSchema = z.object({
  runId: z.string().min(1),
  kind: TaskKindSchema,
  outputJson: z.string(),
  model: z.string(),
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  costUsd: z.number().min(0),
  llmMs: z.number().int().min(0),
  createdAt: z.date(),
});
export type TaskRun = z.infer<typeof TaskRunSchema>;

const converter = zodConverter(TaskRunSchema);

function ref(paths: Paths, runId: string) {
  return paths.raw('taskRuns').doc(runId).withConverter(converter);
}

export async function readTaskRun(paths: Paths, runId: string): Promise<TaskRun | undefined> {
  return (await ref(paths, runId).get()).data();
}

export async function writeTaskRun(paths: Paths, run: TaskRun): Promise<void> {
  await ref(paths, run.runId).set(run);
}

/** In the storing transaction: the memo has served its purpose (and holds student-derived text). */
export function deleteTaskRun(tx: Transaction, paths: Paths, runId: string): void {
  tx.delete(ref(paths, runId));
}

/** Outside a transaction, for a run whose result another delivery stored. */
export async function removeTaskRun(paths: Paths, runId: string): Promise<void> {
  await ref(paths, runId).delete();
}
