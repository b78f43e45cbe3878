import type { AdmissionDeps } from './context';
import { sweepName, type TaskPayload, taskName, taskUrl } from './payloads';

type QueueDeps = Pick<AdmissionDeps, 'queue' | 'settings' | 'now'>;

/**
 * Queue tasks under their deterministic names, all at once (a fan-out of 35 should not wait on 35
 * round trips). 'duplicate' is success: that step is already queued or has just run. A failure
 * throws, so the caller's own task is retried and queues the rest again.
 */
export async function enqueueAll(deps: QueueDeps, tasks: TaskPayload[], opts: { leadMs?: number } = {}): Promise<void> {
  // With a lead, every task after the first is scheduled that much later (see PIPELINE_CACHE_LEAD_MS).
  const later = opts.leadMs ? new Date(deps.now().getTime() + opts.leadMs) : undefined;
  await Promise.all(
    tasks.map((payload, i) =>
      deps.queue.enqueue({ name: taskName(payload), url: taskUrl(deps.settings.workerUrl, payload.kind), payload, ...(later && i > 0 ? { scheduleTime: later } : {}) }),
    ),
  );
}

/** Queue one task to run no earlier than `at` (a deferral's continuation). */
export async function enqueueAt(deps: QueueDeps, payload: TaskPayload, at: Date): Promise<void> {
  await deps.queue.enqueue({ name: taskName(payload), url: taskUrl(deps.settings.workerUrl, payload.kind), payload, scheduleTime: at });
}

/** Queue the watchdog of `task`'s last delivery, to run `settings.sweepDelayMs` from now (sweep.ts). */
export async function enqueueSweep(deps: QueueDeps, task: TaskPayload): Promise<void> {
  const at = new Date(deps.now().getTime() + deps.settings.sweepDelayMs);
  await deps.queue.enqueue({ name: sweepName(task), url: taskUrl(deps.settings.workerUrl, 'sweep'), payload: { kind: 'sweep', task }, scheduleTime: at });
}
