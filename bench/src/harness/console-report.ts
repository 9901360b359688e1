/** Prints tables and targets to the terminal. */
import type { ScenarioSummary } from './aggregate.js';
import { tableFor, type Table } from './tables.js';
import type { Target, TargetOutcome } from './targets.js';

/** Renders a table with padded columns. */
export function renderText(table: Table): string {
  const widths = table.headers.map((h, c) => Math.max(h.length, ...table.rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, c) => (table.align[c] === 'r' ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join('  ');
  return [line(table.headers), widths.map((w) => '-'.repeat(w)).join('  '), ...table.rows.map(line)].map((l) => `  ${l.trimEnd()}`).join('\n');
}

/** Prints one scenario's table under its title. */
export function printScenario(summary: ScenarioSummary): void {
  const { scenario } = summary;
  console.log(`\n${scenario.id}: ${scenario.title} (median of ${summary.rounds} rounds)`);
  console.log(renderText(tableFor(summary)));
}

/** Prints every target with its status. */
export function printTargets(results: ReadonlyArray<{ target: Target; outcome: TargetOutcome }>): void {
  console.log('\nTargets');
  for (const { target, outcome } of results) {
    const mark = outcome.status === 'met' ? 'met   ' : outcome.status === 'missed' ? 'MISSED' : 'not run';
    console.log(`  ${mark}  ${target.text}: ${outcome.figure}${outcome.borderline ? ' (borderline: rounds on both sides)' : ''}`);
  }
}
