/**
 * Times one body with mitata: batch size found first (so each sample lasts
 * well above the timer's resolution), then warm-up, then mitata's samples,
 * of which the median is kept.
 */
import { measure } from 'mitata';
import type { Body } from './types.js';

/** How long things last, in nanoseconds. */
export interface Timing {
  /** Target duration of one timed sample (one call of the body with the batch size). */
  readonly sampleNs: number;
  /** Untimed running before the samples, after the batch size is found. */
  readonly warmupNs: number;
  /** Total sampled time per candidate and round. */
  readonly budgetNs: number;
}

/** Quick runs: short samples and budgets; full runs: long enough to settle on a noisy VM. */
export function timingFor(quick: boolean): Timing {
  return quick
    ? { sampleNs: 500_000, warmupNs: 10_000_000, budgetNs: 40_000_000 }
    : { sampleNs: 1_000_000, warmupNs: 100_000_000, budgetNs: 300_000_000 };
}

/** One candidate's figure in one round. */
export interface Measurement {
  readonly opsPerSec: number;
  /** Operations per timed sample. */
  readonly batch: number;
  readonly samples: number;
}

const nowNs = (): number => performance.now() * 1e6;

/** The batch size that makes `body(batch)` last about `sampleNs`. */
function calibrate(body: Body, sampleNs: number, start = 1): number {
  let n = start;
  for (;;) {
    const t0 = nowNs();
    body(n);
    const elapsed = nowNs() - t0;
    if (elapsed >= sampleNs || n >= 2 ** 30) return n;
    n = elapsed <= 0 ? n * 16 : Math.max(n + 1, Math.min(n * 16, Math.ceil((n * sampleNs * 1.1) / elapsed)));
  }
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
  collectGarbage();
  const stats = await measure(() => body(batch), {
    batch_threshold: 0, // one call of the body per sample: the body batches itself
    min_cpu_time: timing.budgetNs,
    min_samples: 12,
    warmup_samples: 1,
    gc: globalThis.gc === undefined ? false : collectGarbage,
  });
  return { opsPerSec: (batch * 1e9) / stats.p50, batch, samples: stats.samples.length };
}
