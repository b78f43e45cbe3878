import type { CloudTasksClient } from '@google-cloud/tasks';
import type { TasksConfig } from '../config/tasks';

const UPDATE_MASK = [
  'retry_config.max_attempts',
  'retry_config.min_backoff',
  'retry_config.max_backoff',
  'retry_config.max_doublings',
  'rate_limits.max_concurrent_dispatches',
  'rate_limits.max_dispatches_per_second',
];

const duration = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });

/**
 * Make the queue exist with the configured retry and rate policy, so the policy lives in config
 * and not in a console. UpdateQueue creates a missing queue, so one idempotent call serves the
 * first deploy, every later one and `npm start` alike.
 */
export async function ensureQueue(
  client: Pick<CloudTasksClient, 'updateQueue'>,
  config: Pick<TasksConfig, 'queuePath' | 'retry' | 'rateLimits'>,
): Promise<void> {
  await client.updateQueue({
    queue: {
      name: config.queuePath,
      retryConfig: {
        maxAttempts: config.retry.maxAttempts,
        minBackoff: duration(config.retry.minBackoffMs),
        maxBackoff: duration(config.retry.maxBackoffMs),
        maxDoublings: config.retry.maxDoublings,
      },
      rateLimits: {
        maxConcurrentDispatches: config.rateLimits.maxConcurrentDispatches,
        maxDispatchesPerSecond: config.rateLimits.maxDispatchesPerSecond,
      },
    },
    updateMask: { paths: UPDATE_MASK },
  });
}
