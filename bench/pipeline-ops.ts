import { Firestore, Query, type QuerySnapshot } from '@google-cloud/firestore';

/**
 * Counts Firestore document reads and writes at the client's RPC layer (commits' writes,
 * batch-gets' documents, queries' results), split by who made them: the LLM cost ledger
 * (llmRequests, costRollups) or the pipeline (everything else). Benchmark-only instrumentation.
 */
export interface OpCounts {
  pipeline: { reads: number; writes: number };
  ledger: { reads: number; writes: number };
}

const LEDGER = /\/documents\/(llmRequests|costRollups)\//;

type Rpc = (method: string, request: Record<string, unknown>, ...rest: unknown[]) => unknown;

export function countFirestoreOps(): { stop(): OpCounts } {
  const counts: OpCounts = { pipeline: { reads: 0, writes: 0 }, ledger: { reads: 0, writes: 0 } };
  const side = (name: string) => (LEDGER.test(name) ? counts.ledger : counts.pipeline);
  const proto = Firestore.prototype as unknown as { request: Rpc; requestStream: Rpc };
  const request = proto.request;
  const requestStream = proto.requestStream;
  const get = Query.prototype.get;

  proto.request = function (this: unknown, method, req, ...rest) {
    if (method === 'commit') {
      for (const w of (req.writes as Record<string, unknown>[] | undefined) ?? []) {
        const name = ((w.update as { name?: string } | undefined)?.name ?? (w.delete as string | undefined) ?? '') as string;
        side(name).writes++;
      }
    }
    return request.call(this, method, req, ...rest);
  };
  proto.requestStream = function (this: unknown, method, ...rest) {
    const req = rest[1] as Record<string, unknown> | undefined;
    if (method === 'batchGetDocuments') for (const name of (req?.documents as string[] | undefined) ?? []) side(name).reads++;
    return requestStream.call(this, method, ...rest);
  };
  // Query results: a query is billed per document returned, and at least one read.
  Query.prototype.get = async function (this: Query) {
    const snap = (await get.call(this)) as QuerySnapshot;
    counts.pipeline.reads += Math.max(1, snap.size);
    return snap;
  } as typeof Query.prototype.get;

  return {
    stop() {
      proto.request = request;
      proto.requestStream = requestStream;
      Query.prototype.get = get;
      return counts;
    },
  };
}
