import type { DocumentData, DocumentReference } from '@google-cloud/firestore';
import { AssignmentSchema, type LlmRequest, type Plan, type User } from '../../../shared/domain';
import { createCostLedger, type CostTotals } from '../../llm/cost-ledger';
import { timestampsToDates } from '../../store/converter';
import type { Paths } from '../../store/paths';

/**
 * The few reads that are not rollups, each bounded by something other than the number of LLM
 * requests: users by id (the teachers on one table), plan counts (aggregation queries), one
 * teacher's newest assignments, assignments by id with a field mask, and one assignment's requests.
 */

const CHUNK = 100;

/** Users by id (missing ones are left out). */
export async function usersByIds(paths: Paths, ids: readonly string[]): Promise<Map<string, User>> {
  const out = new Map<string, User>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const snaps = await paths.db.getAll(...ids.slice(i, i + CHUNK).map((id) => paths.user(id)));
    for (const s of snaps) {
      // The refs carry the users' converter, so each snapshot is a parsed User (getAll is not generic).
      const u = s.data() as User | undefined;
      if (u) out.set(u.id, u);
    }
  }
  return out;
}

/** How many teachers are on each plan: two count aggregations, not a scan of users. */
export async function countUsersByPlan(paths: Paths): Promise<Record<Plan, number>> {
  const [free, paid] = await Promise.all((['free', 'paid'] as const).map((p) => paths.users().where('plan', '==', p).count().get()));
  return { free: free!.data().count, paid: paid!.data().count };
}

/** The assignment fields the dashboard shows; the rubric, instructions and text are never read. */
export const AssignmentLineSchema = AssignmentSchema.pick({
  id: true,
  userId: true,
  title: true,
  status: true,
  rubricMode: true,
  feedbackTone: true,
  works: true,
  progress: true,
  costUsd: true,
  totalProcessingMs: true,
  createdAt: true,
});
export type AssignmentLine = ReturnType<typeof AssignmentLineSchema.parse>;
const LINE_FIELDS = Object.keys(AssignmentLineSchema.shape).filter((f) => f !== 'id');

const toLine = (id: string, data: Record<string, unknown>): AssignmentLine => AssignmentLineSchema.parse({ ...(timestampsToDates(data) as object), id });

/** A teacher's newest assignments (the index the add-on's list uses). */
export async function teacherAssignments(paths: Paths, userId: string, limit: number): Promise<AssignmentLine[]> {
  const snap = await paths.assignments().withConverter(null).where('userId', '==', userId).orderBy('createdAt', 'desc').limit(limit).select(...LINE_FIELDS).get();
  return snap.docs.map((d) => toLine(d.id, d.data()));
}

/** Assignments by id, with only the dashboard's fields (missing ones are left out). */
export async function assignmentsByIds(paths: Paths, ids: readonly string[]): Promise<Map<string, AssignmentLine>> {
  const out = new Map<string, AssignmentLine>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const refs = ids.slice(i, i + CHUNK).map((id) => paths.assignment(id).withConverter(null) as DocumentReference<DocumentData>);
    const snaps = await paths.db.getAll(...refs, { fieldMask: LINE_FIELDS });
    for (const s of snaps) if (s.exists) out.set(s.id, toLine(s.id, s.data()!));
  }
  return out;
}

/** Lifetime cost figures of the given assignments, from their rollups (any day). */
export async function assignmentCostTotals(paths: Paths, ids: readonly string[]): Promise<Map<string, CostTotals>> {
  const ledger = createCostLedger({ paths });
  const out = new Map<string, CostTotals>();
  // The ledger reads one key at a time; a teacher page shows a bounded number of assignments.
  await Promise.all(
    ids.map(async (id) => {
      const days = await ledger.readRollups({ from: '0000-01-01', to: '9999-12-31', dimension: 'assignment', key: id });
      if (days.length > 0) out.set(id, sumCost(id, days));
    }),
  );
  return out;
}

/** Upper bound on one assignment's requests: 35 works × a few attempts, a rubric, summaries. */
export const MAX_ASSIGNMENT_REQUESTS = 1000;

/** One assignment's LLM requests, oldest first (the only per-request read, bounded by one assignment). */
export async function assignmentRequests(paths: Paths, assignmentId: string): Promise<LlmRequest[]> {
  const snap = await paths.llmRequests().where('assignmentId', '==', assignmentId).limit(MAX_ASSIGNMENT_REQUESTS).get();
  return snap.docs.map((d) => d.data()).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}

/** Rollup days summed into one total for `key`. */
export function sumCost(key: string, days: readonly Omit<CostTotals, 'key'>[]): CostTotals {
  const t: CostTotals = { key, requests: 0, failedRequests: 0, inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, costUsd: 0, durationMsSum: 0 };
  for (const d of days) {
    t.requests += d.requests;
    t.failedRequests += d.failedRequests;
    t.inputTokens += d.inputTokens;
    t.outputTokens += d.outputTokens;
    t.cacheCreationInputTokens += d.cacheCreationInputTokens;
    t.cacheReadInputTokens += d.cacheReadInputTokens;
    t.costUsd += d.costUsd;
    t.durationMsSum += d.durationMsSum;
  }
  return t;
}

/** All tokens a total counts (input, output, cache writes, cache reads), as llmRequests' totalTokens. */
export const totalTokens = (t: Pick<CostTotals, 'inputTokens' | 'outputTokens' | 'cacheCreationInputTokens' | 'cacheReadInputTokens'>): number =>
  t.inputTokens + t.outputTokens + t.cacheCreationInputTokens + t.cacheReadInputTokens;
