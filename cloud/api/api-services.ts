import type { BillingService } from '../billing/checkout';
import { admitAssignment } from '../pipeline/admission';
import type { AdmissionDeps } from '../pipeline/context';
import { regrade } from '../pipeline/regrade';
import { retryWork } from '../pipeline/retry-work';
import { startGrading } from '../pipeline/start-grading';
import { regradeLikeExamples, saveExamples, setExamples } from '../calibration/calibrate';
import { GradeBotError } from '../errors';
import type { ApiServices } from './services';

export interface ApiServiceParts {
  /** The pipeline's admission dependencies (store, queue, settings). */
  admission: AdmissionDeps;
  /** Billing's Stripe sessions. */
  billing: BillingService;
}

/**
 * The API's services bound to the pipeline (admission, retry) and billing (Checkout, portal).
 * Admission and retry answer with ids; the API re-reads the assignment (one read) because the
 * detail card must show what was committed, including a replay's progress since.
 */
export function createApiServices(parts: ApiServiceParts): ApiServices {
  const { admission, billing } = parts;
  const readAssignment = async (id: string) => {
    const a = (await admission.paths.assignment(id).get()).data();
    // Deleted between the write and this read: say so rather than answer with nothing.
    if (!a) throw new GradeBotError('conflict', 'That assignment was deleted meanwhile.');
    return a;
  };
  return {
    async admitAssignment({ userId, timeZone, request }) {
      const result = await admitAssignment(admission, { user: { id: userId, timeZone }, request });
      return { assignment: await readAssignment(result.assignmentId), created: result.created };
    },
    async retryWork(input) {
      const { requeued } = await retryWork(admission, input);
      return { assignment: await readAssignment(input.assignmentId), requeued };
    },
    async startGrading(input) {
      await startGrading(admission, input);
      return readAssignment(input.assignmentId);
    },
    async regrade(input) {
      await regrade(admission, input);
      return readAssignment(input.assignmentId);
    },
    setExamples: (input) => setExamples(admission, input),
    regradeLikeExamples: async (input) => (await regradeLikeExamples(admission, input)).assignment,
    saveExamples: (input) => saveExamples(admission, input),
    createCheckoutUrl: async (user) => (await billing.createCheckoutSession(user)).url,
    createPortalUrl: async (user) => (await billing.createPortalSession(user)).url,
  };
}
