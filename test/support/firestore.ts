import { randomUUID } from 'node:crypto';
import { Firestore } from '@google-cloud/firestore';

/** "host:port" of the emulator the global setup started. */
export function emulatorAddress(): string {
  const address = process.env.TEST_FIRESTORE_EMULATOR_HOST;
  if (!address) throw new Error('TEST_FIRESTORE_EMULATOR_HOST is unset: run tests through jest (npm test).');
  return address;
}

/** A project id no other test file uses, so files never see each other's documents. */
export function uniqueProjectId(prefix = 'test'): string {
  return `${prefix}-${randomUUID().slice(0, 12)}`;
}

/** A real Firestore client on the test emulator, in a project of its own. */
export function testFirestore(projectId = uniqueProjectId()): Firestore {
  return new Firestore({ projectId, host: emulatorAddress(), ssl: false });
}
