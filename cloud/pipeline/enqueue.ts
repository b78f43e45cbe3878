import type { AdmissionDeps } from './context';
import { type TaskPayload, taskName, taskUrl } from './payloads';

/**
 * Queue tasks under their deterministic names, all at once (a fan-out of 35 should not wait on 35
 * round trips). 'duplicate' is success: that step is already queued or has just run. A failure
 * throws, so the caller's own task is retried and queues the rest again.
 */
export async function enqueueAll(deps: Pick<AdmissionDeps, 'queue' | 'settings' | 'now'>, tasks: TaskPayload[], opts: { leadMs?: number } = {}): Promise<void> {
  // With a lead, every task after the first is scheduled that much later (see PIPELINE_CACHE_LEAD_MS).
  const later = opts.leadMs ? new Date(deps.now().getTime() + opts.leadMs) : undefined;
  await Promise.all(
    tasks.map((payload, i) =>
      deps.queue.enqueue({ name: taskName(payload), url: taskUrl(deps.settings.workerUrl, payload.kind), payload, ...(later && i > 0 ? { scheduleTime: later } : {}) }),
    ),
  );
}
