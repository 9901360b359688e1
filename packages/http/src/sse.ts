import type { Event, EventBus } from '@mesh/bus';
import { ClientFeed, type FeedSource } from './feed.js';
import { resumePointOf } from './last-event-id.js';
import { checkSseOptions, type SseOptions, type SseSettings } from './options.js';
import { commentLine, controlMessage, retryMessage } from './sse-message.js';
import { busOf, type StreamableBus } from './target.js';

/** The headers of every event-stream response. */
const STREAM_HEADERS: HeadersInit = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

/**
 * A Fetch API handler that streams a bus to the client as Server-Sent
 * Events: one message per event (`id` = `<epoch>-<seq>`, `event` = type,
 * `data` = the event as JSON). A client that reconnects with `Last-Event-ID`
 * (what `EventSource` does by itself), or asks with `?lastEventId=N`, gets
 * every event after it from history, read as it takes them, then the live
 * ones: no gap, no duplicate; `mesh-gap` says when history no longer reaches
 * back, and `mesh-reset` that the id is of another epoch (a restarted server),
 * followed by everything history holds. Live events wait in a bounded queue
 * per client: a slow client never slows the bus, and `mesh-dropped` tells it
 * how many events it lost. Only `public` events leave, unless
 * `filter.visibility` says otherwise.
 *
 * ```ts
 * http.createServer(toNodeListener(sseHandler(bus))).listen(8080, '127.0.0.1');
 * ```
 */
export function sseHandler<M>(bus: StreamableBus<M>, options: SseOptions = {}): (request: Request) => Promise<Response> {
  const where = 'sseHandler';
  const source = busOf(bus, where);
  const settings = checkSseOptions(options, where);
  // The bus checks the filter (known types, visibility) with its own messages, now rather than per request.
  source.stream(settings.filter, { bufferSize: settings.bufferSize }).close();
  const feed = feedSourceOf(source, settings);
  return async (request) => {
    if (request.method !== 'GET') return text(405, 'Method Not Allowed', 'an event stream is read with GET', { allow: 'GET' });
    if (settings.authorize !== undefined && (await settings.authorize(request)) !== true) return text(403, 'Forbidden');
    if (source.closed) return text(503, 'Service Unavailable', 'the bus is closed');
    return new Response(eventStreamBody(feed, request, settings), { status: 200, statusText: 'OK', headers: STREAM_HEADERS });
  };
}

/** A plain-text answer with its reason phrase. */
function text(status: number, reason: string, detail?: string, headers: Record<string, string> = {}): Response {
  return new Response(`${reason}${detail === undefined ? '' : `: ${detail}`}\n`, { status, statusText: reason, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });
}

/** What every client of one handler reads: the bus, the filter, the bound, the terminal types. */
function feedSourceOf(bus: EventBus<Record<string, unknown>>, settings: SseSettings): FeedSource {
  const terminal = new Set<string>();
  for (const [name, spec] of bus.eventTypes) if (spec.terminal) terminal.add(name);
  return {
    bus,
    filter: settings.filter,
    bufferSize: settings.bufferSize,
    isTerminal: (event: Event) => terminal.has(event.type),
  };
}

/**
 * The response body of one client: the opening lines (`retry`, a reset or a
 * malformed id noted), then its events as the client reads them. A live-only
 * client is subscribed here, synchronously with the request.
 */
function eventStreamBody(source: FeedSource, request: Request, settings: SseSettings): ReadableStream<Uint8Array> {
  const epoch = source.bus.epoch;
  const resume = resumePointOf(request, epoch);
  let opening = settings.retryMs === undefined ? '' : retryMessage(settings.retryMs);
  opening += commentLine('@mesh/http event stream');
  let sinceSeq: number | undefined;
  if (resume.kind === 'malformed') {
    opening += commentLine(`malformed Last-Event-ID ${JSON.stringify(resume.raw.slice(0, 64))} ignored: starting with live events`);
  } else if (resume.kind === 'reset') {
    // Its id is of another epoch: start over with everything history holds. The id makes a reconnect resume in this epoch.
    opening += controlMessage('mesh-reset', { epoch, from: 1 }, `${epoch}-0`);
    sinceSeq = 0;
  } else if (resume.kind === 'after') {
    sinceSeq = resume.seq;
  }
  const client = new ClientFeed(source, sinceSeq);
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
