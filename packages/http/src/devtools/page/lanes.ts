import type { WireEvent } from './wire.js';

/** What swimlanes are made of: a run's lanes, or the scopes (origin paths) of a bus tree. */
export type LaneMode = 'run' | 'scope';

/** The swimlane an event belongs to. */
export function laneOf(mode: LaneMode, event: WireEvent): string {
  if (mode === 'scope') return event.scope ?? '(no scope)';
  if (event.runId === undefined) return '(no run)';
  return event.lane === undefined ? event.runId : `${event.runId}/${event.lane}`;
}

/** Swimlane columns in order of first appearance. */
export class Lanes {
  readonly #columns = new Map<string, number>();

  /** Number of lanes. */
  get size(): number {
    return this.#columns.size;
  }

  /** The lane's column (0-based) and whether the lane is new. */
  place(lane: string): { column: number; added: boolean } {
    const known = this.#columns.get(lane);
    if (known !== undefined) return { column: known, added: false };
    const column = this.#columns.size;
    this.#columns.set(lane, column);
    return { column, added: true };
  }

  /** Forgets every lane. */
  clear(): void {
    this.#columns.clear();
  }
}
