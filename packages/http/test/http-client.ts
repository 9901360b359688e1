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
