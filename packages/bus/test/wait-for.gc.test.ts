import { expect, test } from 'vitest';
import { heapAfterCollection } from '../../../test-support/gc.js';
import { TimeoutError } from '../src/index.js';
import { makeBus } from './fixtures.js';

test('10,000 waits that time out or are aborted leave subscriberCount and the heap where they started', async () => {
  const { bus } = makeBus({ historyLimit: 10 });
  bus.subscribe('ORDER_PLACED', () => {});
  const start = bus.subscriberCount;

  const waitAndGiveUp = async (count: number): Promise<{ timedOut: number; aborted: number }> => {
    const controller = new AbortController();
    const outcomes: Promise<string>[] = [];
    for (let i = 0; i < count; i++) {
      const options = i % 2 === 0 ? { timeout: 1 } : { signal: controller.signal, sinceSeq: 0 };
      outcomes.push(bus.waitFor('ORDER_SHIPPED', options).then(() => 'resolved', (error: unknown) => (error instanceof TimeoutError ? 'timeout' : 'abort')));
    }
    bus.publish('ORDER_PLACED', { id: 'noise', total: 1 });
    controller.abort(new Error('given up'));
    const settled = await Promise.all(outcomes);
    return { timedOut: settled.filter((o) => o === 'timeout').length, aborted: settled.filter((o) => o === 'abort').length };
  };

  await waitAndGiveUp(1000); // warm-up: compiled code in the baseline
  const before = await heapAfterCollection();
  const outcome = await waitAndGiveUp(10_000);
  const after = await heapAfterCollection();

  expect(outcome).toEqual({ timedOut: 5000, aborted: 5000 });
  expect(bus.subscriberCount).toBe(start);
  expect(after - before).toBeLessThan(1024 * 1024);
});
