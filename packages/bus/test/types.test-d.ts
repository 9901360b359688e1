import { describe, expectTypeOf, test } from 'vitest';
import { EventBus, defineEvents, event, type Event, type HandlerErrorPayload, type PayloadOf } from '../src/index.js';

const EventType = defineEvents({
  ORDER_PLACED: event<{ id: string; total: number }>(),
  PING: event(),
});

describe('types of @mesh/bus', () => {
  test('EventType.X is the literal string X', () => {
    expectTypeOf(EventType.ORDER_PLACED).toEqualTypeOf<'ORDER_PLACED'>();
    expectTypeOf(EventType.HANDLER_ERROR).toEqualTypeOf<'HANDLER_ERROR'>();
    expectTypeOf<PayloadOf<typeof EventType, 'ORDER_PLACED'>>().toEqualTypeOf<{ id: string; total: number }>();
  });

  test("a handler's event.data is inferred from the type", () => {
    const bus = new EventBus(EventType);
    bus.subscribe(EventType.ORDER_PLACED, (event) => {
      expectTypeOf(event).toEqualTypeOf<Event<{ id: string; total: number }> & { readonly type: 'ORDER_PLACED' }>();
      expectTypeOf(event.data.total).toEqualTypeOf<number>();
    });
    bus.subscribe(EventType.HANDLER_ERROR, (event) => {
      expectTypeOf(event.data).toEqualTypeOf<HandlerErrorPayload>();
    });
    bus.subscribe('PING', (event) => expectTypeOf(event.data).toEqualTypeOf<void>());
  });

  test('a wrong payload does not compile', () => {
    const bus = new EventBus(EventType);
    bus.publish(EventType.ORDER_PLACED, { id: 'a', total: 1 });
    // @ts-expect-error total must be a number
    bus.publish(EventType.ORDER_PLACED, { id: 'a', total: '1' });
    // @ts-expect-error id is missing
    bus.publish(EventType.ORDER_PLACED, { total: 1 });
    // @ts-expect-error publishAsync checks payloads too
    void bus.publishAsync(EventType.ORDER_PLACED, 'nope');
    bus.publish(EventType.PING);
  });

  test('an unknown type name does not compile', () => {
    const bus = new EventBus(EventType);
    // @ts-expect-error not in the registry
    bus.publish('ORDER_CANCELLED', {});
    // @ts-expect-error not in the registry
    bus.subscribe('ORDER_CANCELLED', () => {});
    // @ts-expect-error EventType has no such key
    void EventType.ORDER_CANCELLED;
  });

  test('epoch is a read-only string', () => {
    const bus = new EventBus(EventType);
    expectTypeOf(bus.epoch).toEqualTypeOf<string>();
    // @ts-expect-error epoch is read-only
    bus.epoch = 'x';
  });

  test('a handler that expects another payload does not compile', () => {
    const bus = new EventBus(EventType);
    // @ts-expect-error the handler wants a string payload
    bus.subscribe(EventType.ORDER_PLACED, (event: Event<string>) => event.data.length);
  });

  test('schemas give the payload type', async () => {
    const { z } = await import('zod');
    const Typed = defineEvents({ USER: event({ schema: z.object({ name: z.string() }) }) });
    const bus = new EventBus(Typed);
    bus.subscribe(Typed.USER, (event) => expectTypeOf(event.data).toEqualTypeOf<{ name: string }>());
    // @ts-expect-error name must be a string
    bus.publish(Typed.USER, { name: 1 });
  });

  test('middleware drafts narrow by type', () => {
    const bus = new EventBus(EventType);
    bus.addMiddleware((draft) => {
      if (draft.type === 'ORDER_PLACED') {
        expectTypeOf(draft.data.total).toEqualTypeOf<number>();
        draft.data.total += 1;
      }
      draft.metadata.iso = new Date(draft.timestamp).toISOString();
    });
  });
});
