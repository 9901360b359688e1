import { expect, test } from 'vitest';
import { collectUntil } from '../../../test-support/gc.js';
import { Signal } from '../src/index.js';


test('GC soak: 1,000,000 weak and owner-bound connect -> drop -> collect cycles leave nothing behind', async () => {
  const signal = new Signal<number>();
  let disconnected = 0;
  const stop = Signal.receiverDisconnected.connect(() => void disconnected++, { sender: signal });
  let calls = 0;
  const survivor = () => void calls++;
  signal.connect(survivor);

  await collectUntil(() => true, 1);
  const before = process.memoryUsage().heapUsed;
  const batches = 100;
  for (let batch = 0; batch < batches; batch++) {
    for (let i = 0; i < 10_000; i++) {
      if (i % 2 === 0) signal.connect(() => void calls++, { weak: true });
      else signal.connect(() => void calls++, { owner: {} });
    }
    signal.emit(undefined, batch); // dead receivers are never called, live ones may be
    await collectUntil(() => signal.receiverCount === 1);
  }
  await collectUntil(() => signal.receiverCount === 1);
  const after = process.memoryUsage().heapUsed;

  expect(signal.receiverCount).toBe(1);
  expect(disconnected).toBe(1_000_000);
  expect(after - before).toBeLessThan(5 * 1024 * 1024);
  calls = 0;
  signal.emit(undefined, 0);
  expect(calls).toBe(1);
  stop();
}, 120_000);
