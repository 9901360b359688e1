/**
 * Folds the rounds of a scenario into one row per candidate: the median over
 * rounds, and ratios taken round by round (both figures of a ratio come from
 * the same process, so machine-wide slowdowns cancel) then reduced to their median.
 */
import { spreadOf, type Spread } from './stats.js';
import type { Role, RoundResult, Scenario } from './types.js';

/** One candidate over every round. */
export interface RowSummary {
  readonly name: string;
  readonly role: Role;
  readonly series?: string;
  readonly size?: number;
  /** One figure per round, by round number. */
  readonly rounds: readonly number[];
  /** Median over rounds, with the range. */
  readonly value: Spread;
  /** The row the ratio is taken against. */
  readonly baselineRow: string;
  /** Per-round value / baseline value, reduced to median and range. */
  readonly ratio: Spread;
}

/** A scenario's rows over every round. */
export interface ScenarioSummary {
  readonly scenario: Scenario;
  readonly rounds: number;
  /** Each round's receiver sink, by round: evidence the receivers ran. */
  readonly sinks: readonly number[];
  readonly rows: readonly RowSummary[];
}

/** Per-round `a[i] / b[i]`, reduced to median and range. */
function perRoundRatio(a: readonly number[], b: readonly number[]): Spread {
  return spreadOf(a.map((v, i) => v / (b[i] ?? Number.NaN)));
}

/** Per-round `a / b` between two rows of a summary, as median and range; `undefined` if either row is missing. */
export function pairedRatio(summary: ScenarioSummary, a: string, b: string): Spread | undefined {
  const rowA = summary.rows.find((r) => r.name === a);
  const rowB = summary.rows.find((r) => r.name === b);
  return rowA === undefined || rowB === undefined ? undefined : perRoundRatio(rowA.rounds, rowB.rounds);
}

/** Summarises the round results of one scenario (any order). */
export function summarize(scenario: Scenario, results: readonly RoundResult[]): ScenarioSummary {
  const ordered = [...results].sort((x, y) => x.round - y.round);
  // A row missing from a round (or a missing baseline row) counts as NaN, which the medians skip.
  const roundsOf = (name: string): number[] => ordered.map((r) => r.rows.find((row) => row.name === name)?.value ?? Number.NaN);
  const rows = (ordered[0]?.rows ?? []).map(({ value: _first, ...row }): RowSummary => {
    const rounds = roundsOf(row.name);
    const baselineRow = scenario.baseline.rowFor(row);
    return { ...row, rounds, value: spreadOf(rounds), baselineRow, ratio: perRoundRatio(rounds, roundsOf(baselineRow)) };
  });
  return { scenario, rounds: ordered.length, sinks: ordered.map((r) => r.sink), rows };
}
