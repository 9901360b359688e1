import { expect, test } from 'vitest';
import { heapAfterCollection } from '../../../test-support/gc.js';
import { EventType, makeBus } from './fixtures.js';


test('slow consumer: 1,000,000 events to a stream that reads nothing until the end stay bounded by bufferSize', async () => {
  const { bus } = makeBus({ historyLimit: 100 });
  const bufferSize = 1000;
  const stream = bus.stream({ types: ['ORDER_PLACED', 'RUN_FINISHED'] }, { bufferSize, endOnTerminal: true });
  // Warm up, so the baseline includes compiled code and a full queue's worth of buffers.
  for (let i = 0; i < bufferSize; i++) bus.publish(EventType.ORDER_PLACED, { id: `warm-${i}`, total: i });
  const before = await heapAfterCollection();

  // The producer never waits: a plain synchronous loop.
  const total = 1_000_000;
  for (let i = 0; i < total; i++) bus.publish(EventType.ORDER_PLACED, { id: `o${i}`, total: i });
  bus.publish(EventType.RUN_FINISHED);
  const after = await heapAfterCollection();

  expect(stream.buffered).toBe(bufferSize);
  // Every event beyond the buffer was dropped, counted exactly; the terminal event made room for itself.
  expect(stream.dropped).toBe(bufferSize + total + 1 - bufferSize);
  // A thousand small events are well under a megabyte; a million kept would be over 100 MB.
  expect(after - before).toBeLessThan(4 * 1024 * 1024);

  const read: string[] = [];
  for await (const event of stream) read.push(event.type);
  expect(read).toHaveLength(bufferSize);
  expect(read.at(-1)).toBe('RUN_FINISHED');
  expect(read.filter((type) => type === 'ORDER_PLACED')).toHaveLength(bufferSize - 1);
  expect(bus.subscriberCount).toBe(0);
}, 60_000);
