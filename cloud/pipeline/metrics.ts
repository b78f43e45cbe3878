import type { ProcessingMetric, TaskKind } from '../../shared/domain';
import { recordProcessingMetric } from '../metrics/processing-rollups';
import type { Paths } from '../store/paths';
import type { RunInfo } from './task-spec';

export interface MetricFacts {
  kind: TaskKind;
  template: string;
  attribution: { userId: string; assignmentId: string; workId: string | null } | null;
  status: ProcessingMetric['status'];
  error: string | null;
  stepsMs: Record<string, number>;
  promptLength: number | null;
  llm: { model: string; inputTokens: number; outputTokens: number; costUsd: number } | null;
  droppedEvidenceCount: number | null;
}

/**
 * One ProcessingMetric per delivery that ran (not for deliveries that found nothing to do), with
 * its processing-time rollup in the same transaction. The id is the run id plus the retry count,
 * so a duplicate delivery of the same attempt changes nothing (the first one's record stands).
 */
export async function recordMetric(paths: Paths, run: RunInfo, facts: MetricFacts, completedAt: Date): Promise<void> {
  const id = `${run.runId}-r${run.retryCount}`;
  const who = facts.attribution;
  if (!who) return; // nothing was collected: there is no one to attribute the run to
  await recordProcessingMetric(paths, {
    id,
    kind: facts.kind,
    userId: who.userId,
    assignmentId: who.assignmentId,
    workId: who.workId,
    startedAt: run.startedAt,
    completedAt,
    durationMs: Math.max(0, completedAt.getTime() - run.startedAt.getTime()),
    stepsMs: facts.stepsMs,
    status: facts.status,
    error: facts.error,
    retryCount: run.retryCount,
    promptLength: facts.promptLength,
    promptTemplate: facts.template,
    model: facts.llm?.model ?? null,
    inputTokens: facts.llm?.inputTokens ?? null,
    outputTokens: facts.llm?.outputTokens ?? null,
    costUsd: facts.llm?.costUsd ?? null,
    droppedEvidenceCount: facts.droppedEvidenceCount,
  });
}
