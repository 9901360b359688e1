/** Outgoing events were dropped before Redis acknowledged them: the buffer overflowed, or the bridge closed first. */
export class EventsDroppedError extends Error {
  override readonly name: string = 'EventsDroppedError';
  /** How many events were dropped. */
  readonly count: number;

  constructor(count: number, why: string) {
    super(`@mesh/redis: dropped ${count} outgoing event${count === 1 ? '' : 's'}: ${why}`);
    this.count = count;
  }
}

/** A stream entry that is not an event this bus accepts: it was acked and skipped. */
export class MalformedEntryError extends Error {
  override readonly name: string = 'MalformedEntryError';
  /** The Redis stream id of the entry. */
  readonly entryId: string;

  constructor(entryId: string, reason: string, options?: { cause?: unknown }) {
    super(`@mesh/redis: skipped stream entry ${entryId}: ${reason}`, options);
    this.entryId = entryId;
  }
}

/** `connectRedis` could not reach Redis in time; nothing was left connected or subscribed. */
export class RedisUnreachableError extends Error {
  override readonly name: string = 'RedisUnreachableError';
  /** The URL that was tried (its password masked). */
  readonly url: string;

  constructor(url: string, timeoutMs: number, options?: { cause?: unknown }) {
    const cause = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(`@mesh/redis: cannot reach Redis at ${url} within ${timeoutMs} ms${cause}`, options);
    this.url = url;
  }
}

/**
 * One event id, two different events: another writer used an id this bus had
 * already delivered from the stream. The later one is not delivered: an entry
 * is acked and skipped; a local event (whose id the stream delivered here
 * first) still goes out, and its receivers report it in turn.
 */
export class EntryConflictError extends Error {
  override readonly name: string = 'EntryConflictError';
  /** The event id both carry. */
  readonly eventId: string;
  /** The entry that delivered the id first. */
  readonly deliveredEntryId: string;
  /** The later entry, skipped; `undefined` when the later one is an event published here. */
  readonly entryId: string | undefined;

  constructor(eventId: string, deliveredEntryId: string, entryId: string | undefined) {
    const later = entryId === undefined ? 'an event published here' : `stream entry ${entryId} (skipped)`;
    super(`@mesh/redis: event id ${eventId} was delivered from stream entry ${deliveredEntryId}, then came again with other content in ${later}: another writer used this id`);
    this.eventId = eventId;
    this.deliveredEntryId = deliveredEntryId;
    this.entryId = entryId;
  }
}
