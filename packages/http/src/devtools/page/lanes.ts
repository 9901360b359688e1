import { el } from './dom.js';
import type { WireEvent } from './wire.js';

/** What swimlanes are made of: a run's lanes, or the scopes (origin paths) of a bus tree. */
export type LaneMode = 'run' | 'scope';

/**
 * Lanes with a column of their own; the lanes after them share one last
 * column, so 500 lanes take the room of 41 and type and data stay in view.
 */
export const LANE_COLUMNS = 40;

/** Past this many lanes their vertical labels no longer fit side by side: a one-line summary stands in for them. */
const LABELLED_LANES = 14;

/** The swimlane an event belongs to. */
export function laneOf(mode: LaneMode, event: WireEvent): string {
  if (mode === 'scope') return event.scope ?? '(no scope)';
  if (event.runId === undefined) return '(no run)';
  return event.lane === undefined ? event.runId : `${event.runId}/${event.lane}`;
}

/**
 * The swimlane columns, in order of first appearance, and their header: a
 * label per column, and `+N more` for the lanes that share the last one.
 */
export class Lanes {
  readonly #columns = new Map<string, number>();
  readonly #head: HTMLElement;
  readonly #root: HTMLElement;
  #more: HTMLElement | undefined;
  #summary: HTMLElement | undefined;

  /** `head` gets the labels; `root` the `--lane-count` the rows' grid reads. */
  constructor(head: HTMLElement, root: HTMLElement) {
    this.#head = head;
    this.#root = root;
  }

  /** Number of lanes. */
  get size(): number {
    return this.#columns.size;
  }

  /** The lane's column (0-based): its own, or the shared last one; a new lane gets a label or joins `+N more`. */
  place(lane: string): number {
    const known = this.#columns.get(lane);
    if (known !== undefined) return known;
    const column = Math.min(this.#columns.size, LANE_COLUMNS);
    this.#columns.set(lane, column);
    if (column < LANE_COLUMNS) {
      const label = el('span', 'lane-label', lane);
      label.title = lane;
      this.#head.append(label);
    } else {
      this.#more ??= this.#head.appendChild(el('span', 'lane-label lane-more'));
      const more = this.#columns.size - LANE_COLUMNS;
      this.#more.textContent = `+${more} more`;
      this.#more.title = `${more} more lanes share this column: filter by run or scope to see theirs`;
    }
    this.#root.style.setProperty('--lane-count', String(Math.min(this.#columns.size, LANE_COLUMNS + 1)));
    if (this.#columns.size > LABELLED_LANES) this.#summarize();
    return column;
  }

  /** Too many lanes for a label each: one line says how many there are (each dot names its lane on hover). */
  #summarize(): void {
    this.#root.classList.add('lanes-dense');
    this.#summary ??= this.#head.appendChild(el('span', 'lane-summary'));
    const lanes = this.#columns.size;
    const shared = lanes - LANE_COLUMNS;
    this.#summary.textContent = `${lanes} lanes${shared > 0 ? `: the last column holds ${shared} of them` : ''}. Hover a dot for its lane; filter by run or scope for fewer.`;
  }

  /** Forgets every lane and clears the header. */
  clear(): void {
    this.#columns.clear();
    this.#more = undefined;
    this.#summary = undefined;
    this.#root.classList.remove('lanes-dense');
    this.#head.replaceChildren();
    this.#root.style.setProperty('--lane-count', '0');
  }
}
