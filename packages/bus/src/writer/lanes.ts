/**
 * The `laneSeq` counters, one per (runId, lane): events published with a
 * runId or a lane are numbered from 1 within it. A run's counters are
 * released when a terminal event of that run is stored.
 */
export class LaneCounters {
  readonly #runs = new Map<string | undefined, Map<string | undefined, number>>();

  /** The `laneSeq` the next event of (runId, lane) gets. */
  peek(runId: string | undefined, lane: string | undefined): number {
    return (this.#runs.get(runId)?.get(lane) ?? 0) + 1;
  }

  /** Hands out the next `laneSeq` of (runId, lane). */
  take(runId: string | undefined, lane: string | undefined): number {
    let lanes = this.#runs.get(runId);
    if (lanes === undefined) this.#runs.set(runId, (lanes = new Map()));
    const next = (lanes.get(lane) ?? 0) + 1;
    lanes.set(lane, next);
    return next;
  }

  /** Moves the counter of (runId, lane) up to `laneSeq` (an ingested event's), never down. */
  advance(runId: string | undefined, lane: string | undefined, laneSeq: number): void {
    if (laneSeq >= this.peek(runId, lane)) {
      let lanes = this.#runs.get(runId);
      if (lanes === undefined) this.#runs.set(runId, (lanes = new Map()));
      lanes.set(lane, laneSeq);
    }
  }

  /** Forgets a finished run's counters. */
  release(runId: string): void {
    this.#runs.delete(runId);
  }
}
