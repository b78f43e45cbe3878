import { policyJson } from './queue-config';
import type { AttemptRecord, QueueState, StoredTask } from './queue-state';
import { durationJson, type TaskView, timestampJson } from './wire';

/** A Task as the REST API returns it. BASIC omits the body, as Cloud Tasks does. */
export function taskJson(task: StoredTask, view: TaskView) {
  const { http } = task;
  return {
    name: task.name,
    httpRequest: {
      url: http.url,
      httpMethod: http.method,
      headers: http.headers,
      ...(view === 'FULL' && http.body ? { body: http.body.toString('base64') } : {}),
      ...(http.oidc ? { oidcToken: { serviceAccountEmail: http.oidc.serviceAccountEmail, audience: http.oidc.audience ?? '' } } : {}),
    },
    scheduleTime: timestampJson(task.scheduleTimeMs),
    createTime: timestampJson(task.createTimeMs),
    dispatchDeadline: durationJson(task.dispatchDeadlineMs),
    dispatchCount: task.dispatchCount,
    responseCount: task.responseCount,
    // Cloud Tasks keeps only the dispatch time of the first attempt.
    ...(task.firstAttempt ? { firstAttempt: { dispatchTime: timestampJson(task.firstAttempt.dispatchTimeMs) } } : {}),
    ...(task.lastAttempt ? { lastAttempt: attemptJson(task.lastAttempt) } : {}),
    view,
  };
}

function attemptJson(a: AttemptRecord) {
  return {
    scheduleTime: timestampJson(a.scheduleTimeMs),
    dispatchTime: timestampJson(a.dispatchTimeMs),
    ...(a.responseTimeMs !== undefined ? { responseTime: timestampJson(a.responseTimeMs) } : {}),
    ...(a.responseStatus ? { responseStatus: a.responseStatus } : {}),
  };
}

export function queueJson(q: QueueState) {
  return { name: q.name, ...policyJson(q.policy), state: q.state };
}
