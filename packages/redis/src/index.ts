/**
 * One @mesh/bus across processes and machines, through Redis Streams: local
 * events go out with XADD as JSON, remote ones come in through `bus.ingest`,
 * each id once, buffered in order while Redis is away. Node.js only.
 *
 * @packageDocumentation
 */
export { connectRedis, type DefaultOutgoing, type JsonPayloadsOnly, type RedisBridge } from './bridge.js';
export type { RedisBridgeOptions, RedisErrorContext } from './options.js';
export type { BuiltInObject, NonJsonPath, NonJsonPayloads } from './json.js';
export type { JsonArray, JsonObject, JsonPrimitive, JsonValue } from './json-types.js';
export { whyNotJson } from './json.js';
export { EntryConflictError, EventsDroppedError, MalformedEntryError, RedisUnreachableError } from './errors.js';
