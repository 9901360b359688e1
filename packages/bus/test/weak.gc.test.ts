import { describe, expect, test } from 'vitest';
import { collectUntil } from '../../../test-support/gc.js';
import { EventType, makeBus } from './fixtures.js';


describe('weak and owner-bound subscriptions (node --expose-gc)', () => {
  test('a weak subscription ends when its handler is collected; a strong one stays', async () => {
    const { bus } = makeBus();
    let calls = 0;
    bus.subscribe(EventType.TRACE, () => calls++);
    (() => {
      bus.subscribe(EventType.TRACE, () => calls++, { weak: true });
    })();
    expect(bus.subscriberCount).toBe(2);
    await collectUntil(() => bus.subscriberCount === 1);
    expect(bus.subscriberCount).toBe(1);
    bus.publish(EventType.TRACE, 1);
    expect(calls).toBe(1);
  });

  test('a weak subscription whose handler is still referenced keeps working', async () => {
    const { bus } = makeBus();
    let calls = 0;
    const handler = () => calls++;
    bus.subscribe(EventType.TRACE, handler, { weak: true });
    await collectUntil(() => false, 5);
    bus.publish(EventType.TRACE, 1);
    expect(calls).toBe(1);
    expect(typeof handler).toBe('function');
  });

  test('an owner-bound subscription lives as long as its owner', async () => {
    const { bus } = makeBus();
    const seen: number[] = [];
    class Panel {
      constructor() {
        bus.subscribe(EventType.TRACE, (e) => this.show(e.data), { owner: this });
      }
      show(n: number): void {
        seen.push(n);
      }
    }
    let panel: Panel | undefined = new Panel();
    await collectUntil(() => false, 5);
    bus.publish(EventType.TRACE, 1);
    expect(seen).toEqual([1]);
    panel = undefined;
    await collectUntil(() => bus.subscriberCount === 0);
    expect(bus.subscriberCount).toBe(0);
    expect(panel).toBeUndefined();
  });
});
