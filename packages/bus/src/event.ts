import { describeValue } from '@mesh/signals/internal';
import type { EventMetadata, EventSpec, MetadataOf } from './events.js';
import { freezePayload } from './freeze.js';
import { levelOf, type Visibility } from './visibility.js';

/** A unique event id: a random per-tree prefix and a counter. */
export type EventId = string;

/** One published event, as handlers, streams and history see it: frozen, payload included. `Meta`: its metadata's declared shape. */
export interface Event<T = unknown, Meta = EventMetadata> {
  /** Unique id; kept when the event crosses to another bus (`ingest`). */
  readonly id: EventId;
  /** Its event type's name. */
  readonly type: string;
  /** The payload. */
  readonly data: T;
  /** When it was published, in ms since the epoch. */
  readonly timestamp: number;
  /** Position in the bus's (or the tree's) log: strictly increasing, from 1. 0 only while guards look at it, before it commits. */
  readonly seq: number;
  /** Who published it, if they said. */
  readonly source?: string;
  /** Free-form annotations, typically added by middleware. */
  readonly metadata: Meta;
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

/** An event of one of the types `K` of payload map `M` (default: any of its types), as a union discriminated by `type`. */
export type EventOf<M, K extends keyof M & string = keyof M & string> = { [T in K]: Event<M[T], MetadataOf<M>> & { readonly type: T } }[K];

/** The writable fields an event is built from. */
export type EventFields = { -readonly [K in keyof Event]: Event[K] };

/** Every field of an event, in the order every event object has them (one shape for the engine). */
export const EVENT_FIELDS = ['id', 'type', 'data', 'timestamp', 'seq', 'source', 'metadata', 'visibility', 'runId', 'lane', 'laneSeq', 'scope'] as const;

/** The fields that travel with an event to another bus: all but `seq`, which each receiving bus stamps. */
export const CROSSING_FIELDS = EVENT_FIELDS.filter((field) => field !== 'seq') as ReadonlyArray<Exclude<keyof Event, 'seq'>>;

/** An empty, frozen metadata object shared by events that have none. */
export const NO_METADATA: Readonly<Record<string, unknown>> = Object.freeze({});

/** What a publish says about the event beyond its type and payload (already checked). */
export interface FieldsInput {
  readonly source?: string | undefined;
  readonly metadata?: Readonly<Record<string, unknown>> | undefined;
  readonly visibility?: Visibility | undefined;
  readonly runId?: string | undefined;
  readonly lane?: string | undefined;
}

/**
 * The fields of a new event, `seq` 0 until it commits. `data` must already be
 * frozen; metadata is copied and frozen (checked like a payload: `maxDepth`, `where`).
 */
export function newFields(
  id: EventId,
  type: string,
  data: unknown,
  spec: EventSpec,
  scope: string | undefined,
  input: FieldsInput | undefined,
  maxDepth: number,
  where: string,
): EventFields {
  // This literal and plainFields' build the same shape (same keys, same order), so the hot path stays monomorphic.
  if (input === undefined) return plainFields(id, type, data, spec.visibility, scope, 0);
  return {
    id,
    type,
    data,
    timestamp: Date.now(),
    seq: 0,
    source: input.source,
    metadata: input.metadata === undefined ? NO_METADATA : copyMetadata(input.metadata, maxDepth, where, type),
    visibility: input.visibility ?? spec.visibility,
    runId: input.runId,
    lane: input.lane,
    laneSeq: undefined,
    scope,
  };
}

/** The fields of an event published without options (`data` already frozen), `seq` given. */
export function plainFields(id: EventId, type: string, data: unknown, visibility: Visibility, scope: string | undefined, seq: number): EventFields {
  return { id, type, data, timestamp: Date.now(), seq, source: undefined, metadata: NO_METADATA, visibility, runId: undefined, lane: undefined, laneSeq: undefined, scope };
}

/** A frozen event with every field present, stamping `seq`. Payload and metadata must already be frozen. */
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
 * Checks the shape of an event made elsewhere (another process, a transport)
 * and copies it into fields a bus can store: `TypeError` for a wrong shape;
 * `specOf` throws for a type the bus does not know.
 */
export function foreignFields(event: Event, where: string, specOf: (type: string) => EventSpec, maxDepth: number): EventFields {
  if (typeof event !== 'object' || event === null) throw new TypeError(`${where}: expected an event object, got ${describeValue(event)}`);
  const { id, type, data, timestamp, source, metadata, visibility, runId, lane, laneSeq, scope } = event;
  if (typeof id !== 'string' || id === '') throw new TypeError(`${where}: event.id must be a non-empty string, got ${describeValue(id)}`);
  if (typeof type !== 'string') throw new TypeError(`${where}: event.type must be a string, got ${describeValue(type)}`);
  const spec = specOf(type);
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
    throw new TypeError(`${where}: event.timestamp must be a finite number, got ${describeValue(timestamp)}`);
  }
  optionalString(source, 'source', where);
  optionalString(runId, 'runId', where);
  optionalString(lane, 'lane', where);
  optionalString(scope, 'scope', where);
  if (laneSeq !== undefined && !(Number.isInteger(laneSeq) && laneSeq >= 1)) {
    throw new TypeError(`${where}: event.laneSeq must be a positive integer, got ${describeValue(laneSeq)}`);
  }
  if (metadata !== undefined && (typeof metadata !== 'object' || metadata === null)) {
    throw new TypeError(`${where}: event.metadata must be an object, got ${describeValue(metadata)}`);
  }
  if (visibility !== undefined) levelOf(visibility, where);
  return {
    id,
    type,
    data: freezePayload(data, maxDepth, where, type, 'data'),
    timestamp,
    seq: 0,
    source,
    metadata: metadata === undefined ? NO_METADATA : copyMetadata(metadata, maxDepth, where, type),
    visibility: visibility ?? spec.visibility,
    runId,
    lane,
    laneSeq,
    scope,
  };
}

/** A `TypeError` naming `event.<name>` unless `value` is a string or absent. */
function optionalString(value: unknown, name: string, where: string): void {
  if (value !== undefined && typeof value !== 'string') throw new TypeError(`${where}: event.${name} must be a string, got ${describeValue(value)}`);
}

/**
 * A frozen copy of caller-supplied metadata (the shared {@link NO_METADATA}
 * when it has no keys). Keys are copied as data properties (a `__proto__`
 * key stays a key and never becomes a prototype).
 */
export function copyMetadata(metadata: Readonly<Record<string, unknown>>, maxDepth: number, where: string, type: string): Readonly<Record<string, unknown>> {
  const keys = Object.keys(metadata);
  if (keys.length === 0) return NO_METADATA;
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    Object.defineProperty(copy, key, { value: metadata[key], enumerable: true, writable: true, configurable: true });
  }
  return freezePayload(copy, maxDepth, where, type, 'metadata');
}
