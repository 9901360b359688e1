import type { Event } from '@mesh/bus';
import { CROSSING_FIELDS } from '@mesh/bus/internal';

/** The fields of one stream entry: which bridge wrote it, and the event as JSON. */
export interface EntryFields {
  readonly [field: string]: string;
}

/**
 * The stream entry for an event written by the bridge `origin`. Throws what
 * `JSON.stringify` throws (a BigInt or a cycle in the metadata).
 */
export function encodeEntry(event: Event, origin: string): EntryFields {
  const wire: Record<string, unknown> = {};
  for (const field of CROSSING_FIELDS) if (event[field] !== undefined) wire[field] = event[field];
  return { origin, event: JSON.stringify(wire) };
}

/** Optional event fields: another producer's `null` in one of them means absent. */
const OPTIONAL = ['source', 'metadata', 'visibility', 'runId', 'lane', 'laneSeq', 'scope'] as const;

/**
 * Milliseconds since the epoch lie between these (1973 and 5138): a time in
 * seconds falls below, one in microseconds or nanoseconds above.
 */
const MS_FROM = 1e11;
const MS_UNTIL = 1e14;

/**
 * Decodes the event of a stream entry, as another producer may write it:
 * optional fields set to `null` are dropped. Throws a `SyntaxError` or
 * `TypeError` saying what is wrong with it: not JSON, not an object, a
 * `timestamp` that is not in milliseconds (the rest of its shape is checked
 * by `bus.ingest`).
 */
export function decodeEntry(fields: Readonly<Record<string, string>>): Event {
  const json = fields['event'];
  if (typeof json !== 'string') throw new TypeError('it has no "event" field');
  const event: unknown = JSON.parse(json);
  if (typeof event !== 'object' || event === null || Array.isArray(event)) throw new TypeError('its "event" field is not a JSON object');
  const wire = event as Record<string, unknown>;
  for (const field of OPTIONAL) if (wire[field] === null) delete wire[field];
  const { timestamp } = wire;
  if (typeof timestamp === 'number' && !(timestamp >= MS_FROM && timestamp < MS_UNTIL)) {
    throw new TypeError(`its timestamp ${timestamp} is not in milliseconds since the epoch (seconds or microseconds?)`);
  }
  return event as Event;
}
