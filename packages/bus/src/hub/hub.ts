import { Signal, type Subscription } from '@mesh/signals';
import { requireFunction } from '@mesh/signals/internal';
import type { Event } from '../event.js';
import { checkSubscribeOptions, type SubscribeOptions } from '../options.js';
import { HistoryRing, type HistoryFilter } from './history.js';
import { EventStream } from './stream.js';
import { type Handler, type HandlerHooks, receiverFor } from './subscribers.js';

/** How a stream opened on a hub is fed and ends. */
export interface HubStreamOptions {
  /** Which events it carries. */
  readonly matches: (event: Event) => boolean;
  /** Replay history above this `seq` first; `undefined`: live events only. */
  readonly sinceSeq: number | undefined;
  readonly bufferSize: number;
  readonly endOnTerminal: boolean;
  readonly isTerminal: (event: Event) => boolean;
}

/**
 * Everything after an event exists, for one bus (one level of a tree): the
 * signals handlers connect to (one per type, and one for every type), the
 * history ring, the streams, and handler isolation. A hub never changes an
 * event and never publishes: a handler's failure goes to its hooks.
 */
export class Hub {
  /** The events this level delivered, newest `historyLimit`. */
  readonly history: HistoryRing;
  /** What `subscribeAll` handlers connect to: called after the type's own subscribers. */
  readonly #everything = new Signal<Event>();
  readonly #typeSignals: Signal<Event>[] = [];
  readonly #hooks: HandlerHooks;
  /** What ends when the hub closes: each open stream's feed, each pending wait. */
  readonly #closers = new Set<() => void>();

  constructor(historyLimit: number, hooks: HandlerHooks) {
    this.history = new HistoryRing(historyLimit);
    this.#hooks = hooks;
  }

  /** A new signal for one event type's subscribers. */
  typeSignal(doc: string | undefined): Signal<Event> {
    const signal = new Signal<Event>(doc);
    this.#typeSignals.push(signal);
    return signal;
  }

  /** Connects a handler to a type's signal, or (without one) to every event; its errors go to the hooks. */
  subscribe(signal: Signal<Event> | undefined, handler: Handler, options: SubscribeOptions<never> | undefined, where: string): Subscription {
    requireFunction(handler, where, 'handler');
    const maxRank = checkSubscribeOptions(options, where);
    let token: Subscription | undefined;
    const receiver = receiverFor(
      handler,
      { filter: options?.filter as ((event: Event) => boolean) | undefined, maxRank, claim: options?.once === true ? () => token!() : undefined },
      this.#hooks,
    );
    // A weak subscription is owned by its handler: the receiver wrapping it lives exactly as long as the handler.
    const owner = options?.owner ?? (options?.weak === true ? handler : undefined);
    token = (signal ?? this.#everything).connect(receiver, { owner, signal: options?.signal });
    return token;
  }

  /** Whether an event on a type's `signal` would reach anyone here: a subscriber of the type, of every type, or a stream. */
  hears(signal: Signal<Event>): boolean {
    return signal.receiverCount !== 0 || this.#everything.receiverCount !== 0;
  }

  /** Calls this level's handlers for an event: those of its type (`signal`), then those of every type. */
  emit(signal: Signal<Event>, event: Event): void {
    signal.emit(undefined, event);
    const everything = this.#everything;
    if (everything.receiverCount !== 0) everything.emit(undefined, event);
  }

  /** A stream of the matching events: history first (with `sinceSeq`), then live ones, with no gap. */
  stream<E extends Event>(options: HubStreamOptions): EventStream<E> {
    const { matches, sinceSeq } = options;
    return new EventStream<E>({
      bufferSize: options.bufferSize,
      endOnTerminal: options.endOnTerminal,
      isTerminal: options.isTerminal,
      connect: (offer, finish) => {
        // History holds events recorded but not yet delivered (when opened inside a handler): the
        // live feed skips what history already gave, so each event comes once, in seq order.
        let replayedTo = 0;
        if (sinceSeq !== undefined) {
          for (const event of this.history.query({ sinceSeq } satisfies HistoryFilter)) {
            replayedTo = event.seq;
            if (matches(event)) offer(event as E);
          }
        }
        return this.feed((event) => event.seq > replayedTo && matches(event), offer as (event: Event) => void, finish);
      },
    });
  }

  /** Calls `end` when the hub closes (before its subscriptions go); returns what cancels that. */
  onClose(end: () => void): () => void {
    this.#closers.add(end);
    return () => this.#closers.delete(end);
  }

  /**
   * Calls `offer` with each matching live event as it is delivered, and
   * `finish` once when the hub closes: a stream's feed, for readers with a
   * queue of their own. Returns the function that stops it.
   */
  feed(matches: (event: Event) => boolean, offer: (event: Event) => void, finish: () => void): () => void {
    const token = this.#everything.connect((_sender, event) => {
      if (matches(event)) offer(event);
    });
    const undo = this.onClose(finish);
    return () => {
      token();
      undo();
    };
  }

  /** Number of live subscriptions (streams and waits included). */
  get subscriberCount(): number {
    let count = this.#everything.receiverCount;
    for (const signal of this.#typeSignals) count += signal.receiverCount;
    return count;
  }

  /** Ends every stream (after its queued events) and every subscription. */
  close(): void {
    for (const end of [...this.#closers]) end();
    for (const signal of this.#typeSignals) signal.disconnectAll();
    this.#everything.disconnectAll();
  }
}
