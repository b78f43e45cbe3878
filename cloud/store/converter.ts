import {
  type DocumentData,
  type FirestoreDataConverter,
  type QueryDocumentSnapshot,
  Timestamp,
} from '@google-cloud/firestore';
import type { z } from 'zod';

/** A stored document failed its schema: the data is not what the code expects. */
export class InvalidDocumentError extends Error {
  constructor(
    readonly path: string,
    readonly issues: string[],
  ) {
    super(`Invalid document ${path}: ${issues.join('; ')}`);
    this.name = 'InvalidDocumentError';
  }
}

/** Firestore hands back Timestamps; our schemas speak Date. */
export function timestampsToDates(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate();
  if (Array.isArray(value)) return value.map(timestampsToDates);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, timestampsToDates(v)]));
  }
  return value;
}

function describe(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
}

/**
 * A converter that validates with the model's zod schema on the way in and on the way out, so a
 * bad write fails loudly at the writer and a bad stored document fails loudly at the reader.
 */
export function zodConverter<S extends z.ZodType<DocumentData>>(schema: S): FirestoreDataConverter<z.infer<S>> {
  return {
    toFirestore(model: z.infer<S>): DocumentData {
      const result = schema.safeParse(model);
      if (!result.success) throw new InvalidDocumentError('(write)', describe(result.error));
      return result.data;
    },
    fromFirestore(snapshot: QueryDocumentSnapshot): z.infer<S> {
      const result = schema.safeParse(timestampsToDates(snapshot.data()));
      if (!result.success) throw new InvalidDocumentError(snapshot.ref.path, describe(result.error));
      return result.data;
    },
  };
}
