import { freePort } from '../../dev/free-port';
import { startFirestoreEmulator } from '../../dev/firestore/emulator';

/** One Firestore emulator for the whole run; test files isolate themselves by project id. */
export default async function globalSetup(): Promise<void> {
  // Nothing here runs on Google Cloud: stop the auth library probing for a metadata server.
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  const port = await freePort();
  const emulator = await startFirestoreEmulator({ port, jarPath: process.env.FIRESTORE_EMULATOR_JAR });
  process.env.TEST_FIRESTORE_EMULATOR_HOST = emulator.address;
  (globalThis as { __firestoreEmulator?: typeof emulator }).__firestoreEmulator = emulator;
}
