import type { CollectionGroup, CollectionReference, DocumentReference, Firestore } from '@google-cloud/firestore';
import {
  type Assignment,
  AssignmentSchema,
  type AssignmentSummary,
  AssignmentSummarySchema,
  type ExampleSet,
  ExampleSetSchema,
  type LlmRequest,
  LlmRequestSchema,
  type ProcessingMetric,
  ProcessingMetricSchema,
  type StudentText,
  StudentTextSchema,
  type StudentWork,
  StudentWorkSchema,
  type User,
  UserSchema,
} from '../../shared/domain';
import { zodConverter } from './converter';

/**
 * The only place that knows collection names and document paths. Domain models get typed,
 * validating references; collections whose documents a feature owns (rollups, Stripe events, task
 * runs, stats) are handed out raw and the feature applies its own schema with `zodConverter`.
 */
export const COLLECTIONS = {
  users: 'users',
  assignments: 'assignments',
  works: 'works',
  /** `assignments/{id}/texts/{workId}`: the student's text, apart from the work so retention can delete it alone. */
  texts: 'texts',
  /** `assignments/{id}/works/{workId}/inserts/{insertId}`: feedback inserted into the Doc (idempotency of POST …/sent). */
  inserts: 'inserts',
  summary: 'summary',
  llmRequests: 'llmRequests',
  processingMetrics: 'processingMetrics',
  /** Daily cost rollups (per user, assignment, model and request type). */
  costRollups: 'costRollups',
  /** Per-teacher activity rollups: streak, totals, contribution chart. */
  userStats: 'userStats',
  /** Processing-time histograms per day and task kind, for the admin dashboard. */
  processingRollups: 'processingRollups',
  /** Product usage rollups for the admin dashboard. */
  usageRollups: 'usageRollups',
  /** Feedback-quality rollups (agreement with the teacher, edit rates) per assignment, teacher and day. */
  qualityRollups: 'qualityRollups',
  stripeEvents: 'stripeEvents',
  /** `users/{uid}/exampleSets/{rubricKey}`: a teacher's calibration examples saved for reuse with the same rubric. */
  exampleSets: 'exampleSets',
  /** Markers that make pipeline steps idempotent. */
  taskRuns: 'taskRuns',
} as const;

const converters = {
  user: zodConverter(UserSchema),
  assignment: zodConverter(AssignmentSchema),
  work: zodConverter(StudentWorkSchema),
  text: zodConverter(StudentTextSchema),
  summary: zodConverter(AssignmentSummarySchema),
  llmRequest: zodConverter(LlmRequestSchema),
  processingMetric: zodConverter(ProcessingMetricSchema),
  exampleSet: zodConverter(ExampleSetSchema),
};

export type Paths = ReturnType<typeof createPaths>;

export function createPaths(db: Firestore) {
  const c = (name: string) => db.collection(name);
  return {
    db,
    users: (): CollectionReference<User> => c(COLLECTIONS.users).withConverter(converters.user),
    user: (uid: string): DocumentReference<User> => c(COLLECTIONS.users).doc(uid).withConverter(converters.user),
    assignments: (): CollectionReference<Assignment> => c(COLLECTIONS.assignments).withConverter(converters.assignment),
    assignment: (id: string): DocumentReference<Assignment> =>
      c(COLLECTIONS.assignments).doc(id).withConverter(converters.assignment),
    works: (assignmentId: string): CollectionReference<StudentWork> =>
      c(COLLECTIONS.assignments).doc(assignmentId).collection(COLLECTIONS.works).withConverter(converters.work),
    work: (assignmentId: string, workId: string): DocumentReference<StudentWork> =>
      c(COLLECTIONS.assignments)
        .doc(assignmentId)
        .collection(COLLECTIONS.works)
        .doc(workId)
        .withConverter(converters.work),
    texts: (assignmentId: string): CollectionReference<StudentText> =>
      c(COLLECTIONS.assignments).doc(assignmentId).collection(COLLECTIONS.texts).withConverter(converters.text),
    /** One work's text; same id as the work. */
    text: (assignmentId: string, workId: string): DocumentReference<StudentText> =>
      c(COLLECTIONS.assignments)
        .doc(assignmentId)
        .collection(COLLECTIONS.texts)
        .doc(workId)
        .withConverter(converters.text),
    /** A work's recorded Doc inserts; the feature (cloud/api/sent-inserts.ts) applies its schema. */
    inserts: (assignmentId: string, workId: string) =>
      c(COLLECTIONS.assignments).doc(assignmentId).collection(COLLECTIONS.works).doc(workId).collection(COLLECTIONS.inserts),
    /** Every assignment's texts at once (retention's cleanup). */
    allTexts: (): CollectionGroup<StudentText> => db.collectionGroup(COLLECTIONS.texts).withConverter(converters.text),
    summary: (assignmentId: string): DocumentReference<AssignmentSummary> =>
      c(COLLECTIONS.assignments)
        .doc(assignmentId)
        .collection(COLLECTIONS.summary)
        .doc('current')
        .withConverter(converters.summary),
    llmRequests: (): CollectionReference<LlmRequest> => c(COLLECTIONS.llmRequests).withConverter(converters.llmRequest),
    llmRequest: (id: string): DocumentReference<LlmRequest> =>
      c(COLLECTIONS.llmRequests).doc(id).withConverter(converters.llmRequest),
    processingMetrics: (): CollectionReference<ProcessingMetric> =>
      c(COLLECTIONS.processingMetrics).withConverter(converters.processingMetric),
    processingMetric: (id: string): DocumentReference<ProcessingMetric> =>
      c(COLLECTIONS.processingMetrics).doc(id).withConverter(converters.processingMetric),
    exampleSets: (uid: string): CollectionReference<ExampleSet> => c(COLLECTIONS.users).doc(uid).collection(COLLECTIONS.exampleSets).withConverter(converters.exampleSet),
    exampleSet: (uid: string, rubricKey: string): DocumentReference<ExampleSet> =>
      c(COLLECTIONS.users).doc(uid).collection(COLLECTIONS.exampleSets).doc(rubricKey).withConverter(converters.exampleSet),
    /** Raw collections for feature-owned documents; apply the feature's `zodConverter`. */
    raw: (name: (typeof COLLECTIONS)['costRollups' | 'processingRollups' | 'userStats' | 'usageRollups' | 'qualityRollups' | 'stripeEvents' | 'taskRuns']) =>
      c(name),
  };
}
