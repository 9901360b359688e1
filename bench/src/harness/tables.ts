/**
 * Turns a scenario summary into a plain table (headers, alignment, cells),
 * which the console and Markdown reports render each in their own way.
 */
import type { RowSummary, ScenarioSummary } from './aggregate.js';
import { heapPer, nsPerOp, plusMinus, roleLabel, roleRank, si, sizeLabel, times } from './format.js';
import { median } from './stats.js';

export interface Table {
  readonly headers: readonly string[];
  /** `l` or `r` per column. */
  readonly align: readonly ('l' | 'r')[];
  readonly rows: ReadonlyArray<readonly string[]>;
}

const byRole = (rows: readonly RowSummary[]): RowSummary[] =>
  rows.map((row, i) => ({ row, i })).sort((a, b) => roleRank(a.row.role) - roleRank(b.row.role) || a.i - b.i).map((x) => x.row);

function throughputTable(summary: ScenarioSummary): Table {
  return {
    headers: ['Candidate', 'Role', 'ops/s', `ratio to ${summary.scenario.baseline.label}`, 'spread of rounds'],
    align: ['l', 'l', 'r', 'r', 'r'],
    rows: byRole(summary.rows).map((r) => [
      r.name,
      roleLabel(r.role),
      si(r.value.median),
      times(r.ratio.median),
      plusMinus(r.value.median, r.value.min, r.value.max),
    ]),
  };
}

function heapTable(summary: ScenarioSummary): Table {
  return {
    headers: ['Candidate', 'Role', `bytes / ${heapPer(summary.scenario)}`, `ratio to ${summary.scenario.baseline.label}`, 'spread of rounds'],
    align: ['l', 'l', 'r', 'r', 'r'],
    rows: byRole(summary.rows).map((r) => [
      r.name,
      roleLabel(r.role),
      r.value.median.toFixed(0),
      times(r.ratio.median),
      plusMinus(r.value.median, r.value.min, r.value.max),
    ]),
  };
}

/** Rows grouped by series, sizes as columns: time per op, growth from the smallest to the largest size, and speed against the baseline. */
function scalingTable(summary: ScenarioSummary): Table {
  const sizes = [...new Set(summary.rows.map((r) => r.size ?? 0))].sort((a, b) => a - b);
  const series = [...new Set(summary.rows.map((r) => r.series ?? r.name))];
  const first = sizes[0] ?? 0;
  const last = sizes[sizes.length - 1] ?? 0;
  const cell = (name: string, size: number): RowSummary | undefined =>
    summary.rows.find((r) => (r.series ?? r.name) === name && r.size === size);
  return {
    headers: [
      'Series',
      'Role',
      ...sizes.map((s) => `${sizeLabel(s)}: time / op`),
      `cost ${sizeLabel(last)} / ${sizeLabel(first)}`,
      `speed vs ${summary.scenario.baseline.label}, ${sizeLabel(first)} / ${sizeLabel(last)}`,
    ],
    align: ['l', 'l', ...sizes.map((): 'r' => 'r'), 'r', 'r'],
    rows: series.map((name) => {
      const small = cell(name, first);
      const large = cell(name, last);
      const growth =
        small === undefined || large === undefined
          ? Number.NaN
          : median(small.rounds.map((v, i) => v / (large.rounds[i] ?? Number.NaN)));
      return [
        name,
        roleLabel(small?.role ?? 'peer'),
        ...sizes.map((s) => nsPerOp(cell(name, s)?.value.median ?? Number.NaN)),
        times(growth),
        `${times(small?.ratio.median ?? Number.NaN)} / ${times(large?.ratio.median ?? Number.NaN)}`,
      ];
    }),
  };
}

/** The table for a scenario, laid out for its kind. */
export function tableFor(summary: ScenarioSummary): Table {
  switch (summary.scenario.kind) {
    case 'throughput':
      return throughputTable(summary);
    case 'heap':
      return heapTable(summary);
    case 'scaling':
      return scalingTable(summary);
  }
}
