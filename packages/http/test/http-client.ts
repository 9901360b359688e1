import { request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseSse, seqOfId, type SseMessage } from './sse-reader.js';

/** The base URL of a listening server. */
export function baseUrl(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Starts `server` on 127.0.0.1 and a free port. */
export function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(baseUrl(server))));
}

/** Closes `server`, ending the connections still open. */
export function shut(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** An SSE client over a real socket (node:http, no keep-alive agent): messages as they arrive. */
export class HttpSseClient {
  readonly messages: SseMessage[] = [];
  #rest = '';
  #response: IncomingMessage | undefined;
  #ended = false;
  readonly #destroy: () => void;
  readonly ready: Promise<IncomingMessage>;

  constructor(url: string, headers: Record<string, string> = {}) {
    const req = httpRequest(url, { headers, agent: false });
    this.#destroy = () => req.destroy();
    this.ready = new Promise((resolve, reject) => {
      req.on('response', (response) => {
        this.#response = response;
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          const { messages, rest } = parseSse(this.#rest + chunk);
          this.#rest = rest;
          for (const message of messages) this.messages.push(message);
        });
        response.on('end', () => (this.#ended = true));
        resolve(response);
      });
      req.on('error', reject);
    });
    req.end();
  }

  get status(): number | undefined {
    return this.#response?.statusCode;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** The seqs of the event messages, from their ids (`<epoch>-<seq>`). */
  get seqs(): number[] {
    return this.messages.filter((m) => m.id !== undefined && !m.event!.startsWith('mesh-')).map((m) => seqOfId(m.id));
  }

  /** Stops reading: the socket's receive buffer fills and the server's writes back up. */
  stall(): void {
    this.#response?.pause();
  }

  resume(): void {
    this.#response?.resume();
  }

  /** The client goes away: the socket is destroyed. */
  destroy(): void {
    this.#destroy();
  }
}

/**
 * A client that behaves as `EventSource` does: it remembers the id of the last
 * message that had one and the server's `retry`, and when its connection ends
 * or cannot be made it reconnects after `retry` ms with `Last-Event-ID` (at
 * most `maxAttempts` times in a row without a response).
 */
export class ResumingClient {
  readonly messages: SseMessage[] = [];
  lastEventId: string | undefined;
  connections = 0;
  #retryMs = 3000;
  #stopped = false;
  #failures = 0;
  #req: ReturnType<typeof httpRequest> | undefined;

  constructor(
    readonly url: string,
    readonly maxAttempts = 500,
  ) {
    this.#connect();
  }

  /** The messages after the last `mesh-reset` (all of them when there was none). */
  get sinceReset(): SseMessage[] {
    let at = this.messages.length - 1;
    while (at >= 0 && this.messages[at]!.event !== 'mesh-reset') at--;
    return this.messages.slice(at + 1);
  }

  /** Stops for good. */
  stop(): void {
    this.#stopped = true;
    this.#req?.destroy();
  }

  #connect(): void {
    if (this.#stopped) return;
    let rest = '';
    const headers: Record<string, string> = this.lastEventId === undefined ? {} : { 'last-event-id': this.lastEventId };
    const req = httpRequest(this.url, { headers, agent: false });
    this.#req = req;
    let again = false;
    const reconnect = (): void => {
      if (again || this.#stopped) return;
      again = true;
      if (++this.#failures > this.maxAttempts) throw new Error(`ResumingClient: ${this.maxAttempts} attempts in a row failed`);
      setTimeout(() => this.#connect(), this.#retryMs);
    };
    req.on('response', (response) => {
      this.connections++;
      this.#failures = 0;
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const parsed = parseSse(rest + chunk);
        rest = parsed.rest;
        for (const message of parsed.messages) {
          if (message.id !== undefined) this.lastEventId = message.id;
          if (message.retry !== undefined) this.#retryMs = Number(message.retry);
          this.messages.push(message);
        }
      });
      response.on('close', reconnect);
    });
    req.on('error', reconnect);
    req.end();
  }
}
