/** A subscriber; awaited by `publish`, so its work is done before the publisher moves on. */
export type Handler<P> = (payload: P) => Promise<void> | void;

export class NoSubscriberError extends Error {
  constructor(readonly event: string) {
    super(`No subscriber for "${event}"`);
    this.name = 'NoSubscriberError';
  }
}

export interface EventBus<E extends Record<string, unknown>> {
  /** Returns the unsubscribe function. */
  subscribe<K extends keyof E & string>(event: K, handler: Handler<E[K]>): () => void;
  /**
   * Runs every subscriber and waits for all of them. Rejects when there is none, or with an
   * AggregateError naming each one that failed, so the publisher can fall back.
   */
  publish<K extends keyof E & string>(event: K, payload: E[K]): Promise<void>;
}

/**
 * A small in-process pub/sub. Unlike node's EventEmitter it awaits async subscribers: a Cloud Run
 * instance may be frozen as soon as the response is sent, so work a subscriber starts must finish
 * before the publisher returns.
 */
export function createEventBus<E extends Record<string, unknown>>(): EventBus<E> {
  const handlers = new Map<string, Set<Handler<never>>>();
  return {
    subscribe(event, handler) {
      const set = handlers.get(event) ?? new Set();
      set.add(handler as Handler<never>);
      handlers.set(event, set);
      return () => void set.delete(handler as Handler<never>);
    },
    async publish(event, payload) {
      const set = handlers.get(event);
      if (!set || set.size === 0) throw new NoSubscriberError(event);
      const results = await Promise.allSettled([...set].map(async (h) => (h as Handler<E[typeof event]>)(payload)));
      const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
      if (failures.length > 0) throw new AggregateError(failures, `${failures.length} subscriber(s) of "${event}" failed`);
    },
  };
}
