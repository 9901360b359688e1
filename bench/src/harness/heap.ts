/**
 * Runs a heap scenario's candidates inside a child (run with `--expose-gc`):
 * rotated order, each figure the growth of `heapUsed` across full
 * collections, divided by how many items (subscriptions, events) it holds.
 */
import { keep } from '../receivers.js';
import { endOfJob, rotate } from './timed.js';
import type { Role, RoundContext, RowResult } from './types.js';

/** One row: `prepare` makes everything that must not be counted and returns the step whose retained heap is counted. */
export interface HeapCandidate {
  readonly name: string;
  readonly role: Role;
  prepare(): () => unknown;
}

/** Two full collections, so weak references and finalizers settle, then `heapUsed`. */
function settledHeap(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Bytes per item for one candidate: what its step retains, over `items`. */
function bytesPerItem(candidate: HeapCandidate, items: number, gc: () => void): number {
  const step = candidate.prepare();
  const before = settledHeap(gc);
  const held = step();
  const after = settledHeap(gc);
  keep(held);
  keep(undefined);
  return (after - before) / items;
}

/** Measures each candidate once, in an order rotated by the round number; returns bytes per item in the candidates' own order. */
export async function measureHeapCandidates(candidates: readonly HeapCandidate[], items: number, context: RoundContext): Promise<RowResult[]> {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error('heap scenarios need node --expose-gc');
  const only = context.only;
  const chosen = only === undefined ? candidates : candidates.filter((c) => c.name.includes(only));
  const values = new Map<HeapCandidate, number>();
  for (const candidate of rotate(chosen, context.round)) {
    await endOfJob();
    values.set(candidate, bytesPerItem(candidate, items, gc));
  }
  return chosen.map((c) => ({ name: c.name, role: c.role, value: values.get(c) ?? Number.NaN }));
}
