import { EventBus, defineEvents, event } from '@mesh/bus';
import { ScopedEventBus } from '@mesh/scoped';
import { type EntryConflictError, type JsonPayloadsOnly, type NonJsonPayloads, type RedisErrorContext, connectRedis, type NonJsonPath, type RedisBridge } from '@mesh/redis';
import type { JsonArray, JsonObject, JsonValue } from '@mesh/redis';
import { expectTypeOf, test } from 'vitest';

const options = { url: 'redis://127.0.0.1:6379', stream: 's' } as const;

interface Order {
  readonly id: string;
  readonly lines: readonly { readonly sku: string; readonly qty: number }[];
  readonly note?: string;
  readonly meta: Record<string, string | number | null>;
}

test('rule 2 at compile time: a bus whose outgoing payloads are JSON values connects', () => {
  const EventType = defineEvents({ ORDER: event<Order>(), DONE: event({ terminal: true }), ANY: event<JsonValue>(), N: event<number>() });
  expectTypeOf(connectRedis(new EventBus(EventType), options)).toEqualTypeOf<Promise<RedisBridge>>();
  expectTypeOf(connectRedis(ScopedEventBus.root(EventType).bus, { ...options, group: 'g', types: ['ORDER', 'DONE'] })).toEqualTypeOf<Promise<RedisBridge>>();
});

test('rule 2 at compile time: a non-JSON outgoing payload does not compile', () => {
  const EventType = defineEvents({
    OK: event<{ id: string }>(),
    STAMPED: event<{ id: string; at: Date }>(),
    CALLBACK: event<{ done: () => void }>(),
    BIG: event<bigint>(),
  });
  const bus = new EventBus(EventType);
  // @ts-expect-error STAMPED.at is a Date, CALLBACK.done a function, BIG a bigint
  void connectRedis(bus, options);
  // @ts-expect-error naming a non-JSON type in `types` does not compile either
  void connectRedis(bus, { ...options, types: ['OK', 'BIG'] });
  // Leaving the non-JSON types out of `types` compiles: only outgoing payloads must be JSON.
  expectTypeOf(connectRedis(bus, { ...options, types: ['OK'] })).toEqualTypeOf<Promise<RedisBridge>>();
  // @ts-expect-error unknown type names are refused
  void connectRedis(bus, { ...options, types: ['NOPE'] });
});

test('JsonValue and JsonObject type payloads whose shape is open: they connect', () => {
  const EventType = defineEvents({
    AUDITED: event<{ details: JsonObject; meta?: JsonValue; tags: JsonArray }>(),
    RAW: event<JsonValue>(),
  });
  expectTypeOf(connectRedis(new EventBus(EventType), options)).toEqualTypeOf<Promise<RedisBridge>>();
  expectTypeOf<NonJsonPath<{ details: JsonObject; meta?: JsonValue }>>().toEqualTypeOf<never>();
});

test('unknown and Record<string, unknown> are refused, and the error names the event type and the path', () => {
  const EventType = defineEvents({ ORDER_PLACED: event<{ details: Record<string, unknown>; meta?: unknown }>(), OK: event<{ id: string }>() });
  // @ts-expect-error ORDER_PLACED's details and meta could hold anything
  void connectRedis(new EventBus(EventType), options);
  type Map = { ORDER_PLACED: { details: Record<string, unknown>; meta?: unknown }; OK: { id: string }; LIST: unknown[] };
  expectTypeOf<NonJsonPayloads<Map, 'ORDER_PLACED'>>().toEqualTypeOf<'ORDER_PLACED: data.details[string key] is not JSON' | 'ORDER_PLACED: data.meta is not JSON'>();
  expectTypeOf<NonJsonPayloads<Map, 'OK'>>().toEqualTypeOf<never>();
  expectTypeOf<NonJsonPayloads<Map, 'LIST'>>().toEqualTypeOf<'LIST: data[] is not JSON'>();
  // What connectRedis asks of its options: a property whose name says how to fix it, whose type names the event.
  expectTypeOf<keyof JsonPayloadsOnly<Map, 'ORDER_PLACED'>>().toEqualTypeOf<'outgoing payloads must be JSON values (type them with JsonValue, JsonObject, JsonArray from @mesh/redis)'>();
  expectTypeOf<JsonPayloadsOnly<Map, 'OK'>>().toEqualTypeOf<unknown>();
});

test('NonJsonPath names where a payload type stops being JSON', () => {
  expectTypeOf<NonJsonPath<Order>>().toEqualTypeOf<never>();
  expectTypeOf<NonJsonPath<{ a: { at: Date } }>>().toEqualTypeOf<'a.at'>();
  expectTypeOf<NonJsonPath<{ list: (() => void)[] }>>().toEqualTypeOf<'list[]'>();
  expectTypeOf<NonJsonPath<{ holes: (string | undefined)[] }>>().toEqualTypeOf<'holes[]'>();
  expectTypeOf<NonJsonPath<symbol>>().toEqualTypeOf<''>();
  expectTypeOf<NonJsonPath<void>>().toEqualTypeOf<never>();
});

test('the bridge: counters and close', () => {
  expectTypeOf<RedisBridge['published']>().toEqualTypeOf<number>();
  expectTypeOf<RedisBridge['received']>().toEqualTypeOf<number>();
  expectTypeOf<RedisBridge['close']>().returns.toEqualTypeOf<Promise<void>>();
  expectTypeOf<RedisBridge>().toMatchTypeOf<AsyncDisposable>();
});

test('rule 5: a conflict names the event id and both entries; onError gets the entry id or the event', () => {
  expectTypeOf<EntryConflictError['eventId']>().toEqualTypeOf<string>();
  expectTypeOf<EntryConflictError['deliveredEntryId']>().toEqualTypeOf<string>();
  expectTypeOf<EntryConflictError['entryId']>().toEqualTypeOf<string | undefined>();
  expectTypeOf<RedisErrorContext>().toEqualTypeOf<{ readonly entryId?: string; readonly event?: import('@mesh/bus').Event }>();
});
