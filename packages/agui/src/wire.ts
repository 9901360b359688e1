import { omitOptionalNulls } from '@ag-ui/core';
/**
 * AG-UI's Server-Sent Events wire format, as `@ag-ui/encoder` writes it: one
 * `data: <JSON>` message per event, ended by a blank line, the JSON being
 * the AG-UI event `{ type, timestamp, ...payload }` with optional `null`
 * fields left out. JSON text holds no line break, so one `data` line carries
 * it. Throws when the payload cannot be JSON (a BigInt, a cycle).
 */
export function wireMessage(type: string, timestamp: number, payload: object): string {
  return `data: ${JSON.stringify(omitOptionalNulls({ type, timestamp, ...payload }, 'Event'))}\n\n`;
}

/** The headers of a run's event stream. */
export const STREAM_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

/** A plain-text answer with its reason phrase (and a detail after it). */
export function plainResponse(status: number, reason: string, detail?: string, headers: Record<string, string> = {}): Response {
  return new Response(`${reason}${detail === undefined ? '' : `: ${detail}`}\n`, { status, statusText: reason, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });
}
