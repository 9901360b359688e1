/**
 * Times one body with mitata: batch size found first (so each sample lasts
 * well above the timer's resolution), then warm-up, then mitata's samples,
 * of which the median is kept. Asynchronous bodies take the same steps, each
 * call awaited ({@link measureAsyncBody}).
 */
import { measure } from 'mitata';
import type { AsyncBody, Body } from './types.js';

/** How long things last, in nanoseconds. */
export interface Timing {
  /** Target duration of one timed sample (one call of the body with the batch size). */
  readonly sampleNs: number;
  /** Untimed running before the samples, after the batch size is found. */
  readonly warmupNs: number;
  /** Total sampled time per candidate and round. */
  readonly budgetNs: number;
  /**
   * A full collection after warm-up and another before mitata's first sample
   * (with `--expose-gc`), so the samples start on a settled heap. The
   * collection before each candidate is built happens either way.
   */
  readonly settleHeap: boolean;
  /** How long the shared warm-up runs each synchronous candidate of a round before any is timed ({@link runUntimed}). */
  readonly sharedWarmupNs: number;
}

/**
 * Quick runs: short samples and budgets and no collections of their own
 * (each costs about 10 ms), so every scenario fits in under a minute; full
 * runs: long enough to settle on a noisy VM.
 */
export function timingFor(quick: boolean): Timing {
  return quick
    ? { sampleNs: 500_000, warmupNs: 3_000_000, budgetNs: 10_000_000, settleHeap: false, sharedWarmupNs: 2_000_000 }
    : { sampleNs: 1_000_000, warmupNs: 100_000_000, budgetNs: 300_000_000, settleHeap: true, sharedWarmupNs: 20_000_000 };
}

/** One candidate's figure in one round. */
export interface Measurement {
  readonly opsPerSec: number;
  /** Operations per timed sample. */
  readonly batch: number;
  readonly samples: number;
}

const nowNs = (): number => performance.now() * 1e6;

/** The next batch size to try after `n` operations took `elapsed` ns; `undefined` once a sample lasts `sampleNs`. */
function nextBatch(n: number, elapsed: number, sampleNs: number): number | undefined {
  if (elapsed >= sampleNs || n >= 2 ** 30) return undefined;
  return elapsed <= 0 ? n * 16 : Math.max(n + 1, Math.min(n * 16, Math.ceil((n * sampleNs * 1.1) / elapsed)));
}

/** The batch size that makes `body(batch)` last about `sampleNs`. */
function calibrate(body: Body, sampleNs: number, start = 1): number {
  let n = start;
  for (;;) {
    const t0 = nowNs();
    body(n);
    const next = nextBatch(n, nowNs() - t0, sampleNs);
    if (next === undefined) return n;
    n = next;
  }
}

/** Runs `body` untimed, in growing batches, until one batch lasts about `ns`. */
export function runUntimed(body: Body, ns: number): void {
  calibrate(body, ns);
}

/** Runs `body` untimed for about `ns`. */
function warm(body: Body, batch: number, ns: number): void {
  const end = nowNs() + ns;
  do body(batch);
  while (nowNs() < end);
}

/** A full garbage collection, when the child runs with `--expose-gc`. */
export function collectGarbage(): void {
  globalThis.gc?.();
}

/** Measures `body`: ops/s from the median sample. */
export async function measureBody(body: Body, timing: Timing): Promise<Measurement> {
  let batch = calibrate(body, timing.sampleNs);
  warm(body, batch, timing.warmupNs);
  // Optimised code is faster than the first calls: size the batch again.
  batch = calibrate(body, timing.sampleNs, batch);
  if (timing.settleHeap) collectGarbage();
  const stats = await measure(() => body(batch), {
    batch_threshold: 0, // one call of the body per sample: the body batches itself
    min_cpu_time: timing.budgetNs,
    min_samples: 12,
    warmup_samples: 1,
    gc: globalThis.gc === undefined || !timing.settleHeap ? false : collectGarbage,
  });
  return { opsPerSec: (batch * 1e9) / stats.p50, batch, samples: stats.samples.length };
}

/** {@link calibrate} for an async body: each call is awaited. */
async function calibrateAsync(body: AsyncBody, sampleNs: number, start = 1): Promise<number> {
  let n = start;
  for (;;) {
    const t0 = nowNs();
    await body(n);
    const next = nextBatch(n, nowNs() - t0, sampleNs);
    if (next === undefined) return n;
    n = next;
  }
}

/** {@link warm} for an async body. */
async function warmAsync(body: AsyncBody, batch: number, ns: number): Promise<void> {
  const end = nowNs() + ns;
  do await body(batch);
  while (nowNs() < end);
}

/**
 * Measures an async `body` as {@link measureBody} measures a synchronous one:
 * mitata sees a promise and awaits each sample, so a sample lasts until the
 * body settles (event-loop turns included).
 */
export async function measureAsyncBody(body: AsyncBody, timing: Timing): Promise<Measurement> {
  let batch = await calibrateAsync(body, timing.sampleNs);
  await warmAsync(body, batch, timing.warmupNs);
  batch = await calibrateAsync(body, timing.sampleNs, batch);
  if (timing.settleHeap) collectGarbage();
  const stats = await measure(() => body(batch), {
    batch_threshold: 0,
    min_cpu_time: timing.budgetNs,
    min_samples: 12,
    warmup_samples: 1,
    gc: globalThis.gc === undefined || !timing.settleHeap ? false : collectGarbage,
  });
  return { opsPerSec: (batch * 1e9) / stats.p50, batch, samples: stats.samples.length };
}
