/**
 * Garbage-collection helpers for the tests that run under `node --expose-gc`
 * (the vitest project `gc`).
 */

/** `globalThis.gc`, or an error saying how to get it. */
function collector(): () => void {
  if (globalThis.gc === undefined) throw new Error('this test needs node --expose-gc (the vitest project "gc")');
  return globalThis.gc;
}

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Runs full collections until `done()` holds (or `rounds` run out). Each
 * collection runs in a job of its own: `WeakRef.deref()` keeps its target
 * alive until the end of the job that called it, and FinalizationRegistry
 * callbacks run as later tasks.
 */
export async function collectUntil(done: () => boolean, rounds = 30): Promise<void> {
  const collect = collector();
  for (let round = 0; round < rounds; round++) {
    await nextTask();
    collect();
    await nextTask();
    if (done()) return;
  }
}

/** Heap in use right after a full collection. */
export async function heapAfterCollection(): Promise<number> {
  const collect = collector();
  await nextTask();
  collect();
  return process.memoryUsage().heapUsed;
}
