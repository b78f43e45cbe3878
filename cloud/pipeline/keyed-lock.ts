/**
 * Runs async sections one at a time per key, in arrival order, within this process.
 *
 * Every pipeline transaction that writes an assignment document funnels through it, keyed by the
 * assignment id. Firestore serialises such transactions anyway, but by aborting and retrying them
 * with a backoff of a second or more (the emulator aborts even two at once); when 35 tasks of an
 * assignment run on one instance (Cloud Run serves many requests per instance, and locally
 * everything is one process), queueing them here turns seconds of aborted attempts into a few
 * milliseconds of waiting. Across instances the transactions still guarantee correctness.
 */
export interface KeyedLock {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const before = tails.get(key) ?? Promise.resolve();
      const mine = before.then(fn, fn);
      const tail = mine.catch(() => undefined);
      tails.set(key, tail);
      // Forget the key once nothing is queued behind this section, so the map does not grow.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return mine;
    },
  };
}
