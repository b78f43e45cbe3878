import { CloudTasksClient } from '@google-cloud/tasks';
import { PassThroughClient } from 'google-auth-library';
import type { TasksConfig } from '../config/tasks';

/**
 * The real Cloud Tasks client. It always uses google-gax's REST transport (`fallback: 'rest'`):
 * locally that is what the local server speaks (plain HTTP/1.1 + JSON, no gRPC server to run), and
 * using the same transport in production means the tested path is the deployed path; Cloud Tasks
 * serves REST and gRPC alike, and our few calls per second need nothing gRPC adds.
 *
 * Locally the client gets an auth client that adds no credentials, so no Google account or ADC is
 * needed; in production it uses Application Default Credentials (the function's service account).
 */
export function createTasksClient(config: Pick<TasksConfig, 'emulatorHost'>): CloudTasksClient {
  if (!config.emulatorHost) return new CloudTasksClient({ fallback: 'rest' });
  const at = config.emulatorHost.lastIndexOf(':');
  return new CloudTasksClient({
    fallback: 'rest',
    apiEndpoint: config.emulatorHost.slice(0, at),
    port: Number(config.emulatorHost.slice(at + 1)),
    protocol: 'http',
    // Node's own fetch: gaxios would otherwise import node-fetch dynamically, which jest's CommonJS
    // runtime cannot do.
    authClient: new PassThroughClient({ transporterOptions: { fetchImplementation: fetch } }),
  });
}
