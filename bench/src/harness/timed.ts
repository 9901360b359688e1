/** Runs a timed scenario's candidates inside a child: rotated order, one measurement each. */
import { collectGarbage, measureAsyncBody, measureBody, runUntimed, timingFor } from './measure.js';
import type { Candidate, RoundContext, RowResult } from './types.js';

/**
 * Yields to the event loop, so the job ends as it would in an app: pending
 * finalizers run and the objects `WeakRef.deref()` kept alive are released.
 */
export function endOfJob(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** `items` rotated left by `by`, so each round starts with a different candidate. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/**
 * Measures each candidate once, in an order rotated by the round number,
 * building its state right before it is timed and dropping it afterwards.
 * First, every synchronous candidate is built and run untimed for a moment
 * (its state then dropped): code the candidates share, such as their
 * receivers, has then seen all of them, so the first one timed is not
 * timed on code only it has shaped (it was about 10% faster than the
 * same candidate timed second). Async candidates, which own connections
 * and clients, skip that step and go through the async path (each sample
 * awaited). Returns ops/s per row in the candidates' own order.
 */
export async function measureCandidates(candidates: readonly Candidate[], context: RoundContext): Promise<RowResult[]> {
  const timing = timingFor(context.quick);
  const values = new Map<Candidate, number>();
  const only = context.only;
  const chosen = only === undefined ? candidates : candidates.filter((c) => c.name.includes(only));
  const order = rotate(chosen, context.round);
  for (const candidate of order) if (candidate.async !== true) runUntimed(candidate.setup(), timing.sharedWarmupNs);
  for (const candidate of order) {
    await endOfJob();
    collectGarbage();
    const { opsPerSec } = candidate.async === true ? await measureAsyncBody(candidate.setup(), timing) : await measureBody(candidate.setup(), timing);
    values.set(candidate, opsPerSec);
  }
  return chosen.map((c) => ({
    name: c.name,
    role: c.role,
    ...(c.series === undefined ? {} : { series: c.series }),
    ...(c.size === undefined ? {} : { size: c.size }),
    value: values.get(c) ?? Number.NaN,
  }));
}
