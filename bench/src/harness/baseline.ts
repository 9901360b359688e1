/** Baselines for scenario tables. */
import type { Baseline } from './types.js';

/** Every row is compared with the row called `name`. */
export function fixedBaseline(name: string): Baseline {
  return { label: name, rowFor: () => name };
}
