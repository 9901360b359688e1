import { describe, expect, test } from 'vitest';
import { EventBus, UnknownEventTypeError, defineEvents, event } from '../src/index.js';

const Orders = defineEvents({
  ORDER_PLACED: event<{ id: string }>(),
  ORDER_CANCELLED: event<{ id: string }>(),
  ORDER_SHIPPED: event<{ id: string }>(),
});

/** The error a call throws (fails the test when it does not throw). */
function thrown(call: () => unknown): Error {
  try {
    call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('UnknownEventTypeError names the type, lists the known ones and suggests the nearest', () => {
  test('a typo: the type quoted, every known type listed, the nearest suggested', () => {
    const bus = new EventBus(Orders);
    const error = thrown(() => bus.publish('ORDER_CANCELED' as never, { id: 'A-1' } as never));
    expect(error).toBeInstanceOf(UnknownEventTypeError);
    expect(error.message).toBe(
      'EventBus.publish: unknown event type "ORDER_CANCELED" (this bus knows "ORDER_PLACED", "ORDER_CANCELLED", "ORDER_SHIPPED", "HANDLER_ERROR"); did you mean "ORDER_CANCELLED"?',
    );
    expect(bus.historySize).toBe(0);
  });

  test('a different case is a typo too', () => {
    const bus = new EventBus(Orders);
    expect(thrown(() => bus.subscribe('order_shipped' as never, () => {})).message).toMatch(/; did you mean "ORDER_SHIPPED"\?$/);
    expect(bus.subscriberCount).toBe(0);
  });

  test('a name far from every known one gets the list and no suggestion', () => {
    const bus = new EventBus(Orders);
    const { message } = thrown(() => bus.publish('PAYMENT_CAPTURED' as never, {} as never));
    expect(message).toBe('EventBus.publish: unknown event type "PAYMENT_CAPTURED" (this bus knows "ORDER_PLACED", "ORDER_CANCELLED", "ORDER_SHIPPED", "HANDLER_ERROR")');
  });

  test('a long registry is listed shortened, with the count of the rest; the suggestion still searches all of it', () => {
    const specs = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`STEP_${String(i).padStart(2, '0')}_DONE`, event<number>()]));
    const bus = new EventBus(defineEvents(specs));
    const { message } = thrown(() => bus.publish('STEP_27_DONES' as never, 1 as never));
    expect(message).toBe(
      'EventBus.publish: unknown event type "STEP_27_DONES" (this bus knows "STEP_00_DONE", "STEP_01_DONE", "STEP_02_DONE", "STEP_03_DONE", "STEP_04_DONE", "STEP_05_DONE", "STEP_06_DONE", "STEP_07_DONE" and 23 more); did you mean "STEP_27_DONE"?',
    );
  });

  test('a value that is not a string says what an event type is', () => {
    const bus = new EventBus(Orders);
    const error = thrown(() => bus.publish(42 as never, {} as never));
    expect(error).toBeInstanceOf(UnknownEventTypeError);
    expect(error.message).toBe('EventBus.publish: an event type is a type name (a string), got number 42');
  });

  test('filters, waitFor and streams say the same', async () => {
    const bus = new EventBus(Orders);
    expect(thrown(() => bus.history({ types: ['ORDER_PLACD' as never] })).message).toMatch(/^EventBus\.history: unknown event type "ORDER_PLACD" .*did you mean "ORDER_PLACED"\?$/);
    expect(thrown(() => bus.stream({ types: ['ORDER_SHIPED' as never] })).message).toMatch(/^EventBus\.stream: unknown event type "ORDER_SHIPED" .*did you mean "ORDER_SHIPPED"\?$/);
    expect(thrown(() => void bus.waitFor('ORDER_PLACE' as never)).message).toMatch(/did you mean "ORDER_PLACED"\?$/);
    expect(bus.subscriberCount).toBe(0);
  });
});
