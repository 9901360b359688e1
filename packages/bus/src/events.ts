import type { StandardSchemaV1 } from '@standard-schema/spec';
import { describeValue } from '@mesh/signals/internal';
import { levelOf, type Visibility } from './visibility.js';

/** Phantom key carrying a spec's payload type (it never exists at run time). */
declare const PAYLOAD: unique symbol;
/** Phantom key carrying a registry's payload map (it never exists at run time). */
declare const EVENT_MAP: unique symbol;
/** Phantom key of a payload map carrying the metadata shape its events declare (never at run time; not a `string` key, so never an event type). */
declare const METADATA: unique symbol;

/** The metadata of an event whose registry declares no shape: any annotations. */
export type EventMetadata = Readonly<Record<string, unknown>>;

/** A declared metadata shape, made by {@link eventMetadata} and given to `defineEvents`. */
export interface MetadataSpec<T extends object> {
  /** @hidden */
  readonly [METADATA]?: T;
}

/** The metadata shape a payload map's events carry ({@link EventMetadata} when it declares none). */
export type MetadataOf<M> = 0 extends 1 & M ? EventMetadata : M extends { readonly [METADATA]: infer X extends EventMetadata } ? Readonly<X> : EventMetadata;

/** The definition of one event type: made by {@link event}, collected by {@link defineEvents}. */
export interface EventSpec<T = unknown> {
  /** Optional runtime validation of the payload (any Standard Schema: zod, valibot, arktype…). */
  readonly schema: StandardSchemaV1<T> | undefined;
  /** Terminal events are never dropped by streams, and end run streams. */
  readonly terminal: boolean;
  /** Default visibility of events of this type. */
  readonly visibility: Visibility;
  /** What the event means. */
  readonly doc: string | undefined;
  /** @hidden */
  readonly [PAYLOAD]?: T;
}

/**
 * What `defineEvents` accepts for each name: any spec made by {@link event}.
 * (Deliberately not generic, so `event()` infers its payload type on its own.)
 */
export type AnyEventSpec = Pick<EventSpec, 'terminal' | 'visibility' | 'doc'>;

/** The payload of `HANDLER_ERROR`, published when a handler throws or rejects. */
export interface HandlerErrorPayload {
  /** Id of the event whose handler failed. */
  readonly eventId: string;
  /** Type of the event whose handler failed. */
  readonly eventType: string;
  /** The error, reduced to what can travel as JSON. */
  readonly error: { readonly name: string; readonly message: string };
}

/** The name of the built-in event every registry holds. */
export const HANDLER_ERROR = 'HANDLER_ERROR';

/** The payload map of a set of specs, plus `HANDLER_ERROR`, and the metadata shape their events carry. */
export type PayloadMap<D, Meta extends object = EventMetadata> = {
  [K in keyof D | typeof HANDLER_ERROR]: K extends keyof D ? (D[K] extends EventSpec<infer T> ? T : never) : HandlerErrorPayload;
} & { readonly [METADATA]: Meta };

/**
 * An EventType registry: `EventType.X === 'X'` at run time (a plain string,
 * usable as a JSON value), while the registry's type carries every payload
 * type, so a bus made from it checks types and payloads at compile time.
 */
export type EventTypes<M> = { readonly [K in keyof M & string]: K } & { readonly [EVENT_MAP]?: M };

/** The payload map of a registry: `EventBus<EventMapOf<typeof EventType>>` names a bus's type. */
export type EventMapOf<R> = R extends EventTypes<infer M> ? M : never;

/** The payload type of event type `K` of a registry. */
export type PayloadOf<R, K extends string> = R extends EventTypes<infer M> ? (K extends keyof M ? M[K] : never) : never;

/** The specs behind each registry, kept off the registry object so it holds only names. */
const specsByRegistry = new WeakMap<object, ReadonlyMap<string, EventSpec>>();
/** Every spec made by {@link event}, to recognise them. */
const madeSpecs = new WeakSet<object>();

/**
 * Defines one event type carrying payload `T`.
 *
 * ```ts
 * const EventType = defineEvents({ ORDER_PLACED: event<{ id: string }>(), RUN_DONE: event({ terminal: true }) });
 * ```
 */
