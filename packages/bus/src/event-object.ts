import type { Visibility } from './visibility.js';

/** A unique event id: a random per-bus prefix and a counter. */
export type EventId = string;

/** One published event, as handlers, streams and history see it: frozen, payload included. */
export interface Event<T = unknown> {
  /** Unique id; kept when the event crosses to another bus (`ingest`). */
  readonly id: EventId;
  /** Its event type's name. */
  readonly type: string;
  /** The payload. */
  readonly data: T;
  /** When it was published, in ms since the epoch. */
  readonly timestamp: number;
  /** Position in the bus's log: strictly increasing, from 1. 0 only while guards look at it, before it commits. */
  readonly seq: number;
  /** Who published it, if they said. */
  readonly source?: string;
  /** Free-form annotations, typically added by middleware. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Who may see it. */
  readonly visibility: Visibility;
  /** The run it belongs to. */
  readonly runId?: string;
  /** The lane of the run it belongs to. */
  readonly lane?: string;
  /** Position within its (runId, lane), from 1. */
  readonly laneSeq?: number;
  /** Origin path, set by scoped buses. */
  readonly scope?: string;
}

/** Any event of payload map `M`, as a union discriminated by `type`. */
export type EventOf<M> = { [K in keyof M & string]: Event<M[K]> & { readonly type: K } }[keyof M & string];

/** The writable fields an event is built from. */
export type EventFields = { -readonly [K in keyof Event]: Event[K] };

/** An empty, frozen metadata object shared by events that have none. */
export const NO_METADATA: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * Builds a frozen event with a fixed shape (every field present), stamping
 * `seq`. Payload and metadata must already be frozen.
 */
export function sealEvent(fields: Readonly<EventFields>, seq: number): Event {
  return Object.freeze({
    id: fields.id,
    type: fields.type,
    data: fields.data,
    timestamp: fields.timestamp,
    seq,
    source: fields.source,
    metadata: fields.metadata,
    visibility: fields.visibility,
    runId: fields.runId,
    lane: fields.lane,
    laneSeq: fields.laneSeq,
    scope: fields.scope,
  });
}

/**
 * Freezes plain objects and arrays, deeply, in place; returns the value.
 * Already-frozen objects are taken as they are (so cycles end), and other
 * objects (class instances, Maps, typed arrays) are left alone.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    Object.freeze(value);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object' && item !== null) deepFreeze(item);
    }
    return value;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  Object.freeze(value);
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const item: unknown = (value as Record<string, unknown>)[keys[i]!];
    if (typeof item === 'object' && item !== null) deepFreeze(item);
  }
  return value;
}

/**
 * A frozen copy of caller-supplied metadata. Keys are copied as data
 * properties (a `__proto__` key stays a key and never becomes a prototype).
 */
export function copyMetadata(metadata: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(metadata)) {
    Object.defineProperty(copy, key, { value: metadata[key], enumerable: true, writable: true, configurable: true });
  }
  return deepFreeze(copy);
}
