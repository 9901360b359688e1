import type { Event } from '@mesh/bus';

/**
 * The wire format of Server-Sent Events, as strings. Every message ends with
 * a blank line; no field value may hold a line break, which JSON text never
 * does (JSON escapes them) and comments are cleaned of.
 */

/**
 * Messages already made, by event, without their `id` line: every client of
 * every handler streams the same frozen event objects, so each is encoded once.
 */
const encoded = new WeakMap<Event, string>();

/** One event: `id` = `<epoch>-<seq>`, `event` = its type, `data` = the event as JSON. */
export function eventMessage(event: Event, epoch: string): string {
  let message = encoded.get(event);
  if (message === undefined) {
    message = encode(event);
    encoded.set(event, message);
  }
  return `id: ${epoch}-${event.seq}\n${message}`;
}

/** The message of an event after its `id` line (a `mesh-error` when JSON cannot carry it). */
function encode(event: Event): string {
  let json: string;
  try {
    json = JSON.stringify(event, jsonSafe);
  } catch (error) {
    return controlMessage('mesh-error', { seq: event.seq, type: event.type, error: error instanceof Error ? error.message : String(error) });
  }
  return `event: ${event.type}\ndata: ${json}\n\n`;
}

/** A message of the protocol itself (`mesh-reset`, `mesh-gap`, `mesh-dropped`, `mesh-error`), with an optional id. */
export function controlMessage(name: string, data: object, id?: string): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The `retry` field: how long a client waits before it reconnects. */
export function retryMessage(ms: number): string {
  return `retry: ${ms}\n\n`;
}

/** A comment line: ignored by `EventSource`, it keeps the connection alive and can say why. */
export function commentLine(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

/** JSON has no BigInt: send it as a decimal string rather than fail the message. */
function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
