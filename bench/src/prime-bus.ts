/**
 * The bus scenarios' primer (see prime.ts): @mesh/bus, @mesh/scoped, immer,
 * emittery and the bus floors driven with other event types, payload shapes,
 * subscriber counts, publish options, guards, middleware, streams, scoped
 * trees and history sizes, so the bus scenarios time app-like, not
 * specialised, code.
 */
import { EventBus, defineEvents, event, type PublishOptions } from '@mesh/bus';
import { ScopedEventBus } from '@mesh/scoped';
import Emittery from 'emittery';
import { produce } from 'immer';
import { AsyncQueue, publishFloor, type FloorEvent } from './bus-floors.js';
import type { AnyListener } from './peers.js';
import { primeListeners, primeReps } from './prime.js';
import { keep } from './receivers.js';

const PRIME_EVENTS = defineEvents({
  PRIME_A: event<unknown>(),
  PRIME_B: event<unknown>({ terminal: true }),
  PRIME_C: event<unknown>({ visibility: 'internal' }),
});
const TYPES = ['PRIME_A', 'PRIME_B', 'PRIME_C'] as const;
const COUNTS = [0, 1, 2, 5] as const;

/**
 * A new payload of the `k`-th of eight shapes. The bus deep-freezes what it
 * publishes, so each publish gets its own value rather than one of
 * prime.ts's shared shapes.
 */
function freshShape(k: number): unknown {
  switch (k % 8) {
    case 0:
      return k;
    case 1:
      return 'text';
    case 2:
      return { n: k };
    case 3:
      return { n: 2, m: k };
    case 4:
      return { id: 'a', n: k, tags: [] };
    case 5:
      return [1, 2, k];
    case 6:
      return undefined;
    default:
      return null;
  }
}

/** `listeners` as handlers of event objects (bus, floor): each gets the event's payload. */
function handlersOf(listeners: readonly AnyListener[]): Array<(event: { readonly data: unknown }) => void> {
  return listeners.map((fn) => (event) => fn(event.data));
}

/** Publishes `reps` events of every type and shape on `publish`, every fourth with options. */
function drive(reps: number, publish: (type: (typeof TYPES)[number], data: unknown, options?: PublishOptions) => unknown): void {
  for (let k = 0; k < reps; k++) {
    const type = TYPES[k % TYPES.length]!;
    if (k % 4 === 3) publish(type, freshShape(k), { source: 'prime', runId: `run-${k % 3}`, lane: 'main', metadata: { k } });
    else publish(type, freshShape(k));
  }
}

/** Plain buses: subscriber counts, history sizes, `subscribeAll`, subscribe options, a throwing handler. */
function primeBuses(reps: number): void {
  const limits = [0, 10, 1000];
  COUNTS.forEach((count, i) => {
    const bus = new EventBus(PRIME_EVENTS, { historyLimit: limits[i % limits.length]!, onError: keep });
    const handlers = handlersOf(primeListeners(count));
    handlers.forEach((handler, j) => bus.subscribe(TYPES[j % TYPES.length]!, handler));
    if (count === 2) bus.subscribeAll(handlersOf(primeListeners(1))[0]!);
    if (count === 5) {
      bus.subscribe('PRIME_A', handlersOf(primeListeners(1))[0]!, { filter: (e) => e.seq % 2 === 0, visibility: 'public' });
      bus.subscribe('PRIME_C', () => {
        throw new Error('prime');
      });
    }
    drive(reps, (type, data, options) => bus.publish(type, data, options));
    keep(bus.history({ limit: 5 }));
  });
}

/** Buses with guards and immer middleware (reading, changing metadata), and with a stream that fills and drops. */
function primePipeline(reps: number): void {
  const guarded = new EventBus(PRIME_EVENTS, { onError: keep });
  for (const handler of handlersOf(primeListeners(2))) guarded.subscribe('PRIME_A', handler);
  guarded.addGuard((e) => (e.type === 'PRIME_D' ? 'no' : undefined));
  guarded.addGuard((e) => (e.source === 'blocked' ? 'blocked' : undefined));
  drive(reps, (type, data, options) => guarded.publish(type, data, options));

  for (const links of [1, 2, 3]) {
    const bus = new EventBus(PRIME_EVENTS, { onError: keep });
    for (const handler of handlersOf(primeListeners(links))) bus.subscribe('PRIME_B', handler);
    bus.addMiddleware((draft) => void draft.metadata['x']);
    if (links > 1) bus.addMiddleware((draft) => void (draft.metadata['seen'] = true));
    if (links > 2) bus.addMiddleware((draft) => void draft.data);
    drive(reps, (type, data, options) => bus.publish(type, data, options));
  }

  const streamed = new EventBus(PRIME_EVENTS, { onError: keep });
  const stream = streamed.stream({}, { bufferSize: 100 });
  drive(reps, (type, data, options) => streamed.publish(type, data, options));
  keep(stream.dropped);
  stream.close();
}

/** Scoped trees two and four levels deep, subscribers at the root and in the middle, publishing on every level. */
function primeScoped(reps: number): void {
  for (const depth of [2, 4]) {
    const root = ScopedEventBus.root(PRIME_EVENTS, { onError: keep });
    const levels = [root];
    for (let level = 1; level <= depth; level++) levels.push(levels[level - 1]!.child(`level-${level}`));
    for (const handler of handlersOf(primeListeners(2))) root.subscribe('PRIME_A', handler);
    levels[1]!.subscribe('PRIME_B', handlersOf(primeListeners(1))[0]!, { scope: 'local' });
    levels.forEach((bus) => drive(reps, (type, data, options) => bus.publish(type, data, options)));
    root.dispose();
  }
}

/** The bus floors and immer's `produce`, with other handlers, ring sizes and payloads. */
function primeBusFloors(reps: number): void {
  const queue = new AsyncQueue<Readonly<FloorEvent>>();
  const floors = [
    publishFloor(10, handlersOf(primeListeners(1))[0]!),
    publishFloor(1000, handlersOf(primeListeners(2))[1]!, 1),
    publishFloor(100, handlersOf(primeListeners(3))[2]!, 2),
    publishFloor(1000, (e) => queue.push(e)),
  ];
  for (let k = 0; k < reps; k++) {
    const publish = floors[k % floors.length]!;
    publish(TYPES[k % TYPES.length]!, { n: k });
    const base = { id: k, shape: freshShape(k), tags: ['a'] };
    keep(produce(base, (draft) => (k % 2 === 0 ? void draft.shape : void (draft.id = k + 1))));
  }
  keep(queue);
}

/** emittery with other listener counts and payloads; its emits are not awaited and finish before the first measurement. */
function primeEmittery(reps: number): void {
  for (const count of COUNTS) {
    const emitter = new Emittery<{ a: unknown }>();
    for (const fn of primeListeners(count)) emitter.on('a', (e) => fn(e.data));
    for (let k = 0; k < reps / 4; k++) void emitter.emit('a', freshShape(k));
  }
}

/**
 * Primes everything the bus scenarios use beyond prime.ts's `primeAll`: their
 * `Scenario.prime`. Publishes about a third as many times per bus as
 * `primeAll` emits per signal (every type, shape and option still comes up).
 */
export function primeBus(quick: boolean): void {
  const reps = Math.round(primeReps(quick) / 3);
  primeBuses(reps);
  primePipeline(reps);
  primeScoped(reps);
  primeBusFloors(reps);
  primeEmittery(reps);
}
