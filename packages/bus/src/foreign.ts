import { describeValue } from '@mesh/signals';
import { type Event, type EventFields, NO_METADATA, copyMetadata, deepFreeze } from './event-object.js';
import type { EventSpec } from './events.js';
import { levelOf } from './visibility.js';

/**
 * Checks the shape of an event made elsewhere (another process, a transport)
 * and copies it into fields a bus can store: `TypeError` for a wrong shape;
 * `specOf` throws for a type the bus does not know.
 */
export function foreignFields(event: Event, where: string, specOf: (type: string) => EventSpec): EventFields {
  if (typeof event !== 'object' || event === null) throw new TypeError(`${where}: expected an event object, got ${describeValue(event)}`);
  const { id, type, data, timestamp, source, metadata, visibility, runId, lane, laneSeq, scope } = event;
  if (typeof id !== 'string' || id === '') throw new TypeError(`${where}: event.id must be a non-empty string, got ${describeValue(id)}`);
  if (typeof type !== 'string') throw new TypeError(`${where}: event.type must be a string, got ${describeValue(type)}`);
  const spec = specOf(type);
  if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
    throw new TypeError(`${where}: event.timestamp must be a finite number, got ${describeValue(timestamp)}`);
  }
  for (const [name, value] of [['source', source], ['runId', runId], ['lane', lane], ['scope', scope]] as const) {
    if (value !== undefined && typeof value !== 'string') throw new TypeError(`${where}: event.${name} must be a string, got ${describeValue(value)}`);
  }
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
    data: deepFreeze(data),
    timestamp,
    seq: 0,
    source,
    metadata: metadata === undefined ? NO_METADATA : copyMetadata(metadata),
    visibility: visibility ?? spec.visibility,
    runId,
    lane,
    laneSeq,
    scope,
  };
}
