/**
 * The bus floors: the least work a publish with history needs, with no bus.
 * The payload frozen all the way down (bus rule 5), a fresh frozen event with the twelve fields of a @mesh/bus event (the id a
 * prefix plus a counter), appended to a ring array with index wrap, and one
 * handler call inside try/catch. The immer floor adds one `produce` per
 * middleware; the queue floor hands each event to an async reader.
 */
import type { Visibility } from '@mesh/bus';
import { produce, type Draft } from 'immer';
import { FROZEN_PAYLOAD, TICK } from './bus-events.js';
import type { Body, Candidate } from './harness/types.js';
import { eventHandlers, keep, type Payload } from './receivers.js';

/** The event the floors build: the fields of a @mesh/bus event, in the bus's order. */
export interface FloorEvent {
  id: string;
  type: string;
  data: Payload;
  timestamp: number;
  seq: number;
  source: string | undefined;
  metadata: Readonly<Record<string, unknown>>;
  visibility: Visibility;
  runId: string | undefined;
  lane: string | undefined;
  laneSeq: number | undefined;
  scope: string | undefined;
}

/** Publishes one event: builds it, stores it, calls the handler; returns its id. */
export type FloorPublish = (type: string, data: Payload) => string;

/** A handler of floor events. */
export type FloorHandler = (event: Readonly<FloorEvent>) => void;

const NO_METADATA: Readonly<Record<string, unknown>> = Object.freeze({});

/** A random prefix as long as the bus's (18 hex digits and a dash), so ids cost the same to build. */
function idPrefix(): string {
  let text = '';
  for (const byte of crypto.getRandomValues(new Uint8Array(9))) text += byte.toString(16).padStart(2, '0');
  return `${text}-`;
}

/** Payloads already frozen all the way down by {@link freezePayload}. */
const deeplyFrozen = new WeakSet<object>();

/**
 * Freezes a payload all the way down, as bus rule 5 demands (also inside a
 * payload the caller froze only at its top): every plain object and array
 * under it, string and symbol keys, once per payload object.
 */
function freezePayload<T>(value: T): T {
  if (typeof value !== 'object' || value === null || deeplyFrozen.has(value)) return value;
  deeplyFrozen.add(value);
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value)) freezePayload((value as Record<PropertyKey, unknown>)[key]);
  return value;
}

/** A fresh, unfrozen event. */
function newEvent(id: string, seq: number, type: string, data: Payload): FloorEvent {
  return {
    id,
    type,
    data,
    timestamp: Date.now(),
    seq,
    source: undefined,
    metadata: NO_METADATA,
    visibility: 'public',
    runId: undefined,
    lane: undefined,
    laneSeq: undefined,
    scope: undefined,
  };
}

/** Reads the draft's payload, as a middleware that looks at its event does. */
function readData(draft: Draft<FloorEvent>): void {
  void draft.data;
}

/**
 * The publish floor: a ring of `limit` events and one handler. With
 * `produces`, each event first passes that many immer `produce` calls that
 * read its payload (the publish + immer floor).
 */
export function publishFloor(limit: number, handler: FloorHandler, produces = 0): FloorPublish {
  const prefix = idPrefix();
  const ring = new Array<Readonly<FloorEvent> | undefined>(limit).fill(undefined);
  let counter = 0;
  let at = 0;
  return (type, data) => {
    counter++;
    let event = newEvent(prefix + counter, counter, type, freezePayload(data));
    for (let i = 0; i < produces; i++) event = produce(event, readData);
    const frozen = Object.freeze(event);
    ring[at] = frozen;
    at = at + 1 === limit ? 0 : at + 1;
    try {
      handler(frozen);
    } catch (error) {
      keep(error);
    }
    return frozen.id;
  };
}

/**
 * A floor candidate publishing {@link FROZEN_PAYLOAD} to one handler through
 * {@link publishFloor} (a ring of `limit` events, `produces` immer passes per
 * event), after `fill` untimed publishes that fill the ring.
 */
export function publishFloorCandidate(name: string, limit: number, produces = 0, fill = 0): Candidate {
  return {
    name,
    role: 'floor',
    setup(): Body {
      const publish = publishFloor(limit, eventHandlers(1)[0]!, produces);
      for (let k = 0; k < fill; k++) publish(TICK, FROZEN_PAYLOAD);
      return (n) => {
        for (let k = 0; k < n; k++) publish(TICK, FROZEN_PAYLOAD);
      };
    },
  };
}

/**
 * The stream floor's queue: an unbounded FIFO read by one `for await`
 * reader, which a push resolves directly when it is waiting. The least a
 * stream needs: no filter, no bound, no drops.
 */
export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  #items: T[] = [];
  #head = 0;
  #waiting: ((result: IteratorResult<T, undefined>) => void) | undefined = undefined;

  /** Hands `item` to the waiting reader, or queues it. */
  push(item: T): void {
    const reader = this.#waiting;
    if (reader === undefined) {
      this.#items.push(item);
      return;
    }
    this.#waiting = undefined;
    reader({ done: false, value: item });
  }

  /** The next item; waits for one when none is queued. */
  next(): Promise<IteratorResult<T, undefined>> {
    if (this.#head === this.#items.length) return new Promise((resolve) => (this.#waiting = resolve));
    const value = this.#items[this.#head++]!;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    }
    return Promise.resolve({ done: false, value });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
