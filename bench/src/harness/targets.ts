/**
 * Targets: thresholds on the summaries, each evaluated to met, missed or not
 * run, with the figure behind it. Ratios are per-round ratios reduced to their
 * median; a target is flagged borderline when the rounds fall on both sides.
 */
import { pairedRatio, type ScenarioSummary } from './aggregate.js';
import { si } from './format.js';
import type { Spread } from './stats.js';

export type TargetStatus = 'met' | 'missed' | 'not run';

/** A target's result. */
export interface TargetOutcome {
  readonly status: TargetStatus;
  /** The median figure compared with the threshold (a ratio, or bytes). */
  readonly value?: number;
  readonly threshold: number;
  /** The figure for a reader, e.g. `1.23× eventemitter3 (rounds 1.10–1.31)`. */
  readonly figure: string;
  /** The rounds straddle the threshold: the verdict is within noise. */
  readonly borderline: boolean;
}

/** A threshold on one or two rows of one scenario. */
export interface Target {
  readonly id: string;
  /** Section of the report it belongs to, e.g. `@mesh/signals`. */
  readonly group: string;
  /** What is required, in words. */
  readonly text: string;
  readonly scenario: string;
  evaluate(summary: ScenarioSummary | undefined): TargetOutcome;
}

const ratioText = (s: Spread): string => `${s.median.toFixed(2)}×` + (s.min === s.max ? '' : ` (rounds ${s.min.toFixed(2)}–${s.max.toFixed(2)})`);

function outcome(spread: Spread | undefined, threshold: number, atLeast: boolean, describe: (s: Spread) => string): TargetOutcome {
  if (spread === undefined || Number.isNaN(spread.median)) {
    return { status: 'not run', threshold, figure: 'not measured', borderline: false };
  }
  const ok = (v: number): boolean => (atLeast ? v >= threshold : v <= threshold);
  return {
    status: ok(spread.median) ? 'met' : 'missed',
    value: spread.median,
    threshold,
    figure: describe(spread),
    borderline: ok(spread.min) !== ok(spread.max),
  };
}

interface PairSpec {
  id: string;
  group: string;
  text: string;
  scenario: string;
  /** The row under test. */
  row: string;
  /** The row it is compared with. */
  than: string;
  /** How `than` reads in the figure, e.g. `eventemitter3`. */
  thanLabel: string;
}

/**
 * `row` must reach at least `min` times the ops/s of `than`. With `ceiling`
 * (a floor row), the figure also says how far the floor itself gets, since no
 * implementation can beat it by more than noise.
 */
export function speedAtLeast(spec: PairSpec & { min: number; ceiling?: string }): Target {
  return {
    ...spec,
    evaluate(summary) {
      const floor = spec.ceiling === undefined || summary === undefined ? undefined : pairedRatio(summary, spec.ceiling, spec.than);
      const reach = floor === undefined ? '' : `; ${spec.ceiling} reaches ${floor.median.toFixed(2)}×`;
      return outcome(summary && pairedRatio(summary, spec.row, spec.than), spec.min, true, (s) => `${ratioText(s)} the speed of ${spec.thanLabel}${reach}`);
    },
  };
}

/** `row` may cost at most `max` times what `than` costs (cost = 1 / ops/s). */
export function costAtMost(spec: PairSpec & { max: number }): Target {
  return {
    ...spec,
    evaluate: (summary) =>
      outcome(summary && pairedRatio(summary, spec.than, spec.row), spec.max, false, (s) => `${ratioText(s)} the cost of ${spec.thanLabel}`),
  };
}

/** The median value of `row` (e.g. bytes) must be at most `max`. */
export function valueAtMost(spec: { id: string; group: string; text: string; scenario: string; row: string; max: number; unit: string }): Target {
  return {
    ...spec,
    evaluate: (summary) =>
      outcome(summary?.rows.find((r) => r.name === spec.row)?.value, spec.max, false, (s) =>
        `${s.median.toFixed(0)} ${spec.unit}` + (s.min === s.max ? '' : ` (rounds ${s.min.toFixed(0)}–${s.max.toFixed(0)})`),
      ),
  };
}

/** The median value of `row` (e.g. ops/s, as events per second) must be at least `min`. */
export function valueAtLeast(spec: { id: string; group: string; text: string; scenario: string; row: string; min: number; unit: string }): Target {
  return {
    ...spec,
    evaluate: (summary) =>
      outcome(summary?.rows.find((r) => r.name === spec.row)?.value, spec.min, true, (s) =>
        `${si(s.median)} ${spec.unit}` + (s.min === s.max ? '' : ` (rounds ${si(s.min)}–${si(s.max)})`),
      ),
  };
}

/** Evaluates every target against the summaries, by scenario id. */
export function evaluateTargets(
  targets: readonly Target[],
  summaries: ReadonlyMap<string, ScenarioSummary>,
): Array<{ target: Target; outcome: TargetOutcome }> {
  return targets.map((target) => ({ target, outcome: target.evaluate(summaries.get(target.scenario)) }));
}
