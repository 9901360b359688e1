import { Signal, type Subscription } from '@mesh/signals';
import { type Link, subscriptionFor } from '@mesh/signals/internal';
import type { Event } from '../event.js';
import type { EventReceiver, Handler } from './subscribers.js';

const NO_HANDLERS: readonly Handler[] = Object.freeze([]);

/**
 * The subscribers of one event type on one bus (or of every type). A
 * subscription without options made while the signal has no receivers is
 * direct: the hub calls its handler itself, with no signal and no wrapper in
 * between (the publish hot path). Every other subscription connects to the
 * signal; the first one moves the direct ones onto the signal first, in
 * order, so handlers are always called in subscription order.
 */
export class SubscriberList {
  readonly #signal: Signal<Event>;
  // Invariant: `#direct` is empty whenever the signal has receivers.
  readonly #direct = new Set<DirectLink>();
  /** The direct handlers in order, rebuilt on the first call after a change. */
  #handlers: readonly Handler[] | undefined = NO_HANDLERS;

  constructor(doc?: string) {
    this.#signal = new Signal<Event>(doc);
  }

  /** Number of live subscriptions. */
  get count(): number {
    return this.#direct.size + this.#signal.receiverCount;
  }

  /** The handlers to call directly for the next event, oldest first: empty when the signal has the subscriptions. */
  get direct(): readonly Handler[] {
    return this.#handlers ?? (this.#handlers = [...this.#direct].map((link) => link.handler));
  }

  /** Calls the signal's receivers (when {@link direct} is empty, they hold every subscription). */
  emitSignal(event: Event): void {
    if (this.#signal.receiverCount !== 0) this.#signal.emit(undefined, event);
  }

  /** Whether a subscription without options would be direct now. */
  get takesDirect(): boolean {
    return this.#signal.receiverCount === 0;
  }

  /** Adds a direct subscription (only while {@link takesDirect}). */
  addDirect(handler: Handler): Subscription {
    const link = new DirectLink(this, handler);
    this.#direct.add(link);
    this.#handlers = undefined;
    return subscriptionFor(link);
  }

  /**
   * Connects a receiver to the signal, after moving the direct subscriptions
   * onto it (each through `wrap`, in order).
   */
  connect(receiver: EventReceiver, options: { owner?: object; signal?: AbortSignal } | undefined, wrap: (handler: Handler) => EventReceiver): Subscription {
    if (this.#direct.size !== 0) {
      for (const link of this.#direct) link.moved = this.#signal.connect(wrap(link.handler));
      this.#direct.clear();
      this.#handlers = NO_HANDLERS;
    }
    return this.#signal.connect(receiver, options);
  }

  /** Ends every subscription. */
  clear(): void {
    this.#direct.clear();
    this.#handlers = NO_HANDLERS;
    this.#signal.disconnectAll();
  }

  /** Removes a direct subscription; `true` if it was there. */
  remove(link: DirectLink): boolean {
    if (!this.#direct.delete(link)) return false;
    this.#handlers = undefined;
    return true;
  }

  /** Whether a direct subscription is still here. */
  holds(link: DirectLink): boolean {
    return this.#direct.has(link);
  }
}

/** One direct subscription, or, once moved, the signal connection that took it over. */
class DirectLink implements Link {
  /** The signal's token, once the subscription moved onto the signal. */
  moved: Subscription | undefined = undefined;

  constructor(
    readonly list: SubscriberList,
    readonly handler: Handler,
  ) {}

  unlink(): boolean {
    return this.moved === undefined ? this.list.remove(this) : this.moved();
  }

  get linked(): boolean {
    return this.moved === undefined ? this.list.holds(this) : this.moved.active;
  }
}
