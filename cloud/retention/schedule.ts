import type { Logger } from '../log';

export interface RetentionScheduleOptions {
  /** One cleanup run (e.g. `() => runRetentionCleanup({...})`). */
  run: () => Promise<unknown>;
  /** Between runs; the first run starts at once. */
  everyMs: number;
  logger: Logger;
  /** What a failed run is logged as (default: the retention cleanup); the stall watchdog reuses this timer. */
  what?: string;
}

/**
 * Runs the cleanup on a timer for a local stack (`npm start`), where no Cloud Scheduler calls the
 * worker. Runs never overlap; a failed run is logged and the next one tries again. The timer does
 * not keep the process alive. Returns `stop`, which waits for a run in progress.
 */
export function startRetentionSchedule(opts: RetentionScheduleOptions): () => Promise<void> {
  let current: Promise<void> | undefined;
  const tick = () => {
    if (current) return;
    current = opts
      .run()
      .then(() => undefined)
      .catch((err: unknown) => opts.logger.warn(`${opts.what ?? 'retention cleanup'} failed`, { err: err instanceof Error ? err : String(err) }))
      .finally(() => (current = undefined));
  };
  tick();
  const timer = setInterval(tick, opts.everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await current;
  };
}
