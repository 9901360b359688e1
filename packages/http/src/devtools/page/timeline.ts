import { el } from './dom.js';
import { matches, SHOW_ALL, type Filter } from './filter.js';
import { hueOf, previewOf, timeOf } from './format.js';
import { laneOf, Lanes, type LaneMode } from './lanes.js';
import type { TypeInfo, WireEvent } from './wire.js';

/** A rendered event: its row and its swimlane marker. */
interface Row {
  readonly event: WireEvent;
  readonly element: HTMLElement;
  readonly marker: HTMLElement;
}

/**
 * The timeline: one row per event in seq order, a swimlane column per run
 * lane or scope, rows hidden by the filter. Text goes in as `textContent` only.
 */
export class Timeline {
  readonly #root: HTMLElement;
  readonly #rows: HTMLElement;
  readonly #laneHead: HTMLElement;
  readonly #types: ReadonlyMap<string, TypeInfo>;
  readonly #select: (event: WireEvent) => void;
  readonly #rendered: Row[] = [];
  readonly #lanes = new Lanes();
  #filter: Filter = SHOW_ALL;
  #mode: LaneMode = 'run';
  #shown = 0;
  #selected: HTMLElement | undefined;

  constructor(root: HTMLElement, rows: HTMLElement, laneHead: HTMLElement, types: ReadonlyMap<string, TypeInfo>, select: (event: WireEvent) => void) {
    this.#root = root;
    this.#rows = rows;
    this.#laneHead = laneHead;
    this.#types = types;
    this.#select = select;
  }

  /** Number of events rendered. */
  get size(): number {
    return this.#rendered.length;
  }

  /** Number of rendered events the filter lets through. */
  get shown(): number {
    return this.#shown;
  }

  /** Renders events after the ones already shown, keeping the view at the bottom if it was there. */
  append(events: readonly WireEvent[]): void {
    if (events.length === 0) return;
    const atBottom = this.#rows.scrollHeight - this.#rows.scrollTop - this.#rows.clientHeight < 48;
    const batch = document.createDocumentFragment();
    for (const event of events) {
      const row = this.#row(event);
      this.#rendered.push(row);
      this.#layout(row);
      batch.append(row.element);
    }
    this.#rows.append(batch);
    if (atBottom) this.#rows.scrollTop = this.#rows.scrollHeight;
  }

  /** Shows only the events the filter lets through. */
  setFilter(filter: Filter): void {
    this.#filter = filter;
    this.#relayout();
  }

  /** Switches the swimlanes between run lanes and scopes. */
  setLaneMode(mode: LaneMode): void {
    this.#mode = mode;
    this.#relayout();
  }

  /** Recomputes visibility and lanes from the rendered events: lanes are those of the shown events. */
  #relayout(): void {
    this.#lanes.clear();
    this.#laneHead.replaceChildren();
    this.#root.style.setProperty('--lane-count', '0');
    this.#shown = 0;
    for (const row of this.#rendered) this.#layout(row);
  }

  /** Hides or shows one row and puts its marker in its lane. */
  #layout(row: Row): void {
    const visible = matches(this.#filter, row.event);
    row.element.hidden = !visible;
    if (!visible) return;
    this.#shown++;
    const lane = laneOf(this.#mode, row.event);
    const { column, added } = this.#lanes.place(lane);
    if (added) {
      const label = el('span', 'lane-label', lane);
      label.title = lane;
      this.#laneHead.append(label);
      this.#root.style.setProperty('--lane-count', String(this.#lanes.size));
    }
    row.marker.style.gridColumnStart = String(column + 1);
    row.marker.title = lane;
  }

  /** The row of one event. */
  #row(event: WireEvent): Row {
    const type = this.#types.get(event.type);
    const element = el('div', 'row');
    element.dataset.seq = String(event.seq);
    element.tabIndex = 0;
    element.style.setProperty('--hue', String(hueOf(event.type)));
    if (type?.terminal === true) element.classList.add('terminal');
    if (event.type === 'HANDLER_ERROR') element.classList.add('failure');
    const lanes = el('span', 'c-lanes');
    const marker = el('span', 'marker');
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
    return { event, element, marker };
  }
}
