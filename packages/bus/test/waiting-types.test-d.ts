import { describe, expectTypeOf, test } from 'vitest';
import { EventBus, defineEvents, event, eventMetadata, type Event, type EventStream, type HandlerErrorPayload, type MetadataOf, type EventMapOf } from '../src/index.js';

const Shop = defineEvents({
  ORDER_PLACED: event<{ id: string; total: number }>(),
  ORDER_SHIPPED: event<{ id: string; carrier: string }>(),
  PING: event(),
});

/** A registry whose events declare their metadata: what the enrichment middleware writes. */
const Traced = defineEvents(
  { ORDER_PLACED: event<{ id: string }>(), PING: event() },
  { metadata: eventMetadata<{ correlationId: string; tenant?: string }>() },
);

describe('types of waitFor, narrowing and typed metadata', () => {
  test('waitFor resolves with the event of its type, type literal included', async () => {
    const bus = new EventBus(Shop);
    const placed = await bus.waitFor('ORDER_PLACED', { filter: (event) => event.data.total > 10, timeout: 1000 });
    expectTypeOf(placed.type).toEqualTypeOf<'ORDER_PLACED'>();
    expectTypeOf(placed.data).toEqualTypeOf<{ id: string; total: number }>();
    // @ts-expect-error not an event type of the registry
    void bus.waitFor('ORDER_CANCELLED');
    // @ts-expect-error the filter sees this type's payload
    void bus.waitFor('ORDER_SHIPPED', { filter: (event) => event.data.total > 1 });
  });

  test('stream({ types }) yields exactly those types, discriminated by type', async () => {
    const bus = new EventBus(Shop);
    const stream = bus.stream({ types: ['ORDER_PLACED', 'ORDER_SHIPPED'] });
    expectTypeOf(stream).toEqualTypeOf<EventStream<(Event<{ id: string; total: number }> & { readonly type: 'ORDER_PLACED' }) | (Event<{ id: string; carrier: string }> & { readonly type: 'ORDER_SHIPPED' })>>();
    for await (const event of stream) {
      if (event.type === 'ORDER_SHIPPED') expectTypeOf(event.data.carrier).toEqualTypeOf<string>();
      else expectTypeOf(event.data.total).toEqualTypeOf<number>();
    }
    // without types: every payload of the map, HANDLER_ERROR's included
    for await (const event of bus.stream()) {
      if (event.type === 'HANDLER_ERROR') expectTypeOf(event.data).toEqualTypeOf<HandlerErrorPayload>();
    }
    // @ts-expect-error not an event type of the registry
    bus.stream({ types: ['ORDER_CANCELLED'] });
    expectTypeOf(bus.history({ types: ['PING'] })[0]!.type).toEqualTypeOf<'PING'>();
    expectTypeOf(bus.replay({ types: ['ORDER_SHIPPED'] })[0]!.data.carrier).toEqualTypeOf<string>();
  });

  test("in subscribe(type, h), h's event.type is the literal type", () => {
    const bus = new EventBus(Shop);
    bus.subscribe('ORDER_SHIPPED', (event) => {
      expectTypeOf(event.type).toEqualTypeOf<'ORDER_SHIPPED'>();
    });
  });

  test('declared metadata is typed in middleware drafts, handlers, waits and publish options', async () => {
    const bus = new EventBus(Traced);
    expectTypeOf<MetadataOf<EventMapOf<typeof Traced>>>().toEqualTypeOf<Readonly<{ correlationId: string; tenant?: string }>>();
    bus.addMiddleware((draft) => {
      draft.metadata.correlationId = 'c-1';
      // @ts-expect-error the declared shape has no such key
      draft.metadata.corelationId = 'typo';
      // @ts-expect-error correlationId is a string
      draft.metadata.correlationId = 42;
    });
    bus.subscribe('ORDER_PLACED', (event) => {
      expectTypeOf(event.metadata.correlationId).toEqualTypeOf<string>();
      expectTypeOf(event.metadata.tenant).toEqualTypeOf<string | undefined>();
    });
    bus.subscribeAll((event) => expectTypeOf(event.metadata.correlationId).toEqualTypeOf<string>());
    expectTypeOf((await bus.waitFor('PING')).metadata.correlationId).toEqualTypeOf<string>();
    bus.publish('PING', undefined, { metadata: { tenant: 'acme' } }); // any part of the shape: the middleware sets the rest
    // @ts-expect-error not a key of the declared shape
    bus.publish('PING', undefined, { metadata: { tenantId: 'acme' } });
    // @ts-expect-error tenant is a string
    bus.publish('ORDER_PLACED', { id: '1' }, { metadata: { tenant: 1 } });
  });

  test('without a declared shape, metadata is any annotations', () => {
    const bus = new EventBus(Shop);
    bus.subscribe('PING', (event) => expectTypeOf(event.metadata).toEqualTypeOf<Readonly<Record<string, unknown>>>());
    bus.publish('PING', undefined, { metadata: { anything: 1 } });
  });
});
