import type { WireEvent } from './wire.js';

/** What the connection reports to the page. */
export interface ConnectionHandlers {
  /** An event, as the stream sent it. */
  event(event: WireEvent): void;
  /** History no longer held events `from`..`to`: they are missed. */
  gap(from: number, to: number): void;
  /** The server dropped events for this page (it could not keep up); `terminal` of them were terminal. */
  dropped(count: number, terminal: number): void;
  /** The server's bus is another one (it restarted): what the page holds is of the old one; everything the new one holds follows. */
  reset(epoch: string): void;
  /** The server could not send an event, or a message was unreadable. */
  problem(message: string): void;
  /** The connection opened (`open`), broke and is being retried (`lost`). */
  state(state: 'open' | 'lost'): void;
}

/** How long to wait before opening a new stream after the browser gave up on one. */
const RETRY_MS = 2000;

/**
 * Follows the page's event stream: everything history holds, then live.
 * `EventSource` reconnects by itself after a network error, sending
 * `Last-Event-ID` (`<epoch>-<seq>`), so nothing is missed or repeated, and a
 * restarted server answers `mesh-reset`; when the browser gives up (an error
 * response), a new stream starts after the last id received.
 */
export function connect(typeNames: Iterable<string>, handlers: ConnectionHandlers): void {
  const names = [...typeNames];
  let lastId = '0';

  const onEvent = (message: MessageEvent<string>): void => {
    const event = parse<WireEvent>(message, handlers);
    if (event === undefined) return;
    if (message.lastEventId !== '') lastId = message.lastEventId;
    handlers.event(event);
  };

  const open = (): void => {
    const url = new URL('events', location.href);
    url.searchParams.set('lastEventId', lastId);
    const es = new EventSource(url);
    for (const name of names) es.addEventListener(name, onEvent);
    es.addEventListener('mesh-gap', (message) => {
      const range = parse<{ from: number; to: number }>(message, handlers);
      if (range !== undefined) handlers.gap(range.from, range.to);
    });
    es.addEventListener('mesh-dropped', (message) => {
      const notice = parse<{ dropped: number; terminal?: number }>(message, handlers);
      if (notice !== undefined) handlers.dropped(notice.dropped, notice.terminal ?? 0);
    });
    es.addEventListener('mesh-reset', (message) => {
      const notice = parse<{ epoch: string; from: number }>(message, handlers);
      if (notice === undefined) return;
      lastId = (message as MessageEvent<string>).lastEventId || '0';
      handlers.reset(notice.epoch);
    });
    es.addEventListener('mesh-error', (message) => {
      const notice = parse<{ seq: number; type: string; error: string }>(message, handlers);
      if (notice !== undefined) handlers.problem(`event ${notice.seq} (${notice.type}) could not be sent: ${notice.error}`);
    });
    es.onopen = () => handlers.state('open');
    es.onerror = () => {
      handlers.state('lost');
      if (es.readyState === EventSource.CLOSED) setTimeout(open, RETRY_MS);
    };
  };

  open();
}

/** The JSON of a message, or `undefined` (reported) when it is not JSON. */
function parse<T>(message: Event, handlers: ConnectionHandlers): T | undefined {
  const data = (message as MessageEvent<unknown>).data;
  try {
    return JSON.parse(String(data)) as T;
  } catch {
    handlers.problem(`an unreadable ${message.type} message was ignored`);
    return undefined;
  }
}
