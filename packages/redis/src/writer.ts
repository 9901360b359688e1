import type { Event } from '@mesh/bus';
import { type Client, isRefusal, settlesBy, whenReady } from './connection.js';
import type { Outbox } from './outbox.js';

/** Commands sent together (pipelined) in one round trip. */
const BATCH = 256;

/** Where the writer reports: events written, and events Redis refused. */
export interface WriterHooks {
  written(count: number): void;
  refused(error: unknown, event: Event): void;
}

/**
 * Writes the outbox to the stream in order with XADD, pipelined in batches.
 * An event leaves the outbox only once Redis acknowledged it; when the link
 * drops, the unwritten rest goes back to the front and waits for the client
 * to be ready again. A repeated write (a reply lost with the link) makes a
 * duplicate entry, which receivers drop by event id.
 */
export class StreamWriter {
  readonly #client: Client;
  readonly #stream: string;
  readonly #trim: { TRIM: { strategy: 'MAXLEN'; strategyModifier: '~'; threshold: number } } | undefined;
  readonly #outbox: Outbox;
  readonly #hooks: WriterHooks;
  readonly #stop = new AbortController();
  #running: Promise<void> | undefined;

  constructor(client: Client, stream: string, maxLen: number | undefined, outbox: Outbox, hooks: WriterHooks) {
    this.#client = client;
    this.#stream = stream;
    this.#trim = maxLen === undefined ? undefined : { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: maxLen } };
    this.#outbox = outbox;
    this.#hooks = hooks;
  }

  /** Starts writing what the outbox holds, unless already at it. */
  wake(): void {
    if (this.#running !== undefined || this.#stop.signal.aborted) return;
    this.#running = this.#drain().finally(() => {
      this.#running = undefined;
      if (this.#outbox.size > 0) this.wake(); // events added while the last batch finished
    });
  }

  /**
   * Resolves once the outbox is empty, or at `deadline` (a `Date.now()` time);
   * then stops writing. Writes Redis has not answered by then are cut off (the
   * client is destroyed) and their events go back to the outbox, unwritten.
   */
  async flush(deadline: number): Promise<void> {
    while ((this.#outbox.size > 0 || this.#running !== undefined) && Date.now() < deadline) {
      this.wake();
      await settlesBy(this.#running ?? Promise.resolve(), deadline);
    }
    this.#stop.abort();
    if (this.#running !== undefined && !(await settlesBy(this.#running, deadline))) this.#client.destroy();
    await this.#running;
  }

  async #drain(): Promise<void> {
    await Promise.resolve(); // let a synchronous burst of publishes fill the batch
    while (this.#outbox.size > 0 && !this.#stop.signal.aborted) {
      if (!this.#client.isReady) {
        await whenReady(this.#client, this.#stop.signal);
        continue;
      }
      const batch = this.#outbox.take(BATCH);
      const results = await Promise.allSettled(batch.map((item) => this.#client.xAdd(this.#stream, '*', item.fields, this.#trim)));
      let written = 0;
      let failedAt = -1;
      for (let index = 0; index < batch.length && failedAt === -1; index++) {
        const result = results[index]!;
        if (result.status === 'fulfilled') written++;
        else if (isRefusal(result.reason)) this.#hooks.refused(result.reason, batch[index]!.event);
        else failedAt = index;
      }
      this.#hooks.written(written);
      if (failedAt !== -1) {
        // The link dropped (or Redis is still loading): this event and the rest wait, in order.
        this.#outbox.putBack(batch.slice(failedAt));
        await whenReady(this.#client, this.#stop.signal, 100);
      }
    }
  }
}
