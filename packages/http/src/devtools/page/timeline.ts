import { el } from './dom.js';
import { matches, SHOW_ALL, type Filter } from './filter.js';
import { hueOf, previewOf, timeOf } from './format.js';
import { laneOf, Lanes, type LaneMode } from './lanes.js';
import type { TypeInfo, WireEvent } from './wire.js';

/** Rows in the page at most: the newest of the events the filter lets through, or a page of older ones. */
export const ROW_CAP = 1000;

/** A rendered event: its row and its swimlane marker. */
interface Row {
  readonly event: WireEvent;
  readonly element: HTMLElement;
}

/** Which rows are in the page: `from`..`to` (exclusive) of the `total` events the filter lets through. */
export interface RowWindow {
  readonly from: number;
  readonly to: number;
  readonly total: number;
  /** `true` while the window follows the newest events. */
  readonly following: boolean;
}

/**
 * The timeline: one row per event in seq order, a swimlane column per run
 * lane or scope. It holds every event it was given, and keeps at most
 * {@link ROW_CAP} rows in the page: the newest ones (following live events),
 * or a page of older ones. Text goes in as `textContent` only.
 */
export class Timeline {
  readonly #rowsElement: HTMLElement;
  readonly #types: ReadonlyMap<string, TypeInfo>;
  readonly #select: (event: WireEvent) => void;
  readonly #lanes: Lanes;
  #events: WireEvent[] = [];
  /** The events the filter lets through, in seq order. */
  #matching: WireEvent[] = [];
  /** The rows in the page: `#matching[#from ...]`. */
  #rows: Row[] = [];
  #from = 0;
  #following = true;
  #filter: Filter = SHOW_ALL;
  #mode: LaneMode = 'run';
  #selected: HTMLElement | undefined;

  constructor(root: HTMLElement, rows: HTMLElement, laneHead: HTMLElement, types: ReadonlyMap<string, TypeInfo>, select: (event: WireEvent) => void) {
    this.#rowsElement = rows;
    this.#types = types;
    this.#select = select;
    this.#lanes = new Lanes(laneHead, root);
  }

  /** Number of events given. */
  get size(): number {
    return this.#events.length;
  }

  /** Number of events the filter lets through. */
  get shown(): number {
    return this.#matching.length;
  }

  /** Which of them are in the page. */
  get window(): RowWindow {
    return { from: this.#from, to: this.#from + this.#rows.length, total: this.#matching.length, following: this.#following };
  }

  /** Takes events after the ones given so far; while following, their rows replace the oldest past the cap. */
  append(events: readonly WireEvent[]): void {
    const added: WireEvent[] = [];
    for (const event of events) {
      this.#events.push(event);
      if (!matches(this.#filter, event)) continue;
      this.#matching.push(event);
      this.#lanes.place(laneOf(this.#mode, event));
      added.push(event);
    }
    if (this.#following && added.length > 0) this.#appendRows(added.length > ROW_CAP ? added.slice(-ROW_CAP) : added);
  }

  /** Forgets every event (a `mesh-reset`: the server's bus is another one). */
  clear(): void {
    this.#events = [];
    this.#rebuild();
  }

  /** Shows only the events the filter lets through (the newest of them). */
  setFilter(filter: Filter): void {
    this.#filter = filter;
    this.#rebuild();
  }

  /** Switches the swimlanes between run lanes and scopes. */
  setLaneMode(mode: LaneMode): void {
    this.#mode = mode;
    this.#rebuild();
  }

  /** The page of rows before the ones shown. */
  older(): void {
    if (this.#from === 0) return;
    this.#following = false;
    this.#showFrom(Math.max(0, this.#from - ROW_CAP));
  }

  /** The page of rows after the ones shown (following live events once it reaches the newest). */
  newer(): void {
    const next = this.#from + this.#rows.length;
    if (next + ROW_CAP >= this.#matching.length) this.newest();
    else this.#showFrom(next);
  }

  /** Back to the newest rows, following live events. */
  newest(): void {
    this.#following = true;
    this.#showFrom(Math.max(0, this.#matching.length - ROW_CAP));
    this.#rowsElement.scrollTop = this.#rowsElement.scrollHeight;
  }

  /** Recomputes the matching events and lanes, and shows the newest rows. */
  #rebuild(): void {
    this.#lanes.clear();
    this.#matching = this.#events.filter((event) => matches(this.#filter, event));
    for (const event of this.#matching) this.#lanes.place(laneOf(this.#mode, event));
    this.newest();
  }

  /** Puts the rows of `#matching[from, from + ROW_CAP)` in the page. */
  #showFrom(from: number): void {
    this.#from = from;
    this.#rows = this.#matching.slice(from, from + ROW_CAP).map((event) => this.#row(event));
    this.#rowsElement.replaceChildren(...this.#rows.map((row) => row.element));
    if (!this.#following) this.#rowsElement.scrollTop = 0;
  }

  /** Adds rows at the end, removes the oldest past the cap, and keeps the view at the bottom if it was there. */
  #appendRows(events: readonly WireEvent[]): void {
    const view = this.#rowsElement;
    const atBottom = view.scrollHeight - view.scrollTop - view.clientHeight < 48;
    const batch = document.createDocumentFragment();
    for (const event of events) {
      const row = this.#row(event);
      this.#rows.push(row);
      batch.append(row.element);
    }
    view.append(batch);
    const excess = this.#rows.length - ROW_CAP;
    if (excess > 0) {
      const height = this.#rows[0]!.element.offsetHeight;
      for (const row of this.#rows.splice(0, excess)) row.element.remove();
      if (!atBottom) view.scrollTop -= excess * height;
    }
    this.#from = this.#matching.length - this.#rows.length;
    if (atBottom) view.scrollTop = view.scrollHeight;
  }

  /** The row of one event, its marker in its lane's column. */
  #row(event: WireEvent): Row {
    const type = this.#types.get(event.type);
    const element = el('div', 'row');
    element.dataset.seq = String(event.seq);
    element.tabIndex = 0;
    element.style.setProperty('--hue', String(hueOf(event.type)));
    if (type?.terminal === true) element.classList.add('terminal');
    if (event.type === 'HANDLER_ERROR') element.classList.add('failure');
    const lane = laneOf(this.#mode, event);
    const lanes = el('span', 'c-lanes');
    const marker = el('span', 'marker');
    marker.style.gridColumnStart = String(this.#lanes.place(lane) + 1);
    marker.title = lane;
    lanes.append(marker);
    const typeCell = el('span', 'c-type');
    typeCell.append(el('span', 'type-name', event.type));
    if (type?.terminal === true) typeCell.append(el('span', 'flag', 'terminal'));
    element.append(
      el('span', 'c-seq', String(event.seq)),
      el('span', 'c-time', timeOf(event.timestamp)),
      lanes,
      typeCell,
      el('span', `c-vis vis-${event.visibility}`, event.visibility),
      el('span', 'c-source', event.source ?? ''),
      el('span', 'c-run', event.runId === undefined ? '' : laneOf('run', event)),
      el('span', 'c-scope', event.scope ?? ''),
      el('span', 'c-data', previewOf(event.data)),
    );
    const choose = (): void => {
      this.#selected?.classList.remove('selected');
      element.classList.add('selected');
      this.#selected = element;
      this.#select(event);
    };
    element.addEventListener('click', choose);
    element.addEventListener('keydown', (key) => {
      if (key.key === 'Enter' || key.key === ' ') {
        key.preventDefault();
        choose();
      }
    });
    return { event, element };
  }
}
