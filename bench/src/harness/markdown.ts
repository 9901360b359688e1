/** docs/benchmarks.md: machine, method, targets, and one table per scenario. */
import type { RunReport } from './results-json.js';
import { tableFor, type Table } from './tables.js';
import { timingFor } from './measure.js';

/** Escapes a table cell. */
const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** Renders a table as GitHub Markdown. */
export function renderMarkdown(table: Table): string {
  const header = `| ${table.headers.map(cell).join(' | ')} |`;
  const rule = `| ${table.align.map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`;
  return [header, rule, ...table.rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
}

function method(report: RunReport): string[] {
  const timing = timingFor(report.mode === 'quick');
  const ms = (ns: number): string => `${ns / 1e6} ms`;
  return [
    '## How it was measured',
    '',
    `- **Rounds in fresh processes.** Each scenario runs ${report.rounds} rounds; each round is a new \`node --expose-gc\` child process. ` +
      'Rounds are interleaved across scenarios (round 1 of every scenario, then round 2, ...), so a burst of outside load lands on one round of many scenarios rather than on every round of one.',
    '- **Priming.** Before anything is timed, each child drives every library and floor with 1, 2, 5 and 20 other listeners, eight payload shapes, and (for @mesh) weak, owner-bound, one-shot and sender-specific connections and connect/disconnect churn, ' +
      "so the call sites inside them are megamorphic as in an app, not specialised to the benchmark's one receiver set. " +
      "A scenario that brings libraries of its own primes them too: the mitt adapter (and mitt) with type and `'*'` handlers; the EventEmitter drop-in (and node:events) with other names, argument counts and once-listeners; " +
      '@mesh/bus, @mesh/scoped, immer, emittery and the bus floors with three event types, eight payload shapes, 0 to 5 subscribers, publish options, guards, middleware, a stream and scoped trees.',
    `- **Timing.** Candidates are measured one after another in an order rotated by the round number, each built right before it is timed. ` +
      `Before any is timed, each synchronous candidate is built and run untimed until one batch lasts ${ms(timing.sharedWarmupNs)}, so code the candidates share (their receivers) has seen all of them and the first one timed has no edge (it was about 10% faster than the same candidate timed second). ` +
      `A candidate's body runs a batch of operations per sample, sized so one sample lasts about ${ms(timing.sampleNs)}; after ${ms(timing.warmupNs)} of warm-up, ` +
      `[mitata](https://github.com/evanwashere/mitata) samples it for ${ms(timing.budgetNs)}, and the median sample gives the round's ops/s. ` +
      'Asynchronous candidates (the stream readers, emittery) take the same steps with every call of their body awaited, so their time includes the event-loop turns they wait for.',
    '- **Reduction.** ops/s is the median over rounds. Ratios are taken within each round (both figures from the same process) and their median is reported, ' +
      'so a ratio can differ slightly from dividing two ops/s cells. "spread of rounds" is half the range of the per-round figures over their median.',
    '- **No dead code.** Receivers are distinct closures (four different bodies in turn) that fold the payload into a module-level sink each child reports; ' +
      'the arrays built by `send` and by the pairs floor are stored in a module variable, and the bus floors keep their events in a ring as the bus keeps them in history, so their allocation cannot be elided.',
    '- **Roles.** *subject*: @mesh. *floor*: the least work the job needs with no library: a bare `for` loop over an array of functions ' +
      '(plus the `[receiver, result]` array for `send`, plus one `WeakRef.deref()` per receiver for weak receivers); ' +
      'for the bus, a fresh frozen object with the twelve fields of an event, appended to a ring array, and one handler called inside try/catch ' +
      '(plus one immer `produce` per middleware, or a minimal async queue for streams). *peer*: another library. ' +
      '*peer †*: tseep, which compiles its listener lists with `new Function`; a strict Content-Security-Policy (no `unsafe-eval`) forbids that, so it is shown apart and is never a baseline or part of a target.',
    '- **EventTarget** dispatches one reused `CustomEvent` with the payload in `detail` (allocating an event per dispatch would be the caller\'s cost). ' +
      "**emittery**'s `emit` is asynchronous (it returns a promise), so it is compared only in the bus publish table, where each op awaits it; " +
      "its `events()` iterator is not in the stream table, because emittery 2 builds it on `Promise.withResolvers`, which Node 20 lacks.",
    '',
  ];
}

function machine(report: RunReport): string[] {
  const m = report.machine;
  return [
    '## Machine',
    '',
    '| | |',
    '| --- | --- |',
    `| Node | ${m.node} (V8 ${m.v8}) |`,
    `| CPU | ${m.cpu}, ${m.cores} cores |`,
    `| Memory | ${m.memoryGiB} GiB |`,
    `| OS | ${m.platform} |`,
    `| Load at start | ${m.loadAtStart.toFixed(2)} (1-minute average; other jobs share this machine, so expect noise) |`,
    `| Run | ${report.mode}, ${report.rounds} rounds, ${Math.round(report.durationSeconds)} s, ${report.date} |`,
    '',
  ];
}

function targets(report: RunReport): string[] {
  const met = report.targets.filter((t) => t.outcome.status === 'met').length;
  return [
    '## Targets',
    '',
    `${met} of ${report.targets.length} met. A target marked *borderline* had rounds on both sides of its threshold.`,
    '',
    '| Target | Figure | Status |',
    '| --- | --- | --- |',
    ...report.targets.map(({ target, outcome }) => {
      const status = outcome.status === 'met' ? '✅ met' : outcome.status === 'missed' ? '❌ missed' : 'not run';
      return `| ${cell(target.text)} | ${cell(outcome.figure)} | ${status}${outcome.borderline ? ' (borderline)' : ''} |`;
    }),
    '',
  ];
}

function scenarios(report: RunReport, chart: string): string[] {
  const out: string[] = [];
  report.groups.forEach((group, i) => {
    out.push(`## ${group.title}`, '');
    if (i === 0) out.push(`![Bar chart of every throughput and heap table below](${chart})`, '');
    for (const summary of group.summaries) {
      const { scenario } = summary;
      out.push(`### ${scenario.title}`, '', `\`${scenario.id}\`: ${scenario.about}`, '', renderMarkdown(tableFor(summary)), '');
    }
  });
  return out;
}

/** The whole document; `chart` is the SVG's path relative to it. */
export function benchmarksMarkdown(report: RunReport, chart: string): string {
  const banner =
    report.mode === 'quick'
      ? ['> **Quick run** (`pnpm bench --quick`): short samples with no settling collections, lighter priming and 3 rounds, for checking the harness. Indicative only; run `pnpm bench` for figures to quote.', '']
      : [];
  return [
    '# Benchmarks',
    '',
    '<!-- Generated by `pnpm bench` (bench/src/harness/markdown.ts). Do not edit by hand; change the generator and rerun. -->',
    '',
    ...banner,
    `How fast @mesh is against its peers and against floors (the least work each job needs), measured by \`pnpm bench\` (sources in [bench/](../bench/src), raw figures in [bench/results.json](../bench/results.json)).`,
    '',
    ...machine(report),
    ...targets(report),
    ...method(report),
    ...scenarios(report, chart),
  ].join('\n');
}
