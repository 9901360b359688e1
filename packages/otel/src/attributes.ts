import type { Attributes } from '@opentelemetry/api';
import type { Event } from '@mesh/bus';

/** The value of `messaging.system` on every span: the bus is the messaging system. */
export const MESSAGING_SYSTEM = 'mesh';

/**
 * The messaging semantic-convention attributes of an event's span, for an
 * operation (`send` at publish, `process` around a handler), plus the
 * bus's own: `mesh.seq` (once the event has one), `mesh.scope` and
 * `mesh.run_id` (when set).
 */
export function messageAttributes(event: Event, operationType: 'send' | 'process', operationName: 'publish' | 'process'): Attributes {
  const attributes: Attributes = {
    'messaging.system': MESSAGING_SYSTEM,
    'messaging.operation.type': operationType,
    'messaging.operation.name': operationName,
    'messaging.destination.name': event.type,
    'messaging.message.id': event.id,
  };
  if (event.seq !== 0) attributes['mesh.seq'] = event.seq;
  if (event.scope !== undefined) attributes['mesh.scope'] = event.scope;
  if (event.runId !== undefined) attributes['mesh.run_id'] = event.runId;
  return attributes;
}
