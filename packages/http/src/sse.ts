import type { EventBus, EventStream } from '@mesh/bus';
import { resumePointOf } from './last-event-id.js';
import { checkSseOptions, type SseOptions, type SseSettings } from './options.js';
import { commentLine, controlMessage, eventMessage } from './sse-message.js';
import { busOf, type StreamableBus } from './target.js';

/** The headers of every event-stream response. */
const STREAM_HEADERS: HeadersInit = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

/** How much text one read of the body carries (about), when many events are queued. */
const BATCH_CHARS = 64 * 1024;
/** Events taken from the queue per step of a batch. */
const BATCH_EVENTS = 64;

/**
 * A Fetch API handler that streams a bus to the client as Server-Sent
 * Events: one message per event (`id` = seq, `event` = type, `data` = the
 * event as JSON). A client that reconnects with `Last-Event-ID: N` (what
 * `EventSource` does by itself), or asks with `?lastEventId=N`, gets the
 * events after seq N from history, then the live ones: no gap, no duplicate;
 * `mesh-gap` says when history no longer reaches back. Each client has a
 * bounded queue: a slow client never slows the bus, and `mesh-dropped` tells
 * it how many events it lost. Only `public` events leave, unless
 * `filter.visibility` says otherwise.
 *
 * ```ts
 * http.createServer(toNodeListener(sseHandler(bus))).listen(8080);
 * ```
 */
export function sseHandler<M>(bus: StreamableBus<M>, options: SseOptions = {}): (request: Request) => Promise<Response> {
  const where = 'sseHandler';
  const source = busOf(bus, where);
  const settings = checkSseOptions(options, where);
  // The bus checks the filter (known types, visibility) with its own messages, now rather than per request.
  source.stream(settings.filter, { bufferSize: settings.bufferSize }).close();
  return async (request) => {
    if (request.method !== 'GET') return new Response('Method Not Allowed: an event stream is read with GET\n', { status: 405, headers: { allow: 'GET' } });
    if (settings.authorize !== undefined && (await settings.authorize(request)) !== true) return new Response('Forbidden\n', { status: 403 });
    if (source.closed) return new Response('Service Unavailable: the bus is closed\n', { status: 503 });
    return new Response(eventStreamBody(source, request, settings), { status: 200, headers: STREAM_HEADERS });
  };
}

/**
 * The response body of one client: the opening lines (a gap or a malformed id
 * noted), then its events as the client reads them. The bus stream is opened
 * here, synchronously with the history check, so nothing falls between them.
 */
function eventStreamBody(bus: EventBus<Record<string, unknown>>, request: Request, settings: SseSettings): ReadableStream<Uint8Array> {
  const resume = resumePointOf(request);
  let opening = commentLine('@mesh/http event stream');
  let sinceSeq: number | undefined;
  if (resume.kind === 'malformed') {
    opening += commentLine(`malformed Last-Event-ID ${JSON.stringify(resume.raw.slice(0, 64))} ignored: starting with live events`);
  } else if (resume.kind === 'after') {
    sinceSeq = resume.seq;
    if (bus.evictedSeq > sinceSeq) opening += controlMessage('mesh-gap', { from: sinceSeq + 1, to: bus.evictedSeq });
  }
  const client = new ClientFeed(bus.stream({ ...settings.filter, sinceSeq }, { bufferSize: settings.bufferSize, endOnTerminal: false }));
  const encoder = new TextEncoder();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let quiet = true;
  let cancelled = false;
  const stop = (): void => {
    clearInterval(heartbeat);
    request.signal.removeEventListener('abort', stop);
    client.close();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(opening));
      heartbeat = setInterval(() => {
        // Only into an idle connection: a stalled client's unread body never grows by heartbeats.
        if (quiet && !client.closed && (controller.desiredSize ?? 0) > 0) controller.enqueue(encoder.encode(commentLine('heartbeat')));
        quiet = true;
      }, settings.heartbeatMs);
      // A heartbeat alone never keeps a process alive (Node, Bun; a no-op where timers are numbers).
      (heartbeat as { unref?: () => void }).unref?.();
      request.signal.addEventListener('abort', stop);
      if (request.signal.aborted) stop();
    },
    async pull(controller) {
      const text = await client.nextBatch();
      if (cancelled) return; // the client went while this read waited
      if (text === undefined) {
        stop();
        controller.close();
        return;
      }
      quiet = false;
      controller.enqueue(encoder.encode(text));
    },
    cancel() {
      cancelled = true;
      stop();
    },
  });
}

/** One client's bus stream, turned into SSE text with drop notices in place. */
class ClientFeed {
  readonly #events: EventStream;
  #reportedDrops = 0;

  constructor(events: EventStream) {
    this.#events = events;
  }

  get closed(): boolean {
    return this.#events.ended;
  }

  /** Waits for an event, then takes every event already queued (up to a batch); `undefined` once the stream ended and all is said. */
  async nextBatch(): Promise<string | undefined> {
    const events = this.#events;
    const first = await events.next();
    if (first.done === true) return this.#dropNotice() || undefined;
    let text = this.#dropNotice() + eventMessage(first.value);
    while (text.length < BATCH_CHARS) {
      const queued = events.takeQueued(BATCH_EVENTS);
      if (queued.length === 0) break;
      // Drops counted so far happened before the oldest event still queued.
      text += this.#dropNotice();
      for (const event of queued) text += eventMessage(event);
    }
    return text;
  }

  close(): void {
    this.#events.close();
  }

  /** A `mesh-dropped` message when events were dropped since the last notice. */
  #dropNotice(): string {
    const dropped = this.#events.dropped - this.#reportedDrops;
    if (dropped === 0) return '';
    this.#reportedDrops += dropped;
    return controlMessage('mesh-dropped', { dropped });
  }
}
