import type { LlmConfig } from '../config/llm';
import type { Logger } from '../log';
import type { Paths } from '../store/paths';
import { createAnthropic } from './anthropic';
import { createLlmClient, type LlmClient } from './client';
import { type CostLedger, createCostLedger } from './cost-ledger';
import type { LlmEventMap } from './cost-record';
import { type CostTracking, createCostTracking } from './cost-tracking';
import { createEventBus, type EventBus } from './events';

/** The LLM layer as the functions use it. */
export interface LlmLayer {
  client: LlmClient;
  /** Cost records and rollups: what the admin dashboard reads. */
  ledger: CostLedger;
  costs: CostTracking;
  /** `request_completed` for further subscribers (metrics); cost tracking is already subscribed. */
  bus: EventBus<LlmEventMap>;
  close(): void;
}

export interface LlmLayerDeps {
  config: LlmConfig;
  paths: Paths;
  logger: Logger;
  /** The transport under the SDK (tests, benchmarks). */
  fetch?: typeof fetch;
}

/** Wire client, breaker, cost tracking and ledger from configuration; built once per instance. */
export function createLlmLayer(deps: LlmLayerDeps): LlmLayer {
  const logger = deps.logger.child({ component: 'llm' });
  const ledger = createCostLedger({ paths: deps.paths });
  const bus = createEventBus<LlmEventMap>();
  const costs = createCostTracking({ ledger, bus, logger });
  const anthropic = createAnthropic(deps.config, { fetch: deps.fetch });
  const client = createLlmClient({ anthropic, config: deps.config, costs, logger });
  return {
    client,
    ledger,
    costs,
    bus,
    close() {
      client.close();
      costs.close();
    },
  };
}
