import { loadConfig } from '../../cloud/config';
import { loadPipelineConfig } from '../../cloud/config/pipeline';
import { buildDeps } from '../../cloud/deps';
import { silentLogger } from '../../cloud/log';
import { buildAdmissionDeps, buildWorkerDeps } from '../../cloud/pipeline/build-deps';
import type { TaskQueue } from '../../cloud/tasks/task-queue';
import { testFirestore } from '../support/firestore';

/**
 * One Cloud Tasks client per instance: the worker's pipeline (and the api's admission) enqueue on
 * the shared queue the function's dependencies hold, not on a second client of their own.
 */

test('buildWorkerDeps and buildAdmissionDeps take the queue from the shared dependencies', async () => {
  const db = testFirestore();
  try {
    const env = { GRADEBOT_ENV: 'test', GCP_PROJECT_ID: 'worker-deps-test' };
    const config = { ...loadConfig(env), pipeline: loadPipelineConfig(env) };
    const queue: TaskQueue = { queuePath: config.tasks.queuePath, enqueue: async () => 'created', listTaskIds: async () => [] };
    const deps = buildDeps(config, { db, logger: silentLogger, queue });
    expect(buildWorkerDeps(deps).queue).toBe(queue);
    expect(buildAdmissionDeps(deps).queue).toBe(queue);
  } finally {
    await db.terminate();
  }
});
