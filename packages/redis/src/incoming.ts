import type { Event, EventBus } from '@mesh/bus';
import { decodeEntry } from './codec.js';
import { EntryConflictError, MalformedEntryError } from './errors.js';
import type { RedisErrorContext } from './options.js';
import { RecentIds, digestOf } from './seen.js';

/** Event ids being ingested by some bridge right now: their delivery must not go back out through any bridge. */
const arriving = new Set<string>();

/** Whether the event with this id is being ingested by a bridge of this process right now. */
export const isArriving = (id: string): boolean => arriving.has(id);

/**
 * The incoming side of a bridge: decodes each entry another bridge or
 * producer wrote, delivers each event id once (`bus.ingest`), and reports
 * what it skips: malformed entries, entries the bus refuses, and entries
 * whose id was delivered before with other content (conflicts).
 */
export class Incoming {
  readonly #bus: EventBus<unknown>;
  readonly #seen: RecentIds;
  readonly #report: (error: unknown, context: RedisErrorContext) => void;
  /** Remote events delivered on the bus. */
  received = 0;

  constructor(bus: EventBus<unknown>, dedupeSize: number, report: (error: unknown, context: RedisErrorContext) => void) {
    this.#bus = bus;
    this.#seen = new RecentIds(dedupeSize);
    this.#report = report;
  }

  /** The entry that delivered event `id` here, if it is remembered. */
  deliveredFrom(id: string): string | undefined {
    return this.#seen.get(id)?.entryId;
  }

  /** One entry of another writer: decode, drop a repeat, report a conflict, or ingest. */
  deliver(entryId: string, fields: Readonly<Record<string, string>>): void {
    let event: Event;
    try {
      event = decodeEntry(fields);
    } catch (error) {
      this.#report(new MalformedEntryError(entryId, error instanceof Error ? error.message : String(error), { cause: error }), { entryId });
      return;
    }
    const id = event.id;
    const digest = digestOf(fields['event']!);
    const delivered = typeof id === 'string' ? this.#seen.get(id) : undefined;
    if (delivered !== undefined) {
      // The same event again (a repeated write, a pending entry read again) is dropped; another event under its id is a conflict.
      if (delivered.digest !== digest) this.#report(new EntryConflictError(id, delivered.entryId, entryId), { entryId });
      return;
    }
    arriving.add(id);
    try {
      this.#bus.ingest(event);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.#report(new MalformedEntryError(entryId, `the bus refused its event: ${reason}`, { cause: error }), { entryId });
      return;
    } finally {
      arriving.delete(id);
    }
    this.#seen.add(id, { entryId, digest });
    this.received++;
  }
}
