import { expect, test } from 'vitest';
import { heapAfterCollection } from '../../../test-support/gc.js';
import { Signal, TimeoutError } from '../src/index.js';

test('10,000 waits that time out or are aborted leave receiverCount and the heap where they started', async () => {
  const signal = new Signal<number>();
  signal.connect(() => {});

  const waitAndGiveUp = async (count: number): Promise<{ timedOut: number; aborted: number }> => {
    const controller = new AbortController();
    const outcomes: Promise<string>[] = [];
    for (let i = 0; i < count; i++) {
      const options = i % 2 === 0 ? { timeout: 1, filter: () => false } : { signal: controller.signal, filter: () => false };
      outcomes.push(signal.wait(options).then(() => 'resolved', (error: unknown) => (error instanceof TimeoutError ? 'timeout' : 'abort')));
    }
    signal.send(undefined, 1); // the filtered waits see it and let it pass
    controller.abort(new Error('given up'));
    const settled = await Promise.all(outcomes);
    return { timedOut: settled.filter((o) => o === 'timeout').length, aborted: settled.filter((o) => o === 'abort').length };
  };

  await waitAndGiveUp(1000);
  const before = await heapAfterCollection();
  const outcome = await waitAndGiveUp(10_000);
  const after = await heapAfterCollection();

  expect(outcome).toEqual({ timedOut: 5000, aborted: 5000 });
  expect(signal.receiverCount).toBe(1);
  expect(after - before).toBeLessThan(1024 * 1024);
});
