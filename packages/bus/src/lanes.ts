import { describeValue } from '@mesh/signals';
import type { Event } from './event-object.js';

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

  /** Forgets a finished run's counters. */
  release(runId: string): void {
    this.#runs.delete(runId);
  }
}

/**
 * Merges the events of parallel lanes into one deterministic sequence: at
 * each step it takes, among the next event of every lane, the one with the
 * smallest (timestamp, lane name, laneSeq). A lane's own order is never
 * changed, even where its timestamps disagree with it, and the result does
 * not depend on the order of the record's keys.
 */
export function parallelMerge<E extends Event>(lanes: Readonly<Record<string, readonly E[]>>): E[] {
  if (typeof lanes !== 'object' || lanes === null || Array.isArray(lanes)) {
    throw new TypeError(`parallelMerge: expected a record of lane name to events, got ${describeValue(lanes)}`);
  }
  const names = Object.keys(lanes).sort();
  const queues = names.map((name) => {
    const events = lanes[name];
    if (!Array.isArray(events)) throw new TypeError(`parallelMerge: lane ${JSON.stringify(name)} must be an array of events, got ${describeValue(events)}`);
    return events as readonly E[];
  });
  const positions = new Array<number>(queues.length).fill(0);
  const merged: E[] = [];
  for (;;) {
    let best = -1;
    for (let lane = 0; lane < queues.length; lane++) {
      const candidate = queues[lane]![positions[lane]!];
      if (candidate === undefined) continue;
      // Lanes are visited in name order, so on equal timestamps the earlier name wins.
      if (best === -1 || candidate.timestamp < queues[best]![positions[best]!]!.timestamp) best = lane;
    }
    if (best === -1) return merged;
    merged.push(queues[best]![positions[best]!++]!);
  }
}
