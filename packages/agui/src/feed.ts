import type { Event, Visibility } from '@mesh/bus';
import { feedEvents } from '@mesh/bus/internal';
import type { ScopedEventBus } from '@mesh/scoped';
import { AG_UI_TYPES, TERMINAL_TYPES, type AgUiEventMap } from './events.js';
import { wireMessage } from './wire.js';

/** How much text one read of the body carries (about), when many events wait. */
const BATCH_CHARS = 64 * 1024;

/** What a run's feed tells its handler. */
export interface FeedHooks {
  /** The run's terminal event was delivered on its bus. */
  terminal(): void;
  /** The client cannot get the run's events any more (it fell behind, an event cannot be JSON, the bus went): it gets `RUN_ERROR` with this message and code. */
  failed(message: string, code: string): void;
}

/**
 * One client's events of one run, as AG-UI wire text: the AG-UI events the
 * run's bus (and its descendants) delivers, up to the handler's visibility,
 * in `seq` order, each encoded as it is delivered. At most `bufferSize`
 * messages wait for the client; one more than that fails it: it gets the
 * messages already queued, then `RUN_ERROR` (code `CLIENT_OVERFLOW`), and
 * nothing else. The feed ends after the run's terminal event.
 */
export class RunFeed {
  readonly #hooks: FeedHooks;
  readonly #bufferSize: number;
  #queue: string[] = [];
  #head = 0;
  /** Nothing more is queued: the terminal event (or the client's `RUN_ERROR`) is in. */
  #ending = false;
  #closed = false;
  #wake: (() => void) | undefined;
  #detach: (() => void) | undefined;

  constructor(bus: ScopedEventBus<AgUiEventMap>, visibility: Visibility, bufferSize: number, hooks: FeedHooks) {
    this.#hooks = hooks;
    this.#bufferSize = bufferSize;
    this.#detach = feedEvents(bus.bus, { types: AG_UI_TYPES, visibility }, (event) => this.#offer(event), () => this.#busClosed(), 'aguiHandler');
  }

  /** Messages waiting for the client. */
  get queued(): number {
    return this.#queue.length - this.#head;
  }

  /** Waits for something to send, then takes what is ready (about a batch); `undefined` once the run's stream is over. */
  async nextBatch(): Promise<string | undefined> {
    for (;;) {
      if (this.#closed) return undefined;
      if (this.queued > 0) return this.#take();
      if (this.#ending) return undefined;
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  /** Ends the feed: its bus subscription goes at once, and what waits is discarded. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#detach?.();
    this.#detach = undefined;
    this.#queue = [];
    this.#head = 0;
    this.#wakeUp();
  }

  /** Ends the client's stream with a `RUN_ERROR` of its own after what is queued (the bus is told by the handler). */
  fail(message: string, code: string): void {
    if (this.#ending || this.#closed) return;
    this.#ending = true;
    this.#push(wireMessage('RUN_ERROR', Date.now(), { message, code }));
    this.#hooks.failed(message, code);
  }

  #offer(event: Event): void {
    const terminal = TERMINAL_TYPES.has(event.type);
    // First, so that a failure while queueing it knows the run has ended (and adds nothing to the bus).
    if (terminal) this.#hooks.terminal();
    if (!this.#ending && !this.#closed) {
      if (this.queued >= this.#bufferSize) {
        this.fail(`the client fell ${this.#bufferSize} events behind the run (bufferSize) and was cut off`, 'CLIENT_OVERFLOW');
      } else {
        let text: string | undefined;
        try {
          text = wireMessage(event.type, event.timestamp, event.data as object);
        } catch (error) {
          this.fail(`${event.type} could not be sent as JSON: ${error instanceof Error ? error.message : String(error)}`, 'ENCODING_FAILED');
        }
        if (text !== undefined) {
          if (terminal) this.#ending = true;
          this.#push(text);
        }
      }
    }
  }

  #busClosed(): void {
    this.#detach = undefined;
    this.fail('the run was ended on the server before it finished (its bus was disposed)', 'RUN_DISPOSED');
  }

  #push(text: string): void {
    this.#queue.push(text);
    this.#wakeUp();
  }

  #take(): string {
    let text = '';
    while (this.#head < this.#queue.length && text.length < BATCH_CHARS) text += this.#queue[this.#head++];
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    return text;
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
