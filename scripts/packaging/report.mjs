/**
 * `pnpm report:pkg`: writes the results of the last check:pkg, lint:pkg and smoke:pkg runs
 * into docs/packaging.md (between its results markers, one table per package) and the sizes
 * into the size column of the README's package table.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { kb } from './check.mjs';
import { BUDGETS, NODE_ONLY, ROOT, publishableDirs, readManifest } from './packages.mjs';
import { IGNORED_RESOLUTIONS } from './lint.mjs';
import { loadResult } from './results.mjs';

const DOC = path.join(ROOT, 'docs', 'packaging.md');
const README = path.join(ROOT, 'README.md');
const START = '<!-- results:start (written by pnpm report:pkg) -->';
const END = '<!-- results:end -->';

const mark = (ok) => (ok ? '✅' : '❌');
const budgetKb = (bytes) => `${+(bytes / 1024).toFixed(2)} KB`;

/** "✅ 3.10 KB (budget 3 KB)" for the main entry of `pkg` in the check results. */
function sizeCell(check, name) {
  const entry = check?.packages.find((p) => p.name === name);
  const main = entry?.sizes.find((s) => s.subpath === '.');
  if (!main) return 'not measured';
  const budget = entry.budget ?? BUDGETS[name];
  return budget ? `${mark(main.gzipped <= budget)} ${kb(main.gzipped)} (budget ${budgetKb(budget)})` : kb(main.gzipped);
}

/** The attw cell: each entry point's ESM resolutions, and the ignored CJS ones. */
function attwCell(lint, name) {
  const entry = lint?.packages.find((p) => p.name === name);
  if (!entry) return 'not run';
  const entries = Object.entries(entry.attw.entrypoints)
    .filter(([subpath]) => !subpath.endsWith('.json'))
    .map(([subpath, res]) => {
      const shown = Object.entries(res).filter(([kind]) => !IGNORED_RESOLUTIONS.includes(kind));
      return `\`${subpath}\`: ${shown.map(([kind, r]) => `${kind} ${r === 'ok' ? '🟢' : r}`).join(', ')}`;
    });
  const verdict = entry.attw.problems.length === 0 ? '✅ no problems' : `❌ ${entry.attw.problems.join('; ')}`;
  return `${verdict} (profile esm-only; ${IGNORED_RESOLUTIONS.join(', ')} ignored). ${entries.join('; ')}`;
}

function smokeCell(smoke, name, step) {
  const result = smoke?.steps?.[step];
  if (!result || !smoke.packages.includes(name)) return 'not run';
  return result.ok ? `✅ ${result.detail}` : `❌ failed (see the smoke:pkg output)`;
}

function dependencyCell(manifest) {
  const deps = Object.entries(manifest.dependencies ?? {});
  if (deps.length === 0) return 'none';
  return deps.map(([dep, range]) => (range.startsWith('workspace:') ? `${dep} (same release)` : `${dep} ${range}`)).join(', ');
}

/** The generated part of docs/packaging.md. */
export function resultsMarkdown({ check, lint, smoke }) {
  const runs = [check, lint, smoke].filter(Boolean);
  const when = runs.length ? runs.map((r) => `${r.step} ${r.at.slice(0, 16).replace('T', ' ')} UTC`).join(', ') : 'never';
  const node = runs[0]?.node ?? process.version;
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {}
  const lines = [`Last run: ${when}; Node ${node}; on commit ${commit} (plus the working tree).`, ''];
  for (const dir of publishableDirs()) {
    const manifest = readManifest(dir);
    const { name } = manifest;
    const entry = check?.packages.find((p) => p.name === name);
    const subpaths = (entry?.sizes ?? []).filter((s) => s.subpath !== '.').map((s) => `\`${s.subpath}\` ${kb(s.gzipped)}`);
    const publint = lint?.packages.find((p) => p.name === name)?.publint;
    lines.push(`### ${name} ${manifest.version}`, '', '| Check | Result |', '| --- | --- |');
    lines.push(`| Size, main entry (min+gz, own code) | ${sizeCell(check, name)} |`);
    if (subpaths.length) lines.push(`| Size, subpath entries (min+gz, no budget) | ${subpaths.join(', ')} |`);
    lines.push(`| Dependencies | ${dependencyCell(manifest)} |`);
    lines.push(`| publint (on the tarball) | ${publint ? (publint.length === 0 ? '✅ no messages' : `❌ ${publint.join('; ')}`) : 'not run'} |`);
    lines.push(`| attw (on the tarball) | ${attwCell(lint, name)} |`);
    lines.push(`| npm install of the tarballs | ${smokeCell(smoke, name, 'install')} |`);
    lines.push(`| Node ESM | ${smokeCell(smoke, name, 'node')} |`);
    lines.push(`| TypeScript, node16 | ${smokeCell(smoke, name, 'ts-node16')} |`);
    lines.push(`| TypeScript, bundler | ${smokeCell(smoke, name, 'ts-bundler')} |`);
    const tsBrowser = NODE_ONLY.has(name) ? 'Node.js only: not in the browser project' : smokeCell(smoke, name, 'ts-browser');
    lines.push(`| TypeScript, browser project (lib ES2022 + DOM, no Node types) | ${tsBrowser} |`);
    const browser = NODE_ONLY.has(name) ? 'Node.js only: not in the browser bundle' : smokeCell(smoke, name, 'browser');
    lines.push(`| Browser (headless Chromium) | ${browser} |`, '');
  }
  return lines.join('\n').trim();
}

/** Replaces the results section of docs/packaging.md. */
function writeDoc(markdown) {
  const text = fs.readFileSync(DOC, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start === -1 || end < start) throw new Error(`${DOC} has no ${START} ... ${END} section`);
  fs.writeFileSync(DOC, `${text.slice(0, start + START.length)}\n\n${markdown}\n\n${text.slice(end)}`);
}

/** Puts each package's main-entry size into the "Size" column of the README's package table. */
function writeReadmeSizes(check) {
  const lines = fs.readFileSync(README, 'utf8').split('\n');
  const header = lines.findIndex((l) => /^\| Package \|/.test(l));
  const column = header === -1 ? -1 : lines[header].split('|').findIndex((c) => c.trim().startsWith('Size'));
  if (column === -1) throw new Error('README.md: no package table with a "Size" column');
  for (let i = header + 2; i < lines.length && lines[i].startsWith('|'); i++) {
    const cells = lines[i].split('|');
    const name = /`(@mesh\/[^`]+)`/.exec(cells[1] ?? '')?.[1];
    const entry = check.packages.find((p) => p.name === name);
    const main = entry?.sizes.find((s) => s.subpath === '.');
    if (!main) continue;
    cells[column] = ` ${kb(main.gzipped)} (budget ${budgetKb(entry.budget)}) `;
    lines[i] = cells.join('|');
  }
  fs.writeFileSync(README, lines.join('\n'));
}

const results = { check: loadResult('check'), lint: loadResult('lint'), smoke: loadResult('smoke') };
writeDoc(resultsMarkdown(results));
if (results.check) writeReadmeSizes(results.check);
console.log(`report:pkg: wrote ${path.relative(ROOT, DOC)}${results.check ? ' and the README sizes' : ''}`);
