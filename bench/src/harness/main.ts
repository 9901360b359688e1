/**
 * `pnpm bench [--quick] [--rounds=N] [scenario ...]`: runs every scenario for
 * several rounds, each round in a fresh child process, then prints the tables
 * and targets and writes bench/results.json, docs/benchmarks.md and
 * docs/benchmarks.svg.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GROUPS } from '../scenarios/index.js';
import { TARGETS } from '../targets.js';
import { summarize, type ScenarioSummary } from './aggregate.js';
import { parseOptions } from './cli.js';
import { printScenario, printTargets } from './console-report.js';
import { describeMachine } from './machine.js';
import { benchmarksMarkdown } from './markdown.js';
import { resultsJson, type RunReport } from './results-json.js';
import { runRound } from './spawn.js';
import { chartSvg } from './svg.js';
import { evaluateTargets } from './targets.js';
import type { RoundResult } from './types.js';

const file = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
/** Paths relative to bench/dist/harness/. */
const OUT = {
  json: file('../../results.json'),
  markdown: file('../../../docs/benchmarks.md'),
  svg: file('../../../docs/benchmarks.svg'),
};

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  console.log(`wrote ${path}`);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const selected = (id: string): boolean =>
    options.only.length === 0 || options.only.some((p) => id === p || (p.endsWith('*') && id.startsWith(p.slice(0, -1))));
  const groups = GROUPS.map((g) => ({ title: g.title, scenarios: g.scenarios.filter((s) => selected(s.id)) })).filter(
    (g) => g.scenarios.length > 0,
  );
  const scenarios = groups.flatMap((g) => g.scenarios);
  if (scenarios.length === 0) throw new Error(`no scenario matches ${options.only.join(', ')}`);

  const machine = describeMachine();
  const started = performance.now();
  console.log(
    `@mesh bench (${options.mode}): ${scenarios.length} scenarios × ${options.rounds} rounds, each round in a fresh child; ` +
      `Node ${machine.node}, ${machine.cpu} × ${machine.cores}, load ${machine.loadAtStart.toFixed(2)}`,
  );

  const results = new Map<string, RoundResult[]>(scenarios.map((s) => [s.id, []]));
  const timeoutMs = options.mode === 'quick' ? 60_000 : 600_000;
  for (let round = 0; round < options.rounds; round++) {
    const line: string[] = [];
    for (const scenario of scenarios) {
      const result = await runRound(scenario.id, round, options.mode, timeoutMs);
      results.get(scenario.id)?.push(result);
      line.push(`${scenario.id} ${(result.elapsedMs / 1000).toFixed(1)}s`);
    }
    console.log(`round ${round + 1}/${options.rounds} done (${((performance.now() - started) / 1000).toFixed(0)} s): ${line.join(', ')}`);
  }

  const summaries = new Map<string, ScenarioSummary>(scenarios.map((s) => [s.id, summarize(s, results.get(s.id) ?? [])]));
  for (const summary of summaries.values()) printScenario(summary);
  const targets = evaluateTargets(
    TARGETS.filter((t) => summaries.has(t.scenario)),
    summaries,
  );
  printTargets(targets);

  const report: RunReport = {
    mode: options.mode,
    date: new Date().toISOString(),
    rounds: options.rounds,
    durationSeconds: (performance.now() - started) / 1000,
    machine,
    groups: groups.map((g) => ({ title: g.title, summaries: g.scenarios.map((s) => summaries.get(s.id)!) })),
    targets,
  };
  if (!options.write) {
    console.log(options.only.length === 0 ? '\nreports not written (--no-write)' : '\nsome scenarios only: reports not written (add --write to write them anyway)');
    return;
  }
  write(OUT.json, resultsJson(report));
  write(OUT.svg, chartSvg(report));
  write(OUT.markdown, benchmarksMarkdown(report, 'benchmarks.svg'));
  console.log(`done in ${report.durationSeconds.toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
