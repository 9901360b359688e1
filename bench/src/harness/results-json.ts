/** The machine-readable results: `bench/results.json`. */
import type { ScenarioSummary } from './aggregate.js';
import { heapPer } from './format.js';
import type { Machine } from './machine.js';
import type { Mode } from './protocol.js';
import type { Target, TargetOutcome } from './targets.js';

/** Everything a run produced, as written to results.json and used by the Markdown and SVG reports. */
export interface RunReport {
  readonly mode: Mode;
  readonly date: string;
  readonly rounds: number;
  readonly durationSeconds: number;
  readonly machine: Machine;
  readonly groups: ReadonlyArray<{ readonly title: string; readonly summaries: readonly ScenarioSummary[] }>;
  readonly targets: ReadonlyArray<{ readonly target: Target; readonly outcome: TargetOutcome }>;
}

/** `bytesPerSubscription`, `bytesPerEvent`: the key of a heap figure. */
const bytesKey = (per: string): string => `bytesPer${per.charAt(0).toUpperCase()}${per.slice(1)}`;

const round = (v: number, digits = 4): number | null => (Number.isFinite(v) ? Number(v.toPrecision(digits + 2)) : null);

/** The JSON document for a run. */
export function resultsJson(report: RunReport): string {
  const doc = {
    mode: report.mode,
    note: report.mode === 'quick' ? 'quick run: short samples with no settling collections, lighter priming and 3 rounds; indicative only' : undefined,
    date: report.date,
    node: report.machine.node,
    v8: report.machine.v8,
    cpu: report.machine.cpu,
    cores: report.machine.cores,
    machine: report.machine,
    rounds: report.rounds,
    durationSeconds: Math.round(report.durationSeconds),
    scenarios: report.groups.flatMap((g) =>
      g.summaries.map((s) => ({
        id: s.scenario.id,
        group: g.title,
        title: s.scenario.title,
        kind: s.scenario.kind,
        unit: s.scenario.kind === 'heap' ? `bytes per ${heapPer(s.scenario)}` : 'ops/s',
        baseline: s.scenario.baseline.label,
        rounds: s.rounds,
        sinks: s.sinks,
        candidates: s.rows.map((r) => ({
          name: r.name,
          role: r.role,
          ...(r.series === undefined ? {} : { series: r.series, size: r.size }),
          [s.scenario.kind === 'heap' ? bytesKey(heapPer(s.scenario)) : 'opsPerSec']: round(r.value.median),
          baselineRow: r.baselineRow,
          ratio: round(r.ratio.median),
          ratioRange: [round(r.ratio.min), round(r.ratio.max)],
          perRound: r.rounds.map((v) => round(v)),
        })),
      })),
    ),
    targets: report.targets.map(({ target, outcome }) => ({
      id: target.id,
      group: target.group,
      text: target.text,
      status: outcome.status,
      value: outcome.value === undefined ? null : round(outcome.value),
      threshold: outcome.threshold,
      figure: outcome.figure,
      borderline: outcome.borderline,
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
