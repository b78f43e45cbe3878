import type { CreateAssignmentRequest, RegradeScope } from '../../shared/api';
import type { Assignment, User } from '../../shared/domain';

/**
 * What the API calls in other features, as interfaces, so routes depend on behaviour rather than on
 * modules and tests can see exactly which seams exist. `defaultApiServices` (default-services.ts)
 * binds them to the pipeline's admission and retry and to billing's Stripe sessions.
 */

export interface AdmitInput {
  /** The verified teacher (`sub`); their user document exists (the API ensured it). */
  userId: string;
  /** The teacher's time zone, as the API last saw it (quota month, stats days). */
  timeZone: string;
  request: CreateAssignmentRequest;
}

export interface AdmitResult {
  assignment: Assignment;
  /** False when `request.clientRequestId` was seen before: this is the assignment made then. */
  created: boolean;
}

export interface ApiServices {
  /**
   * The whole create transaction (pipeline): quota, assignment, works (empty and over-long Docs as
   * failed works), enqueue the rubric task; idempotent on `clientRequestId`. Throws
   * `QuotaExceededError` when the month is used up.
   */
  admitAssignment(input: AdmitInput): Promise<AdmitResult>;
  /**
   * Put a failed work back in the queue (pipeline). Returns the updated assignment, and whether this
   * call queued it (false: it was already queued; nothing was counted).
   */
  retryWork(input: { userId: string; assignmentId: string; workId: string }): Promise<{ assignment: Assignment; requeued: boolean }>;
  /** Leave "Rubric ready for review" and fan out the grading (pipeline). Returns the updated assignment. */
  startGrading(input: { userId: string; assignmentId: string }): Promise<Assignment>;
  /** Re-grade graded works after a rubric change (pipeline), idempotent on `regradeId`. Returns the updated assignment. */
  regrade(input: { userId: string; assignmentId: string; scope: RegradeScope; regradeId: string }): Promise<Assignment>;
  /** Mark the teacher's examples (calibration). Returns the updated assignment. */
  setExamples(input: { userId: string; assignmentId: string; workIds: string[] }): Promise<Assignment>;
  /** "Re-grade the rest like my examples" (calibration); idempotent. Returns the updated assignment. */
  regradeLikeExamples(input: { userId: string; assignmentId: string; alsoWorkIds: string[]; useSaved: boolean }): Promise<Assignment>;
  /** Save the examples for reuse with the same rubric. Returns the updated assignment. */
  saveExamples(input: { userId: string; assignmentId: string }): Promise<Assignment>;
  /** A Stripe Checkout URL for the paid plan (billing). */
  createCheckoutUrl(user: User): Promise<string>;
  /** A Stripe customer-portal URL (billing). */
  createPortalUrl(user: User): Promise<string>;
}
