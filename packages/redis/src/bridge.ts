/// <reference lib="esnext.disposable" preserve="true" />
// (the declarations bring Disposable and Symbol.dispose along, for projects whose lib predates them)
import { type Event, type EventBus, HANDLER_ERROR } from '@mesh/bus';
import { rankOf } from '@mesh/bus/internal';
import { describeValue } from '@mesh/signals/internal';
import { encodeEntry } from './codec.js';
import { type Client, closeBy, connectClients } from './connection.js';
import { EntryConflictError, EventsDroppedError } from './errors.js';
import { Incoming, isArriving } from './incoming.js';
import { type NonJsonPayloads, whyNotJson } from './json.js';
import { type BridgeSettings, type RedisBridgeOptions, type RedisErrorContext, checkOptions, maskUrl } from './options.js';
import { Outbox } from './outbox.js';
import { StreamReader, createGroup, lastEntryId } from './reader.js';
import { StreamWriter } from './writer.js';

/** A live link between a bus and a Redis stream, made by {@link connectRedis}. */
export interface RedisBridge extends AsyncDisposable {
  /** Events written to the stream (acknowledged by Redis). */
  readonly published: number;
  /** Remote events delivered on the local bus (after dedupe). */
  readonly received: number;
  /**
   * Stops reading, writes what is pending, unsubscribes from the bus, removes
   * the JSON guard and disconnects, all within `closeTimeoutMs` even when
   * Redis stops answering (what is not written by then is reported as
   * dropped, with its count). Calling it again returns the same promise.
   */
  close(): Promise<void>;
}

/**
 * A compile error for buses whose outgoing payloads are not JSON values:
 * `unknown` when they all are, else a required property naming each
 * offending type and path, which no options object has.
 */
export type JsonPayloadsOnly<M, K extends keyof M> = [NonJsonPayloads<M, K>] extends [never]
  ? unknown
  : { readonly 'outgoing payloads must be JSON values (type them with JsonValue, JsonObject, JsonArray from @mesh/redis)': NonJsonPayloads<M, K> };

/** The event types that go out by default: all but `HANDLER_ERROR`. */
export type DefaultOutgoing<M> = Exclude<keyof M & string, typeof HANDLER_ERROR>;

/**
 * Connects `bus` to the Redis stream `options.stream`: local events of the
 * outgoing types go out (XADD, as JSON), and entries other processes wrote
 * come in through `bus.ingest` (same id, this bus's own `seq`), each id once.
 * For a `ScopedEventBus`, pass its `.bus` (the root's carries the whole tree).
 *
 * Resolves once both connections are up (and the group exists); rejects with
 * a `RedisUnreachableError` naming the URL when Redis cannot be reached within
 * `connectTimeoutMs`, and with a `TypeError`/`RangeError` for bad arguments.
 * A payload type that is not JSON is a compile error.
 *
 * ```ts
 * const bridge = await connectRedis(bus, { url: 'redis://127.0.0.1:6379', stream: 'shop', group: 'billing' });
 * bus.publish(EventType.ORDER_PLACED, { order: 'A-1', total: 120 }); // every process on 'shop' gets it
 * await bridge.close();
 * ```
 */
export async function connectRedis<M, K extends keyof M & string = DefaultOutgoing<M>>(
  bus: EventBus<M>,
  options: RedisBridgeOptions<K> & JsonPayloadsOnly<M, K>,
): Promise<RedisBridge> {
  if (!isBus(bus)) throw new TypeError(`connectRedis: bus must be an EventBus (for a ScopedEventBus, pass its .bus), got ${describeValue(bus)}`);
  const settings = checkOptions(options);
  if (bus.closed) throw new TypeError('connectRedis: the bus is closed');
  const bridge = new Bridge(bus as EventBus<unknown>, settings);
  await bridge.open();
  return bridge;
}

/** Whether `value` has what the bridge uses of an `EventBus`. */
function isBus(value: unknown): value is EventBus<unknown> {
  const bus = value as Partial<EventBus<unknown>> | null;
  return typeof bus === 'object' && bus !== null && ['subscribeAll', 'ingest', 'addGuard', 'reportError'].every((name) => typeof (bus as Record<string, unknown>)[name] === 'function');
}

/** The bridge: the bus side (subscription, guard, ingest) wired to a writer and a reader. */
class Bridge implements RedisBridge {
  readonly #bus: EventBus<unknown>;
  readonly #settings: BridgeSettings;
  /** Marks this bridge's own entries, so it skips them when it reads them back. */
  readonly #origin = crypto.randomUUID();
  readonly #incoming: Incoming;
  readonly #outbox: Outbox;
  #writer: StreamWriter | undefined;
  #reader: StreamReader | undefined;
  #clients: { writer: Client; reader: Client } | undefined;
  #detach: (() => void)[] = [];
  #published = 0;
  #linkDown = false;
  #closing: Promise<void> | undefined;

