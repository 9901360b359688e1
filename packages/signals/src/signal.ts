/// <reference lib="esnext.disposable" preserve="true" />
// (the declarations bring Disposable and Symbol.dispose along, for projects whose lib predates them)
import type { AnyReceiver, Binding } from './binding.js';
import { parseConnectOptions } from './options.js';
import { ReceiverTable } from './receiver-table.js';
import { subscriptionFor } from './subscription.js';
import { ANY, type ConnectOptions, type Receiver, type Subscription } from './types.js';
import { requireFunction, requireOptionalDoc } from './validate.js';
import { type WaitOptions, checkWaitOptions, waitFor } from './wait.js';

/** Calls each receiver still alive behind its binding (the all-weak fast path). */
function callBound(bindings: readonly WeakRef<Binding>[], sender: unknown, payload: unknown): void {
  for (let i = 0; i < bindings.length; i++) {
    const binding = bindings[i]!.deref();
    if (!binding) continue;
    const receiver = binding.receiver;
    receiver(sender, payload);
  }
}

/** Payload of {@link Signal.receiverConnected}. */
export interface ReceiverConnectedPayload {
  /** The receiver that was connected. */
  receiver: Function;
  /** The sender it was connected for, or {@link ANY}. */
  sender: unknown;
  /** `true` when the signal holds it weakly (`weak` or `owner`). */
  weak: boolean;
}

/** Payload of {@link Signal.receiverDisconnected}. */
export interface ReceiverDisconnectedPayload {
  /**
   * The receiver that was disconnected. `undefined` only when the receiver
   * itself was garbage-collected (a weak or owner-bound receiver), since the
   * signal never held it.
   */
  receiver: Function | undefined;
  /** The sender it was connected for, {@link ANY}, or `undefined` if that sender was collected. */
  sender: unknown;
}

/** Any signal, whatever its payload, sender and result types. */
export type AnySignal = Signal<any, any, any>;

/**
 * A notification emitter: receivers connect to it, and every {@link send}
 * calls them, in connection order, with the sender and a payload.
 *
 * `P` is the payload type, `S` the sender type, `R` what receivers return.
 * Receivers are held strongly unless connected with `weak` or `owner`.
 */
export class Signal<P = void, S = unknown, R = unknown> {
  /** Sent after each connect, with the signal as sender. */
  static readonly receiverConnected: Signal<ReceiverConnectedPayload, AnySignal> = new Signal('receiver connected');
  /** Sent after each disconnect, automatic removals included, with the signal as sender. */
  static readonly receiverDisconnected: Signal<ReceiverDisconnectedPayload, AnySignal> = new Signal('receiver disconnected');

  /** What the signal is for. */
  readonly doc: string | undefined;
  readonly #table: ReceiverTable;
  #mutes = 0;

