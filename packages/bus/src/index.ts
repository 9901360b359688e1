/**
 * A typed event bus on `@mesh/signals`: EventType registries, immer middleware,
 * guards, ordered history and error isolation.
 *
 * @packageDocumentation
 */
export { EventBus, type PublishArgs } from './bus.js';
export {
  event,
  defineEvents,
  eventMetadata,
  HANDLER_ERROR,
  type AnyEventSpec,
  type EventMetadata,
  type MetadataOf,
  type MetadataSpec, type EventSpec, type EventMapOf, type EventTypes, type HandlerErrorPayload, type PayloadMap, type PayloadOf } from './events.js';
export type { Event, EventId, EventOf } from './event.js';
export type { Visibility } from './visibility.js';
export type { EventBusOptions, PluginOptions, PluginScope, PublishOptions, StreamFilter, StreamOptions, SubscribeOptions, WaitForOptions } from './options.js';
export { TimeoutError } from '@mesh/signals';
export { EventStream, type StreamFeed } from './hub/stream.js';
export { parallelMerge } from './merge.js';
export type { HistoryFilter } from './hub/history.js';
export type { Guard } from './writer/guards.js';
export type { Middleware } from './writer/middleware.js';
export type { Instrumentation, PublishWatch } from './instrumentation.js';
export { rejectKeys } from './reject-keys.js';
export { BusClosedError, EventRejectedError, EventValidationError, UnknownEventTypeError } from './errors.js';
export { fromMitt, type MittLike } from './from-mitt.js';
