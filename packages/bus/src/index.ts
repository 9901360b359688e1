/**
 * A typed event bus on `@mesh/signals`: EventType registries, immer middleware,
 * guards, ordered history and error isolation.
 *
 * @packageDocumentation
 */
export { EventBus, type PublishArgs } from './bus.js';
export { event, defineEvents, HANDLER_ERROR, type AnyEventSpec, type EventSpec, type EventMapOf, type EventTypes, type HandlerErrorPayload, type PayloadMap, type PayloadOf } from './events.js';
export type { Event, EventId, EventOf } from './event-object.js';
export type { Visibility } from './visibility.js';
export type { EventBusOptions, PublishOptions, StreamFilter, StreamOptions, SubscribeOptions } from './options.js';
export { EventStream, type StreamFeed } from './stream.js';
export { parallelMerge } from './lanes.js';
export { createEventLog, type EventLog } from './timeline.js';
export type { HistoryFilter } from './history.js';
export type { Guard, Middleware } from './pipeline.js';
export { rejectKeys } from './guards.js';
export { BusClosedError, EventRejectedError, EventValidationError, UnknownEventTypeError } from './errors.js';
export { fromMitt, type MittLike } from './from-mitt.js';
