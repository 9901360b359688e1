/**
 * `pnpm report:tests`: writes the counts of the last test run (vitest's JSON report,
 * test-results.json) into docs/reliability.md, between its results markers: one row per kind
 * of test, one per package, and the run's date, commit and outcome.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DOC = path.join(ROOT, 'docs', 'reliability.md');
const REPORT = path.join(ROOT, 'test-results.json');
const START = '<!-- results:start (written by pnpm report:tests) -->';
const END = '<!-- results:end -->';

/** Kinds of test, by file name; the first that matches a file is its kind. */
const KINDS = [
  ['Model tests (fast-check against a reference model)', /model\.test\./],
  ['Soak and memory tests (--expose-gc)', /\.gc\.test\./],
  ['Bad-input tables', /bad-input/],
  ['Fault and process tests (kill -9, SIGSTOP, restarts, child processes)', /fault|cross-process|restart|security/],
  ['Hardening (linear cost, hostile payloads, stuck plugins, bounded queues, hosts)', /hardening|linear|rules-5-7|bounded|hosts|json\.test/],
  ['Browser tests (headless Chromium)', /\.browser\.test\./],
  ['Type tests (vitest --typecheck)', /\.test-d\./],
  ['Drop-ins against the originals (mitt, node:events)', /mitt|emitter|event-target/],
  ['Docs, examples, packaging and architecture', /^(docs|examples|scripts)\//],
  ['API rules and behaviour', /./],
];

const report = JSON.parse(fs.readFileSync(REPORT, 'utf8'));
const rows = new Map(KINDS.map(([kind]) => [kind, { files: 0, passed: 0, failed: 0 }]));
const packages = new Map();
for (const file of report.testResults) {
  // The path inside the repository (the report may come from another checkout of it).
  const name = file.name.split(path.sep).join('/').match(/(?:^|\/)((?:packages|examples|docs|scripts)\/.*)$/)?.[1] ?? file.name;
  const kind = KINDS.find(([, pattern]) => pattern.test(name))[0];
  const where = name.startsWith('packages/') ? `@mesh/${name.split('/')[1]}` : name.split('/')[0];
  const passed = file.assertionResults.filter((t) => t.status === 'passed').length;
  // A file that failed to load counts as one failure.
  const failed = file.assertionResults.filter((t) => t.status === 'failed').length || (file.status === 'failed' ? 1 : 0);
  for (const row of [rows.get(kind), packages.get(where) ?? packages.set(where, { files: 0, passed: 0, failed: 0 }).get(where)]) {
    row.files += 1;
    row.passed += passed;
    row.failed += failed;
  }
}

const table = (title, entries) => [
  `| ${title} | files | tests passed | failed |`,
  '| --- | ---: | ---: | ---: |',
  ...entries.filter(([, r]) => r.files > 0).map(([name, r]) => `| ${name} | ${r.files} | ${r.passed} | ${r.failed} |`),
].join('\n');

const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
})();
const total = { passed: report.numPassedTests, failed: report.numFailedTests };
const when = new Date(report.startTime).toISOString().slice(0, 16).replace('T', ' ');
const results = [
  START,
  `Last run: ${when} UTC, commit \`${commit}\`, Node ${process.version}: **${total.passed} passed, ${total.failed} failed**` +
    ` (${report.success ? 'green' : 'red'}).`,
  '',
  table('Kind', [...rows]),
  '',
  table('Where', [...packages].sort(([a], [b]) => a.localeCompare(b))),
  END,
].join('\n');

const doc = fs.readFileSync(DOC, 'utf8');
const start = doc.indexOf(START);
const end = doc.indexOf(END);
if (start < 0 || end < start) throw new Error(`report:tests: ${DOC} has no results markers (${START} … ${END})`);
fs.writeFileSync(DOC, doc.slice(0, start) + results + doc.slice(end + END.length));
console.log(`report:tests: wrote docs/reliability.md (${total.passed} passed, ${total.failed} failed)`);
