/** Small statistics over per-round figures. */

/** The median of `values` (the mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Smallest and largest of `values`, ignoring NaN. */
export function range(values: readonly number[]): { min: number; max: number } {
  const clean = values.filter((v) => !Number.isNaN(v));
  return clean.length === 0 ? { min: Number.NaN, max: Number.NaN } : { min: Math.min(...clean), max: Math.max(...clean) };
}

/** A median with the range it came from. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** The median and range of `values`. */
export function spreadOf(values: readonly number[]): Spread {
  return { median: median(values), ...range(values) };
}
