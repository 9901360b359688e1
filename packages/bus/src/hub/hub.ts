import type { Subscription } from '@mesh/signals';
import { requireFunction } from '@mesh/signals/internal';
import type { Event } from '../event.js';
import { checkSubscribeOptions, type SubscribeOptions } from '../options.js';
import { HistoryRing, type HistoryFilter } from './history.js';
import { EventStream } from './stream.js';
import { SubscriberList } from './subscriber-list.js';
import { type EventReceiver, type Handler, type HandlerHooks, NO_ADMISSION, callHandler, receiverFor } from './subscribers.js';

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
 * subscriber lists (one per type, and one for every type), the history
 * ring, the streams, and handler isolation. A hub never changes an
 * event and never publishes: a handler's failure goes to its hooks.
 */
export class Hub {
  /** The events this level delivered, newest `historyLimit`. */
  readonly history: HistoryRing;
  /** The `subscribeAll` handlers and stream feeds: called after the type's own subscribers. */
  readonly #everything = new SubscriberList();
  readonly #typeLists: SubscriberList[] = [];
  readonly #hooks: HandlerHooks;
  /** What ends when the hub closes: each open stream's feed, each pending wait. */
  readonly #closers = new Set<() => void>();
  /** The receiver of a direct subscription moving onto its list's signal. */
  readonly #wrap = (handler: Handler): EventReceiver => receiverFor(handler, NO_ADMISSION, this.#hooks);

  constructor(historyLimit: number, hooks: HandlerHooks) {
    this.history = new HistoryRing(historyLimit);
    this.#hooks = hooks;
  }

  /** A new subscriber list for one event type. */
  typeList(doc: string | undefined): SubscriberList {
    const list = new SubscriberList(doc);
    this.#typeLists.push(list);
    return list;
  }

  /** Subscribes a handler to a type's list, or (without one) to every event; its errors go to the hooks. */
  subscribe(list: SubscriberList | undefined, handler: Handler, options: SubscribeOptions<never> | undefined, where: string): Subscription {
    requireFunction(handler, where, 'handler');
    const maxRank = checkSubscribeOptions(options, where);
    const on = list ?? this.#everything;
    const filter = options?.filter as ((event: Event) => boolean) | undefined;
    // A weak subscription is owned by its handler: the receiver wrapping it lives exactly as long as the handler.
    const owner = options?.owner ?? (options?.weak === true ? handler : undefined);
    const once = options?.once === true;
    const abort = options?.signal;
    if (filter === undefined && maxRank === undefined && !once && owner === undefined && abort === undefined && on.takesDirect) return on.addDirect(handler);
    let token: Subscription | undefined;
    const receiver = receiverFor(handler, { filter, maxRank, claim: once ? () => token!() : undefined }, this.#hooks);
    token = on.connect(receiver, { owner, signal: abort }, this.#wrap);
    return token;
  }

  /** Connects a signal receiver to a type's list (a wait): called like a subscription, in subscription order. */
  connect(list: SubscriberList, receiver: EventReceiver): Subscription {
    return list.connect(receiver, undefined, this.#wrap);
  }

  /** Whether an event of a type (`list`) would reach anyone here: a subscriber of the type, of every type, or a stream. */
  hears(list: SubscriberList): boolean {
    return list.count !== 0 || this.#everything.count !== 0;
  }

  /** Calls this level's handlers for an event: those of its type (`list`), then those of every type. */
  emit(list: SubscriberList, event: Event): void {
    this.#deliver(list, event);
    const everything = this.#everything;
    if (everything.count !== 0) this.#deliver(everything, event);
  }

  /** Calls a list's direct handlers, or else its signal's receivers (never both: see {@link SubscriberList}). */
  #deliver(list: SubscriberList, event: Event): void {
    const direct = list.direct;
    if (direct.length === 0) {
      list.emitSignal(event);
      return;
    }
    const hooks = this.#hooks;
    for (let i = 0; i < direct.length; i++) callHandler(direct[i]!, event, hooks);
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
    const token = this.connect(this.#everything, (_sender, event) => {
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
    let count = this.#everything.count;
    for (const list of this.#typeLists) count += list.count;
    return count;
  }

  /** Ends every stream (after its queued events) and every subscription. */
  close(): void {
    for (const end of [...this.#closers]) end();
    for (const list of this.#typeLists) list.clear();
    this.#everything.clear();
  }
}
