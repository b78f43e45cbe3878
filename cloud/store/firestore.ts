import { Firestore } from '@google-cloud/firestore';

export interface FirestoreSettings {
  projectId: string;
  databaseId: string;
  /** "host:port" of an emulator; unset in production. */
  emulatorHost?: string;
}

/** The real Firestore client; pointed at the emulator explicitly rather than through the environment. */
export function createFirestore(s: FirestoreSettings): Firestore {
  return new Firestore({
    projectId: s.projectId,
    databaseId: s.databaseId,
    ignoreUndefinedProperties: false,
    ...(s.emulatorHost ? { host: s.emulatorHost, ssl: false } : {}),
  });
}
