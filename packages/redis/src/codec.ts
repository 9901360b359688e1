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

/** Decodes the event of a stream entry; throws a `SyntaxError` or `TypeError` saying what is wrong with it (its shape is checked by `bus.ingest`). */
export function decodeEntry(fields: Readonly<Record<string, string>>): Event {
  const json = fields['event'];
  if (typeof json !== 'string') throw new TypeError('it has no "event" field');
  const event: unknown = JSON.parse(json);
  if (typeof event !== 'object' || event === null || Array.isArray(event)) throw new TypeError('its "event" field is not a JSON object');
  return event as Event;
}
