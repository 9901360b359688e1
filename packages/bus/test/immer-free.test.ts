import { beforeEach, describe, expect, test, vi } from 'vitest';

const calls = vi.hoisted(() => ({ createDraft: 0 }));
vi.mock('immer', async (importOriginal) => {
  const immer = await importOriginal<typeof import('immer')>();
  return {
    ...immer,
    createDraft: (...args: Parameters<typeof immer.createDraft>) => {
      calls.createDraft++;
      return immer.createDraft(...args);
    },
  };
});

const { EventType, makeBus } = await import('./fixtures.js');

describe('immer is only used by middleware', () => {
  beforeEach(() => {
    calls.createDraft = 0;
  });

  test('publish with no middleware makes no draft', () => {
    const { bus } = makeBus();
    bus.subscribe(EventType.ORDER_PLACED, () => {});
    bus.addGuard(() => undefined);
    for (let i = 0; i < 100; i++) bus.publish(EventType.ORDER_PLACED, { id: `o${i}`, total: i });
    expect(bus.historySize).toBe(100);
    expect(calls.createDraft).toBe(0);
  });

  test('each middleware gets one draft per event', () => {
    const { bus } = makeBus();
    const remove = bus.addMiddleware(() => {});
    bus.addMiddleware(() => {});
    for (let i = 0; i < 10; i++) bus.publish(EventType.TRACE, i);
    expect(calls.createDraft).toBe(20);
    remove();
    bus.publish(EventType.TRACE, 11);
    expect(calls.createDraft).toBe(21);
  });
});