export function event<T = void>(
  options: { schema?: StandardSchemaV1<T>; terminal?: boolean; visibility?: Visibility; doc?: string } = {},
): EventSpec<T> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`event: options must be an object, got ${describeValue(options)}`);
  }
  const { schema, terminal = false, visibility = 'public', doc } = options;
  if (schema !== undefined && typeof (schema as Partial<StandardSchemaV1>)['~standard']?.validate !== 'function') {
    throw new TypeError(`event: schema must be a Standard Schema (with ~standard.validate), got ${describeValue(schema)}`);
  }
  if (typeof terminal !== 'boolean') throw new TypeError(`event: terminal must be a boolean, got ${describeValue(terminal)}`);
  levelOf(visibility, 'event');
  if (doc !== undefined && typeof doc !== 'string') throw new TypeError(`event: doc must be a string, got ${describeValue(doc)}`);
  const spec: EventSpec<T> = Object.freeze({ schema, terminal, visibility, doc });
  madeSpecs.add(spec);
  return spec;
}

/** The one marker every {@link eventMetadata} returns: the shape is a compile-time declaration. */
const METADATA_SPEC: MetadataSpec<object> = Object.freeze({});

/**
 * Declares what `event.metadata` holds on a registry's events, so
 * middleware that writes it, handlers that read it and `publish` options
 * agree at compile time:
 *
 * ```ts
 * const EventType = defineEvents({ ORDER_PLACED: event<{ id: string }>() }, { metadata: eventMetadata<{ correlationId: string }>() });
 * ```
 *
 * Declare as required what your middleware always sets: `publish` accepts
 * any part of the shape. The shape is a type literal (`type Meta = {…}`),
 * which has the index signature an `interface` lacks.
 */
export function eventMetadata<T extends EventMetadata>(): MetadataSpec<T> {
  return METADATA_SPEC as MetadataSpec<T>;
}

const HANDLER_ERROR_SPEC = event<HandlerErrorPayload>({
  visibility: 'internal',
  doc: 'A handler threw or rejected; published by the bus with the failed event id and the error.',
});

/**
 * Builds an EventType registry from specs. The registry maps each name to
 * itself, and always holds `HANDLER_ERROR`. Names are ordinary strings:
 * `__proto__` or `constructor` are names like any other.
 */
export function defineEvents<const D extends Record<string, AnyEventSpec>, Meta extends object = EventMetadata>(
  defs: D,
  options: { metadata?: MetadataSpec<Meta> } = {},
): EventTypes<PayloadMap<D, Meta>> {
  if (typeof defs !== 'object' || defs === null || Array.isArray(defs)) {
    throw new TypeError(`defineEvents: expected an object of event() specs, got ${describeValue(defs)}`);
  }
  if (typeof options !== 'object' || options === null || (options.metadata !== undefined && options.metadata !== METADATA_SPEC)) {
    throw new TypeError(`defineEvents: options must be { metadata?: eventMetadata<Shape>() }, got ${describeValue(options)}`);
  }
  const specs = new Map<string, EventSpec>();
  for (const name of Object.keys(defs)) {
    const spec = (defs as Record<string, unknown>)[name];
    if (name === '') throw new TypeError('defineEvents: an event name must be a non-empty string');
    // Names travel in SSE fields, Redis entries and log lines: a control character (CR, LF, NUL…) could forge a field there.
    if (/[\u0000-\u001f\u007f]/.test(name)) throw new TypeError(`defineEvents: the event name ${JSON.stringify(name)} holds a control character (CR, LF, NUL…), which no event type name may`);
    if (name === HANDLER_ERROR) throw new TypeError(`defineEvents: ${HANDLER_ERROR} is built in and cannot be redefined`);
    if (typeof spec !== 'object' || spec === null || !madeSpecs.has(spec)) {
      throw new TypeError(`defineEvents: ${JSON.stringify(name)} must be made with event(), got ${describeValue(spec)}`);
    }
    specs.set(name, spec as EventSpec);
  }
  specs.set(HANDLER_ERROR, HANDLER_ERROR_SPEC);
  const registry: Record<string, string> = Object.create(null);
  for (const name of specs.keys()) Object.defineProperty(registry, name, { value: name, enumerable: true });
  Object.freeze(registry);
  specsByRegistry.set(registry, specs);
  return registry as EventTypes<PayloadMap<D, Meta>>;
}

/** The specs of a registry made by {@link defineEvents}; a `TypeError` for anything else. */
export function specsOf(types: unknown, where: string): ReadonlyMap<string, EventSpec> {
  const specs = typeof types === 'object' && types !== null ? specsByRegistry.get(types) : undefined;
  if (specs === undefined) throw new TypeError(`${where}: types must be a registry made by defineEvents(), got ${describeValue(types)}`);
  return specs;
}
