import type { LlmRequest } from '../../shared/domain';
import type { Logger } from '../log';
import type { CostLedger } from './cost-ledger';
import { type LlmCallEvent, type LlmEventMap, toLlmRequest } from './cost-record';
import type { EventBus } from './events';

export interface CostTracking {
  /**
   * Record one call's cost, and resolve only once it is stored: publish `request_completed` (the
   * subscriber writes the record); if publishing fails for any reason, write directly. The write
   * is idempotent, so the fallback after a half-done publish cannot count a call twice.
   */
  track(event: LlmCallEvent): Promise<LlmRequest>;
  /** Remove the subscriber. */
  close(): void;
}

/**
 * The PRD's event-driven cost tracking with its direct-write fallback. Nothing is fire-and-
 * forget: a Cloud Run instance may freeze right after the response, taking pending work with it.
 */
export function createCostTracking(deps: { ledger: CostLedger; bus: EventBus<LlmEventMap>; logger: Logger }): CostTracking {
  const { ledger, bus, logger } = deps;
  const unsubscribe = bus.subscribe('request_completed', async (e) => {
    await ledger.record(toLlmRequest(e));
  });

  async function track(event: LlmCallEvent): Promise<LlmRequest> {
    const record = toLlmRequest(event);
    try {
      await bus.publish('request_completed', event);
      return record;
    } catch (err) {
      logger.warn('cost event not handled; recording directly', { recordId: record.id, err: err instanceof Error ? err : String(err) });
    }
    try {
      await ledger.record(record);
    } catch (err) {
      // The call's result is good and already paid for; failing the task would pay for it again.
      // The whole record (ids and numbers only) goes to the error log so it can be replayed.
      logger.error('cost record could not be stored', { record: { ...record, createdAt: record.createdAt.toISOString() }, err: err instanceof Error ? err : String(err) });
    }
    return record;
  }

  return { track, close: unsubscribe };
}
