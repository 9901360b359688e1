import { describeValue } from '@mesh/signals/internal';
import type { Event } from './event.js';

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
