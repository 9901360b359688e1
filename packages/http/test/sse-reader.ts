/** One Server-Sent Events message as a client sees it, plus the comment lines of its block. */
export interface SseMessage {
  id?: string;
  event?: string;
  retry?: string;
  data?: string;
  comments: string[];
}

/** The seq of an event message's id (`<epoch>-<seq>`); `NaN` for an id of another form. */
export function seqOfId(id: string | undefined): number {
  const match = /^[0-9a-f]{8}-(\d+)$/.exec(id ?? '');
  return match === null ? Number.NaN : Number(match[1]);
}

/** Splits SSE text into messages; returns them and the unfinished tail. */
export function parseSse(text: string): { messages: SseMessage[]; rest: string } {
  const messages: SseMessage[] = [];
  let start = 0;
  for (let end = text.indexOf('\n\n'); end !== -1; end = text.indexOf('\n\n', start)) {
    const message: SseMessage = { comments: [] };
    for (const line of text.slice(start, end).split('\n')) {
      if (line.startsWith(':')) {
        message.comments.push(line.slice(1).trim());
        continue;
      }
      const colon = line.indexOf(':');
      const field = line.slice(0, colon);
      const value = line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id' || field === 'event' || field === 'retry') message[field] = value;
      else if (field === 'data') message.data = message.data === undefined ? value : `${message.data}\n${value}`;
    }
    messages.push(message);
    start = end + 2;
  }
  return { messages, rest: text.slice(start) };
}

/**
 * A client of a Fetch SSE handler, reading the response body as it comes:
 * `until` waits (with a deadline) for a condition on the messages so far.
 */
export class SseClient {
  readonly messages: SseMessage[] = [];
  readonly response: Response;
  readonly #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  readonly #abort: AbortController;
  readonly #decoder = new TextDecoder();
  #rest = '';
  #ended = false;
  /** A read still under way after a wait timed out: the next wait takes it over. */
  #pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;

  private constructor(response: Response, abort: AbortController) {
    this.response = response;
    this.#abort = abort;
    this.#reader = response.body?.getReader();
  }

  /** Sends a GET to `handler`, with a `Last-Event-ID` header when `lastEventId` is given. */
  static async open(
    handler: (request: Request) => Promise<Response>,
    options: { lastEventId?: string; url?: string; headers?: Record<string, string> } = {},
  ): Promise<SseClient> {
    const abort = new AbortController();
    const headers: Record<string, string> = { ...options.headers };
    if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
    const request = new Request(options.url ?? 'http://mesh.test/events', { headers, signal: abort.signal });
    return new SseClient(await handler(request), abort);
  }

  /** The messages that carry events (no control messages, no comment-only blocks). */
  get events(): SseMessage[] {
    return this.messages.filter((m) => m.id !== undefined && m.event !== undefined && !m.event.startsWith('mesh-'));
  }

  /** The seqs of the event messages, from their ids. */
  get seqs(): number[] {
    return this.events.map((m) => seqOfId(m.id));
  }

  /** The messages named `name` (`mesh-gap`, `mesh-dropped`...), their data parsed. */
  control<T>(name: string): T[] {
    return this.messages.filter((m) => m.event === name).map((m) => JSON.parse(m.data!) as T);
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Reads until `done(messages)` holds or the body ends; fails after `timeoutMs`. */
  async until(done: (client: SseClient) => boolean, timeoutMs = 5000): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this)) {
      if (this.#ended) throw new Error(`the stream ended before the condition held (${this.messages.length} messages)`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`condition not met within ${timeoutMs} ms (${this.messages.length} messages)`);
      await this.#readOnce(left);
    }
    return this;
  }

  /** Reads to the end of the body. */
  async toEnd(timeoutMs = 5000): Promise<this> {
    return this.until((client) => client.ended, timeoutMs).catch((error: unknown) => {
      if (this.#ended) return this;
      throw error;
    });
  }

  /** The client stops reading: the response body is cancelled (its request stays open). */
  cancel(): Promise<void> {
    return this.#reader!.cancel();
  }

  /** The client goes away: its request is aborted. */
  disconnect(): void {
    this.#abort.abort();
  }

  async #readOnce(timeoutMs: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    this.#pending ??= this.#reader!.read();
    const result = await Promise.race([this.#pending, timeout]);
    clearTimeout(timer);
    if (result === 'timeout') return;
    this.#pending = undefined;
    if (result.done) {
      this.#ended = true;
      return;
    }
    const { messages, rest } = parseSse(this.#rest + this.#decoder.decode(result.value, { stream: true }));
    this.#rest = rest;
    this.messages.push(...messages);
  }
}
