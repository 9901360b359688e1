/**
 * The publisher of the asynchronous bus scenarios: publishes in batches and
 * yields one macrotask after each, so readers (microtasks) drain each batch
 * before the next.
 */
import type { AsyncBody } from './harness/types.js';

/** Events published between two yields: well under a stream's default buffer of 1000. */
export const BATCH = 100;

/** One macrotask: every pending microtask (a reader's whole loop) runs first. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The timed body: `n` calls of `publish` in batches of {@link BATCH}, one
 * macrotask after each; then `check(sent)` with the total published so far,
 * which throws if the readers did not keep up.
 */
export function pumped(publish: () => void, check: (sent: number) => void): AsyncBody {
  let sent = 0;
  return async (n) => {
    for (let done = 0; done < n; ) {
      const batch = Math.min(BATCH, n - done);
      for (let k = 0; k < batch; k++) publish();
      done += batch;
      await nextTurn();
    }
    sent += n;
    check(sent);
  };
}