  constructor(bus: EventBus<unknown>, settings: BridgeSettings) {
    this.#bus = bus;
    this.#settings = settings;
    this.#incoming = new Incoming(bus, settings.dedupeSize, (error, context) => this.#report(error, context));
    this.#outbox = new Outbox(settings.bufferSize, (count) =>
      this.#report(new EventsDroppedError(count, `the outgoing buffer (bufferSize ${settings.bufferSize}) was full while Redis was away or slow`), {}),
    );
  }

  get published(): number {
    return this.#published;
  }

  get received(): number {
    return this.#incoming.received;
  }

  /** Connects, prepares the group or the start id, then joins the bus and starts reading. */
  async open(): Promise<void> {
    const { url, stream, group, consumer, from, connectTimeoutMs, maxLen } = this.#settings;
    const clients = await connectClients(url, connectTimeoutMs, (error) => this.#linkError(error));
    try {
      if (group !== undefined) await createGroup(clients.writer, stream, group, from);
      const after = group === undefined && from === '$' ? await lastEntryId(clients.writer, stream) : from;
      this.#clients = clients;
      for (const client of [clients.writer, clients.reader]) client.on('ready', () => (this.#linkDown = false));
      this.#writer = new StreamWriter(clients.writer, stream, maxLen, this.#outbox, {
        written: (count) => (this.#published += count),
        refused: (error, event) => this.#report(error, { event }),
      });
      this.#reader = new StreamReader(clients.reader, { stream, group: group === undefined ? undefined : { name: group, consumer, from }, after }, {
        deliver: (entryId, fields) => this.#deliver(entryId, fields),
        report: (error) => this.#report(error, {}),
      });
    } catch (error) {
      for (const client of [clients.writer, clients.reader]) client.destroy();
      throw error;
    }
    this.#detach = [
      this.#bus.addGuard((event) => this.#jsonGuard(event)),
      this.#bus.subscribeAll((event) => this.#send(event)),
    ];
    this.#reader.start();
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutdown();
    return this.#closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** Everything `close()` does, within one `closeTimeoutMs` even when Redis stops answering. */
  async #shutdown(): Promise<void> {
    const { closeTimeoutMs } = this.#settings;
    const deadline = Date.now() + closeTimeoutMs;
    await this.#reader?.stop(deadline);
    for (const detach of this.#detach) detach();
    await this.#writer?.flush(deadline);
    const left = this.#outbox.clear();
    if (left > 0) this.#report(new EventsDroppedError(left, `Redis did not take them within closeTimeoutMs (${closeTimeoutMs} ms) of close()`), {});
    for (const client of [this.#clients?.reader, this.#clients?.writer]) if (client !== undefined) await closeBy(client, deadline);
  }

  /** Whether a local event goes out: an outgoing type, visible enough. */
  #goesOut(event: Event): boolean {
    const { types, maxRank } = this.#settings;
    if (types === undefined ? event.type === HANDLER_ERROR : !types.has(event.type)) return false;
    return rankOf(event.visibility) <= maxRank;
  }

  /** Rule 2: an outgoing event's payload must be a JSON value. */
  #jsonGuard(event: Event): string | undefined {
    if (!this.#goesOut(event) || isArriving(event.id)) return undefined;
    const why = whyNotJson(event.data);
    return why === undefined ? undefined : `@mesh/redis (stream ${JSON.stringify(this.#settings.stream)}): the payload of ${event.type} must be a JSON value, but ${why}`;
  }

  /** The bus subscription: queue an outgoing event for the writer. */
  #send(event: Event): void {
    // Events published until close() unsubscribes (even from a handler that called close()) still go out.
    if (isArriving(event.id) || !this.#goesOut(event)) return;
    const taken = this.#incoming.deliveredFrom(event.id);
    if (taken !== undefined) this.#report(new EntryConflictError(event.id, taken, undefined), { event });
    let fields;
    try {
      fields = encodeEntry(event, this.#origin);
    } catch (error) {
      this.#report(error, { event });
      return;
    }
    this.#outbox.push({ event, fields });
    this.#writer!.wake();
  }

  /** One entry read from the stream: stop when the bus closed, skip our own, deliver the others'. */
  #deliver(entryId: string, fields: Readonly<Record<string, string>>): boolean {
    if (this.#bus.closed) {
      void this.close();
      return false;
    }
    if (fields['origin'] !== this.#origin) this.#incoming.deliver(entryId, fields); // our own: the local bus had it already
    return true;
  }

  /** A client lost the link: one report per outage (the client reconnects on its own). */
  #linkError(error: Error): void {
    if (this.#linkDown || this.#closing !== undefined) return;
    this.#linkDown = true;
    this.#report(new Error(`@mesh/redis: lost the link to Redis at ${maskUrl(this.#settings.url)} (${error.message}); reconnecting, outgoing events wait in the buffer`, { cause: error }), {});
  }

  #report(error: unknown, context: RedisErrorContext): void {
    const onError = this.#settings.onError;
    if (onError === undefined) {
      this.#bus.reportError(error, context); // the same context (entryId, event) as the option gets
      return;
    }
    try {
      onError(error, context);
    } catch (failure) {
      console.error('@mesh/redis: onError threw while reporting', error, failure);
    }
  }
}