  /** Creates an anonymous signal, optionally documented. */
  constructor(doc?: string) {
    requireOptionalDoc(doc, 'Signal');
    this.doc = doc;
    this.#table = new ReceiverTable((receiver, sender, weak) => {
      const meta: AnySignal = weak === undefined ? Signal.receiverDisconnected : Signal.receiverConnected;
      if (meta.receiverCount) meta.emit(this, weak === undefined ? { receiver, sender } : { receiver, sender, weak });
    });
  }

  /**
   * Connects `receiver`. By default it runs for every sender and is held
   * strongly; see {@link ConnectOptions} for sender-specific, weak,
   * owner-bound, abortable and one-shot connections. Connecting the same
   * receiver again for the same sender changes nothing.
   *
   * @returns a token: call or dispose it to disconnect.
   */
  connect(receiver: Receiver<P, S, R>, options?: ConnectOptions<S>): Subscription {
    requireFunction(receiver, 'Signal.connect', 'receiver');
    const parsed = parseConnectOptions(options, 'Signal.connect');
    return subscriptionFor(this.#table.connect(receiver as AnyReceiver, parsed));
  }

  /**
   * A decorator-style helper: returns a function that connects its argument
   * for `sender` and returns it unchanged.
   */
  connectVia(
    sender: S | typeof ANY,
    options?: Omit<ConnectOptions<S>, 'sender'>,
  ): <F extends Receiver<P, S, R>>(receiver: F) => F {
    const parsed = { ...parseConnectOptions(options, 'Signal.connectVia'), sender: sender === undefined ? ANY : sender };
    return (receiver) => {
      requireFunction(receiver, 'Signal.connectVia', 'receiver');
      this.#table.connect(receiver as AnyReceiver, parsed);
      return receiver;
    };
  }

  /** Connects `receiver` for the life of a `using` block: `using _ = sig.connectedTo(fn)`. */
  connectedTo(receiver: Receiver<P, S, R>, sender: S | typeof ANY = ANY): Subscription {
    return this.connect(receiver, { sender });
  }

  /**
   * Disconnects `receiver` from `sender`, or from every sender when `sender`
   * is {@link ANY} (the default). Returns `true` if anything was disconnected.
   */
  disconnect(receiver: Receiver<P, S, R>, sender: S | typeof ANY = ANY): boolean {
    requireFunction(receiver, 'Signal.disconnect', 'receiver');
    return this.#table.disconnect(receiver as AnyReceiver, sender);
  }

  /** Disconnects every receiver from every sender (each removal is reported by {@link receiverDisconnected}). */
  disconnectAll(): void {
    this.#table.disconnectAll();
  }

  /**
   * Calls every receiver for `sender` (ANY receivers, and those connected for
   * this sender) in connection order, and returns `[receiver, result]` pairs.
   * A receiver's error propagates to the caller. Muted: calls nothing.
   */
  send(sender?: S, payload?: P): Array<[Receiver<P, S, R>, R]> {
    if (this.#mutes) return [];
    const table = this.#table;
    const own = table.listFor(sender);
    const fast = own ? null : table.bare();
    if (fast) {
      const results = new Array<[Receiver<P, S, R>, R]>(fast.length);
      for (let i = 0; i < fast.length; i++) {
        const receiver = fast[i]!;
        results[i] = [receiver as Receiver<P, S, R>, receiver(sender, payload) as R];
      }
      return results;
    }
    const results: Array<[Receiver<P, S, R>, R]> = [];
    for (const connection of table.connectionsFor(own)) {
      const receiver = table.take(connection);
      if (receiver) results.push([receiver as Receiver<P, S, R>, receiver(sender, payload) as R]);
    }
    return results;
  }

  /**
   * Calls exactly the receivers {@link send} would, in the same order and
   * under the same rules, without collecting results: the hot path.
   */
  emit(sender?: S, payload?: P): void {
    const table = this.#table;
    // The fast arrays exist only while no sender has receivers of its own: no sender lookup here.
    if (!this.#mutes) {
      const fast = table.fast;
      if (fast != null) {
        for (let i = 0; i < fast.length; i++) {
          const receiver = fast[i]!; // called on its own: `this` is undefined, never the array
          receiver(sender, payload);
        }
        return;
      }
      // Every receiver weakly held (weak or owner-bound): one deref each. (`weakFast` is valid once `fast` is built.)
      const weak = table.weakFast;
      if (fast === null && weak !== null) {
        callBound(weak, sender, payload);
        return;
      }
    }
    this.#emitSlow(sender, payload);
  }

  /**
   * Like {@link send}, but awaits each receiver's result before calling the
   * next one, and resolves to the awaited results.
   */
  async sendAsync(sender?: S, payload?: P): Promise<Array<[Receiver<P, S, R>, Awaited<R>]>> {
    const results: Array<[Receiver<P, S, R>, Awaited<R>]> = [];
    if (this.#mutes) return results;
    const table = this.#table;
    for (const connection of table.connectionsFor(table.listFor(sender))) {
      const receiver = table.take(connection);
      if (receiver) results.push([receiver as Receiver<P, S, R>, (await receiver(sender, payload)) as Awaited<R>]);
    }
    return results;
  }

  /**
   * The next send a receiver connected with these options would get, as a
   * promise of `[sender, payload]`: `const [, order] = await placed.wait({ timeout: 5000 })`.
   * Rejects with a `TimeoutError` after `timeout` ms, with `signal.reason`
   * when `signal` aborts (at once, connecting nothing, if it already has),
   * or with the error of a throwing `filter`. Its one receiver is gone once
   * it settles, so `receiverCount` is back.
   */
  wait(options: WaitOptions<P, S> = {}): Promise<[sender: S, payload: P]> {
    checkWaitOptions(options, 'Signal.wait');
    const source = { where: 'Signal.wait', what: 'send', connect: (receiver: AnyReceiver, sender: unknown) => this.connect(receiver as Receiver<P, S, R>, { sender: sender as S }) };
    return waitFor(source, options);
  }

  /** `true` if a send from `sender` would call at least one receiver. */
  hasReceiversFor(sender: S): boolean {
    return !this.receiversFor(sender).next().done;
  }

  /** The receivers a send from `sender` would call, in call order. */
  *receiversFor(sender: S): IterableIterator<Receiver<P, S, R>> {
    const table = this.#table;
    for (const connection of table.connectionsFor(table.listFor(sender))) {
      if (connection.linked) yield connection.receiver() as Receiver<P, S, R>;
    }
  }

  /** Number of distinct connected receivers, however many senders each is connected for. */
  get receiverCount(): number {
    return this.#table.receiverCount;
  }

  /**
   * Mutes the signal until the returned handle is disposed:
   * `using _ = sig.muted()`. Mutes nest; disposing a handle twice counts once.
   */
  muted(): Disposable {
    this.#mutes++;
    let released = false;
    return {
      [Symbol.dispose]: () => {
        if (released) return;
        released = true;
        this.#mutes--;
      },
    };
  }

  /** `true` while at least one {@link muted} handle is undisposed. */
  get isMuted(): boolean {
    return this.#mutes !== 0;
  }

  /** `Signal("doc")` (or `Signal` without a doc), for logs. */
  toString(): string {
    return this.doc === undefined ? 'Signal' : `Signal(${JSON.stringify(this.doc)})`;
  }

  /** The rest of {@link emit}: muted, senders with receivers of their own, stale arrays, or receivers that need more than a bare call. */
  #emitSlow(sender: S | undefined, payload: P | undefined): void {
    if (this.#mutes) return;
    const table = this.#table;
    const own = table.listFor(sender);
    const fast = own ? null : table.bare();
    if (fast) for (const receiver of fast) receiver(sender, payload);
    else {
      for (const connection of table.connectionsFor(own)) {
        const receiver = table.take(connection);
        if (receiver) receiver(sender, payload);
      }
    }
  }
}
