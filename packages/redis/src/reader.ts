import { type Client, isRefusal, settlesBy, whenReady } from './connection.js';

/** Entries read per command. */
const COUNT = 500;
/** How long one blocking read waits for new entries before it is issued again. */
const BLOCK_MS = 2000;

/** One stream entry as read. */
export interface StreamEntry {
  readonly id: string;
  /** Its fields; `undefined` for a pending entry whose content was trimmed from the stream. */
  readonly message: Readonly<Record<string, string>> | undefined;
}

/** What the reader does with entries, and where it reports. */
export interface ReaderHooks {
  /** Delivers one entry; `false` stops reading (the entry and the rest of its batch stay unacked). */
  deliver(entryId: string, fields: Readonly<Record<string, string>>): boolean;
  report(error: unknown): void;
}

/** Where and how to read. */
export interface ReadPlan {
  readonly stream: string;
  /** With a group: at-least-once, acked after delivery, pending entries first. */
  readonly group: { readonly name: string; readonly consumer: string; readonly from: string } | undefined;
  /** Without a group: the id after which reading starts (already resolved from `'$'`). */
  readonly after: string;
}

/**
 * Reads the stream with blocking reads (XREADGROUP with a group, XREAD
 * without) on a connection of its own, hands each entry to `deliver` in
 * stream order, and with a group acks each batch after its delivery. After a
 * dropped link it waits for the client to reconnect, and a group consumer
 * reads its pending entries (id `0`) before new ones (`>`).
 */
export class StreamReader {
  readonly #client: Client;
  readonly #plan: ReadPlan;
  readonly #hooks: ReaderHooks;
  readonly #stop = new AbortController();
  #after: string;
  #blocking = false;
  #loop: Promise<void> | undefined;

  constructor(client: Client, plan: ReadPlan, hooks: ReaderHooks) {
    this.#client = client;
    this.#plan = plan;
    this.#hooks = hooks;
    this.#after = plan.after;
  }

  /** Starts the read loop. */
  start(): void {
    this.#loop = this.#run();
  }

  /**
   * Stops reading: a blocking read is cut short; a batch being delivered is
   * finished and acked first, unless Redis has not answered by `deadline`
   * (a `Date.now()` time): then the client is destroyed and the batch stays pending.
   */
  async stop(deadline: number): Promise<void> {
    this.#stop.abort();
    const loop = this.#loop ?? Promise.resolve();
    if ((this.#blocking || !(await settlesBy(loop, deadline))) && this.#client.isOpen) this.#client.destroy();
    await loop;
  }

  async #run(): Promise<void> {
    let pendingFirst = true;
    while (!this.#stop.signal.aborted) {
      try {
        if (!this.#client.isReady) {
          await whenReady(this.#client, this.#stop.signal);
          pendingFirst = true;
          continue;
        }
        const entries = await this.#read(pendingFirst);
        if (this.#stop.signal.aborted) return;
        if (pendingFirst && entries.length === 0) pendingFirst = false;
        if (!(await this.#deliverAll(entries))) return;
      } catch (error) {
        this.#blocking = false;
        if (this.#stop.signal.aborted) return;
        if (error instanceof Error && error.message.startsWith('NOGROUP') && this.#plan.group !== undefined) {
          await createGroup(this.#client, this.#plan.stream, this.#plan.group.name, this.#plan.group.from);
        } else if (isRefusal(error)) {
          this.#hooks.report(error);
          await whenReady(this.#client, this.#stop.signal, 1000);
        } else {
          // The link dropped (or Redis is loading): wait, then read pending entries again first.
          pendingFirst = true;
          await whenReady(this.#client, this.#stop.signal, 100);
        }
      }
    }
  }

  /** One read: pending entries (no blocking) or new ones (blocking). */
  async #read(pending: boolean): Promise<StreamEntry[]> {
    const { stream, group } = this.#plan;
    this.#blocking = !pending || group === undefined;
    const command =
      group === undefined
        ? ['XREAD', 'COUNT', String(COUNT), 'BLOCK', String(BLOCK_MS), 'STREAMS', stream, this.#after]
        : ['XREADGROUP', 'GROUP', group.name, group.consumer, 'COUNT', String(COUNT), ...(pending ? [] : ['BLOCK', String(BLOCK_MS)]), 'STREAMS', stream, pending ? '0' : '>'];
    // Sent as is and parsed here: node-redis's own reply parser throws on a pending entry whose content was trimmed (a nil entry).
    const reply = await this.#client.sendCommand(command);
    this.#blocking = false;
    return entriesOf(reply);
  }

  /** Delivers a batch in order, then (with a group) acks it. */
  async #deliverAll(entries: readonly StreamEntry[]): Promise<boolean> {
    if (entries.length === 0) return true;
    for (const entry of entries) {
      // A pending entry whose content was trimmed away comes back without fields: ack it, nothing to deliver.
      if (entry.message !== undefined && !this.#hooks.deliver(entry.id, entry.message)) return false;
      this.#after = entry.id;
    }
    // If the link drops before the ack, the entries stay pending: read again after the reconnect, dropped by id.
    if (this.#plan.group !== undefined) await this.#client.xAck(this.#plan.stream, this.#plan.group.name, entries.map((entry) => entry.id));
    return true;
  }
}

/**
 * The entries of an XREAD/XREADGROUP reply for one stream:
 * `[[stream, [[id, [field, value, ...] | nil], ...]]]`, or nil when none came.
 */
export function entriesOf(reply: unknown): StreamEntry[] {
  const streams = reply as [string, [string, string[] | null][]][] | null;
  return (streams?.[0]?.[1] ?? []).map(([id, flat]) => {
    if (flat === null) return { id, message: undefined };
    const message: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) message[flat[i]!] = flat[i + 1]!;
    return { id, message };
  });
}

/** Creates the consumer group (and the stream) unless it exists. */
export async function createGroup(client: Client, stream: string, group: string, from: string): Promise<void> {
  try {
    await client.xGroupCreate(stream, group, from, { MKSTREAM: true });
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
  }
}

/** The id of the newest entry of the stream (`0-0` when empty): where `'$'` stands now. */
export async function lastEntryId(client: Client, stream: string): Promise<string> {
  const newest = await client.xRevRange(stream, '+', '-', { COUNT: 1 });
  return newest[0]?.id ?? '0-0';
}
