import type { Event, EventBus, StreamFilter, Visibility } from '@mesh/bus';
import { feedEvents, rankOf } from '@mesh/bus/internal';
import { ClientQueue } from './client-queue.js';
import { controlMessage, eventMessage } from './sse-message.js';

/** How much text one read of the body carries (about), when many events wait. */
const BATCH_CHARS = 64 * 1024;
/** History events taken per look-up while a client catches up. */
const PAGE = 512;

/** What a client's feed reads: the bus, the handler's filter and bound, and which events are terminal. */
export interface FeedSource {
  readonly bus: EventBus<Record<string, unknown>>;
  /** The handler's filter, its `visibility` set. */
  readonly filter: StreamFilter & { readonly visibility: Visibility };
  readonly bufferSize: number;
  readonly isTerminal: (event: Event) => boolean;
}

/**
 * One client's events as SSE text. A client that resumes first reads history
 * after its resume point, a page at a time as it takes them (a cursor on
 * `seq`, never through its queue), with `mesh-gap` where history evicted
 * events before the client read them; once it has caught up it follows live
 * events, in the same synchronous step, through a bounded {@link ClientQueue},
 * with `mesh-dropped` before the events that follow a drop.
 */
export class ClientFeed {
  readonly #source: FeedSource;
  readonly #epoch: string;
  readonly #maxRank: number;
  readonly #queue: ClientQueue;
  /** While catching up: the seq after which history is read next; `undefined` once live. */
  #cursor: number | undefined;
  /** History events taken and not yet sent. */
  #page: readonly Event[] = [];
  #pageAt = 0;
  /** The newest seq read from history: a live event at or below it was already had. */
  #caughtUpTo = 0;
  #detach: (() => void) | undefined;
  /** No live event will come any more (the bus closed). */
  #over = false;
  #closed = false;
  #wake: (() => void) | undefined;
  #reportedDrops = 0;
  #reportedTerminal = 0;
  /** A notice of the first page (a `mesh-gap`), sent first. */
  #opening = '';

  /** Starts live at once without `sinceSeq`; with it, from history after that seq. */
  constructor(source: FeedSource, sinceSeq: number | undefined) {
    this.#source = source;
    this.#epoch = source.bus.epoch;
    this.#maxRank = rankOf(source.filter.visibility);
    this.#queue = new ClientQueue(source.bufferSize, source.isTerminal);
    if (sinceSeq === undefined) {
      this.#attach();
    } else {
      // The first page is read now, with the request: what history holds at connection time is the client's.
      this.#cursor = sinceSeq;
      this.#opening = this.#turnPage();
    }
  }

  /** Live events waiting for this client (at most `bufferSize`). */
  get queued(): number {
    return this.#queue.size;
  }

  /** `true` once closed, or once the bus closed and everything was read. */
  get closed(): boolean {
    return this.#closed || (this.#over && this.#queue.size === 0 && this.#pageAt === this.#page.length);
  }

  /** Waits for something to send, then takes what is ready (about a batch); `undefined` once all is said. */
  async nextBatch(): Promise<string | undefined> {
    for (;;) {
      const text = this.#take();
      if (text !== '') return text;
      if (this.closed) return undefined;
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  /** Ends the feed: its bus subscription goes at once, and what waits is discarded. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#detach?.();
    this.#detach = undefined;
    this.#queue.clear();
    this.#page = [];
    this.#pageAt = 0;
    this.#wakeUp();
  }

  #take(): string {
    if (this.#closed) return '';
    let text = this.#opening;
    this.#opening = '';
    while (text.length < BATCH_CHARS) {
      if (this.#pageAt === this.#page.length && this.#cursor !== undefined) text += this.#turnPage();
      let event: Event | undefined;
      if (this.#pageAt < this.#page.length) {
        event = this.#page[this.#pageAt++];
      } else {
        // Drops counted so far happened before the oldest event still queued.
        text += this.#dropNotice();
        event = this.#queue.shift();
      }
      if (event === undefined) break;
      text += eventMessage(event, this.#epoch);
    }
    return text;
  }

  /**
   * Reads the next page of history after the cursor (a `mesh-gap` first when
   * history evicted events the client had not read); when that reaches the
   * newest event, the client goes live right away, so nothing falls between.
   */
  #turnPage(): string {
    const { bus, filter } = this.#source;
    let from = this.#cursor!;
    let notice = '';
    if (bus.evictedSeq > from) {
      notice = controlMessage('mesh-gap', { from: from + 1, to: bus.evictedSeq });
      from = bus.evictedSeq;
    }
    const matching = bus.history({ sinceSeq: from, ...historyFilterOf(filter) });
    const page: Event[] = [];
    let at = 0;
    for (; at < matching.length && page.length < PAGE; at++) {
      const event = matching[at]!;
      if (rankOf(event.visibility) <= this.#maxRank) page.push(event);
    }
    this.#page = page;
    this.#pageAt = 0;
    if (at < matching.length) {
      this.#cursor = matching[at - 1]!.seq;
    } else {
      this.#cursor = undefined;
      this.#caughtUpTo = matching.at(-1)?.seq ?? from;
      this.#attach();
    }
    return notice;
  }

  /** Follows live events from now on (or learns that none will come: the bus is closed). */
  #attach(): void {
    const { bus, filter } = this.#source;
    if (bus.closed) {
      this.#over = true;
      return;
    }
    this.#detach = feedEvents(
      bus,
      filter,
      (event) => {
        // An event read from history and still being delivered comes once only.
        if (event.seq <= this.#caughtUpTo) return;
        this.#queue.push(event);
        this.#wakeUp();
      },
      () => {
        this.#over = true;
        this.#detach = undefined;
        this.#wakeUp();
      },
      'sseHandler',
    );
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /** A `mesh-dropped` message when events were dropped since the last one: `{ dropped }`, and `terminal` when some were terminal. */
  #dropNotice(): string {
    const dropped = this.#queue.dropped - this.#reportedDrops;
    if (dropped === 0) return '';
    const terminal = this.#queue.droppedTerminal - this.#reportedTerminal;
    this.#reportedDrops += dropped;
    this.#reportedTerminal += terminal;
    return controlMessage('mesh-dropped', terminal === 0 ? { dropped } : { dropped, terminal });
  }
}

/** The part of a stream filter that `history()` applies itself (visibility is checked per event). */
function historyFilterOf(filter: StreamFilter): { types?: readonly string[]; runId?: string; lane?: string } {
  const out: { types?: readonly string[]; runId?: string; lane?: string } = {};
  if (filter.types !== undefined) out.types = filter.types;
  if (filter.runId !== undefined) out.runId = filter.runId;
  if (filter.lane !== undefined) out.lane = filter.lane;
  return out;
}
